"""End to end: ``content-api serve`` as a real process, queried over a real socket."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import PROJECT_ROOT

STARTUP_DEADLINE_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    command = Path(sys.executable).parent / "content-api"
    env = {
        **os.environ,
        "CONTENT_API_CONTENT_DIR": str(PROJECT_ROOT / "content"),
        "CONTENT_API_LOCALES_DIR": str(PROJECT_ROOT / "locales"),
        "CONTENT_API_INDEX_DIR": str(tmp_path / "search_index"),
        "CONTENT_API_PUBLIC_URL": "https://clinic.example",
    }
    process = subprocess.Popen(
        [str(command), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"server exited with {process.returncode}:\n{output}")
            try:
                httpx.get(f"{url}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("server did not start listening")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def test_real_server_answers_in_french_over_a_socket(server_url: str) -> None:
    response = httpx.post(
        f"{server_url}/graphql",
        json={"query": '{ article(key: "ketamine-trd") { title url } }'},
        headers={"Accept-Language": "fr-BE"},
        timeout=10,
    )

    assert response.status_code == 200
    article = response.json()["data"]["article"]
    assert article["title"].startswith("La kétamine")
    assert article["url"].startswith("https://clinic.example/fr-CA/articles/")
    assert response.headers["Content-Language"] == "fr-CA"
    assert httpx.get(f"{server_url}/readyz", timeout=10).json()["status"] == "ready"
