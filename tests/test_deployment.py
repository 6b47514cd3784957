"""The deployment files, tested for what can be tested without Docker (not available here).

The Dockerfile's bases are pinned by digest; its lock file pins every runtime dependency
of pyproject.toml with hashes; and the final stage's own command line, run as an
unprivileged user over a read-only tree prepared by its own RUN line, serves and passes
its own HEALTHCHECK.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.api.servers import free_port
from tests.api.test_read_only_start import AS_NOBODY, needs_root, set_writable, tree_state
from tests.conftest import PROJECT_ROOT

DOCKERFILE = PROJECT_ROOT / "Dockerfile"
LOCK_FILE = PROJECT_ROOT / "requirements.lock"
APP_ROOT = "/srv/app"
VENV_BIN = "/opt/venv/bin"


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


def instructions() -> list[Instruction]:
    """The Dockerfile's instructions, continuation lines joined, comments left out."""
    logical: list[str] = []
    pending = ""
    for line in DOCKERFILE.read_text().splitlines():
        if line.lstrip().startswith("#") and not pending:
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    parsed = [line.strip().split(None, 1) for line in logical if line.strip()]
    return [Instruction(words[0].upper(), words[1] if len(words) > 1 else "") for words in parsed]


def final_stage() -> list[Instruction]:
    steps = instructions()
    last_from = max(i for i, step in enumerate(steps) if step.keyword == "FROM")
    return steps[last_from + 1 :]


def exec_form(instruction: Instruction) -> list[str]:
    arguments = instruction.arguments
    if arguments.startswith("CMD "):
        arguments = arguments[len("CMD ") :]
    command = arguments[arguments.index("[") :]
    loaded: list[str] = json.loads(command)
    return loaded


def image_environment(root: Path) -> dict[str, str]:
    """The final stage's ENV, with the image's folders mapped onto this machine's."""
    environment: dict[str, str] = {}
    for step in final_stage():
        if step.keyword == "ENV":
            for pair in shlex.split(step.arguments):
                name, _, value = pair.partition("=")
                environment[name] = value
    path = environment.pop("PATH").replace("$PATH", os.environ["PATH"])
    environment["PATH"] = path.replace(VENV_BIN, str(Path(sys.executable).parent))
    return {name: value.replace(APP_ROOT, str(root)) for name, value in environment.items()}


# A tag, optionally pinned to a digest (docs/operations.md: no digest could be looked up
# from here, so the Dockerfile ships tags until one is filled in where Docker runs).
BASE_IMAGE = re.compile(r"^[a-z0-9./-]+:[\w.-]+(@sha256:[0-9a-f]{64})?$")


def test_every_base_image_is_named_once_by_an_argument_ready_for_its_digest() -> None:
    steps = instructions()
    arguments = dict(
        step.arguments.split("=", 1)
        for step in steps
        if step.keyword == "ARG" and "=" in step.arguments
    )
    bases = [step.arguments.split()[0] for step in steps if step.keyword == "FROM"]

    assert bases
    for base in bases:
        # Each stage starts from an ARG, so pinning a base is one edit (or --build-arg).
        match = re.fullmatch(r"\$\{(\w+)\}", base)
        assert match, f"FROM {base}: name the image with an ARG"
        image = arguments[match.group(1)]
        assert BASE_IMAGE.match(image), f"{match.group(1)}={image}: a tag, or a tag@sha256:digest"
        assert not image.endswith(":latest"), image


def test_the_lock_file_pins_every_runtime_dependency_with_hashes() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    text = LOCK_FILE.read_text()
    pins = {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.MULTILINE)
    }
    entries = re.split(r"^(?=[A-Za-z0-9])", text, flags=re.MULTILINE)

    for declared in project["project"]["dependencies"]:
        requirement = Requirement(declared)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock (run `make lock`)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {requirement.name} {pins[name]}, "
            f"outside {requirement.specifier}"
        )
    for entry in entries:
        if "==" in entry.split("\n", 1)[0]:
            assert "--hash=sha256:" in entry, entry.split("\n", 1)[0]


@pytest.fixture
def image_tree(tmp_path: Path) -> Iterator[Path]:
    """The final stage's /srv/app: the content copied, then its own RUN line run."""
    root = tmp_path / "srv-app"
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    shutil.copytree(PROJECT_ROOT / "locales", root / "locales")
    environment = {**os.environ, **image_environment(root)}
    [prepare] = [
        step.arguments
        for step in final_stage()
        if step.keyword == "RUN" and "index" in step.arguments
    ]
    # The Dockerfile's own shell line, run as its RUN would run it.
    subprocess.run(
        prepare.replace(APP_ROOT, str(root)),
        shell=True,
        check=True,
        env=environment,
        capture_output=True,
    )
    set_writable(root, writable=False)
    yield root
    set_writable(root, writable=True)


@needs_root
def test_the_images_command_serves_a_read_only_tree_as_its_user(image_tree: Path) -> None:
    environment = {**image_environment(image_tree), "PORT": str(free_port())}
    [command] = [exec_form(step) for step in final_stage() if step.keyword == "CMD"]
    [healthcheck] = [exec_form(step) for step in final_stage() if step.keyword == "HEALTHCHECK"]
    before = tree_state(image_tree)
    url = f"http://127.0.0.1:{environment['PORT']}"

    with subprocess.Popen(
        [*AS_NOBODY, *command], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as server:
        try:
            _wait_until_up(url, server)
            health = subprocess.run([*AS_NOBODY, *healthcheck], env=environment, check=False)
            ready = httpx.get(f"{url}/readyz")
            graphiql = httpx.get(f"{url}/graphql", headers={"Accept": "text/html"})
        finally:
            server.terminate()
        log = server.communicate(timeout=10)[0].decode()

    assert health.returncode == 0
    assert ready.json()["status"] == "ready"
    assert graphiql.status_code == 200
    assert "Traceback" not in log
    assert "no validated snapshot" not in log
    assert tree_state(image_tree) == before


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        if server.poll() is not None:
            pytest.fail(f"the image's command exited with {server.returncode}")
        try:
            httpx.get(f"{url}/healthz", timeout=1)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                pytest.fail("the image's command did not start listening")
            time.sleep(0.1)
