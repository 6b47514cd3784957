"""``content-api serve`` as an operator meets it: the port in every link, folders that are
not there, and log lines with a time and a request id under any ASGI server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from api.settings import Settings
from tests.api.servers import free_port, server_process
from tests.conftest import PROJECT_ROOT

BIN = Path(sys.executable).parent
TIMESTAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
FAQ_URL = '{ faq(key: "side-effects", locale: "fr-CA") { url } }'


def test_links_follow_the_port_when_no_public_url_is_set(shipped_settings: Settings) -> None:
    no_public_url = {"CONTENT_API_PUBLIC_URL": None}
    with server_process(PROJECT_ROOT, shipped_settings.index_dir, no_public_url) as server:
        response = httpx.post(f"{server.url}/graphql", json={"query": FAQ_URL})

    assert response.json()["data"]["faq"]["url"].startswith(f"{server.url}/fr-CA/faqs/")


@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({"CONTENT_API_CONTENT_DIR": "/nonexistent"}, "/nonexistent"),
        (
            {
                "CONTENT_API_CONTENT_DIR": str(PROJECT_ROOT / "content"),
                "CONTENT_API_LOCALES_DIR": "/no/locales",
            },
            "/no/locales",
        ),
        # Run from elsewhere than the project's root, on the default relative folders.
        ({"CONTENT_API_CONTENT_DIR": "content"}, "content (in /)"),
    ],
)
def test_a_missing_folder_is_one_line_naming_it(environment: dict[str, str], named: str) -> None:
    result = subprocess.run(
        [str(BIN / "content-api"), "serve", "--port", str(free_port())],
        env={**os.environ, **environment},
        check=False,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert f"the folder {named} does not exist" in line
    assert "Traceback" not in result.stderr


def test_json_logs_are_one_object_per_line_with_the_request_id(
    shipped_settings: Settings,
) -> None:
    json_logs = {"CONTENT_API_LOG_FORMAT": "json"}
    with server_process(PROJECT_ROOT, shipped_settings.index_dir, json_logs) as server:
        httpx.get(f"{server.url}/healthz", headers={"X-Request-ID": "trace-me-7"})
        log = _wait_for(server.output, "trace-me-7")

    entries = [json.loads(line) for line in log.splitlines() if line.strip()]
    [access] = [entry for entry in entries if entry["request_id"] == "trace-me-7"]
    assert access["logger"] == "api.access"
    assert '"GET /healthz" 200' in access["message"]
    assert all(re.fullmatch(TIMESTAMP, entry["time"]) for entry in entries)


def test_any_asgi_server_logs_requests_with_time_and_id(shipped_settings: Settings) -> None:
    """``uvicorn api.asgi:app``: uvicorn's own logging set up, then replaced by ours."""
    port = free_port()
    environment = {
        **os.environ,
        "CONTENT_API_CONTENT_DIR": str(PROJECT_ROOT / "content"),
        "CONTENT_API_LOCALES_DIR": str(PROJECT_ROOT / "locales"),
        "CONTENT_API_INDEX_DIR": str(shipped_settings.index_dir),
    }
    command = [str(BIN / "uvicorn"), "api.asgi:app", "--port", str(port)]
    with subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        try:
            _get_when_up(f"http://127.0.0.1:{port}/healthz", {"X-Request-ID": "trace-me-8"})
        finally:
            process.terminate()
        output, _ = process.communicate(timeout=10)

    lines = [line for line in output.splitlines() if line.strip()]
    [access] = [line for line in lines if "trace-me-8" in line]
    assert re.match(rf"{TIMESTAMP} INFO api\.access \[trace-me-8\] .*\"GET /healthz\" 200", access)
    assert all(re.match(TIMESTAMP, line) for line in lines), lines


def _wait_for(output: Callable[[], str], text: str) -> str:
    deadline = time.monotonic() + 5
    while text not in output() and time.monotonic() < deadline:
        time.sleep(0.05)
    return output()


def _get_when_up(url: str, headers: dict[str, str]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url, headers=headers, timeout=1)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
