"""Real GraphQL clients in Node against a real ``content-api serve``: Apollo Client 3 and
4, urql with Graphcache, relay-compiler and relay-runtime, graphql-codegen (the scripts
in tests/clients/src).

``make test`` installs their packages from package-lock.json with ``npm ci``. Without
node and npm these tests skip and say so; with them, a missing install is a failure.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.settings import Settings
from tests.api.servers import server_process
from tests.conftest import PROJECT_ROOT

CLIENTS = Path(__file__).resolve().parent
GENERATED = CLIENTS / "generated"
NODE_SECONDS = 60

NODE, NPM = shutil.which("node"), shutil.which("npm")
pytestmark = pytest.mark.skipif(
    NODE is None or NPM is None,
    reason="node and npm are not installed: the Node client tests (tests/clients) need them",
)


@pytest.fixture(scope="module")
def server(shipped_settings: Settings) -> Iterator[str]:
    if not (CLIENTS / "node_modules" / ".installed").exists():
        pytest.fail("tests/clients/node_modules is not installed: run `make clients` (npm ci)")
    with server_process(PROJECT_ROOT, shipped_settings.index_dir) as process:
        yield process.url


def node(script: str, *arguments: str) -> None:
    """Run one script of tests/clients/src; fail with its report unless every case passed."""
    assert NODE is not None
    run = subprocess.run(
        [NODE, str(CLIENTS / "src" / script), *arguments],
        cwd=CLIENTS,
        capture_output=True,
        text=True,
        timeout=NODE_SECONDS,
        check=False,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert "PASS" in run.stdout and "FAIL" not in run.stdout, report


@pytest.mark.parametrize("version", ["3", "4"])
def test_apollo_client_keeps_languages_apart_and_persists_queries(
    server: str, version: str
) -> None:
    node("apollo.mjs", server, version)


def test_urql_graphcache_keeps_languages_apart(server: str) -> None:
    node("urql.mjs", server)


def test_relay_compiles_refetchable_and_connection_and_keeps_the_language(server: str) -> None:
    # relay-compiler reads the schema the server serves, and writes its artifacts beside
    # the config (tests/clients/generated/, ignored by git).
    artifacts = GENERATED / "relay"
    shutil.rmtree(artifacts, ignore_errors=True)
    artifacts.mkdir(parents=True)
    schema = httpx.get(f"{server}/schema.graphql", timeout=10)
    assert schema.status_code == 200
    (GENERATED / "schema.graphql").write_bytes(schema.content)
    compiled = subprocess.run(
        [str(CLIENTS / "node_modules" / ".bin" / "relay-compiler"), "relay.config.json"],
        cwd=CLIENTS,
        capture_output=True,
        text=True,
        timeout=NODE_SECONDS,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    assert (artifacts / "ArticleCardRefetchQuery.graphql.js").exists()
    node("relay.mjs", server)


def test_codegen_types_every_scalar_from_sdl_and_introspection(server: str) -> None:
    node("codegen.mjs", server)
