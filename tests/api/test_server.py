"""End to end: ``content-api serve`` as a real process, queried over a real socket."""

from __future__ import annotations

import json
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.servers import STARTUP_DEADLINE_SECONDS, running_server, server_process
from tests.conftest import PROJECT_ROOT


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    with running_server(PROJECT_ROOT, tmp_path / "search_index") as url:
        yield url


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


def test_sigterm_lets_a_request_in_flight_finish(tmp_path: Path) -> None:
    body = json.dumps({"query": '{ faq(key: "side-effects", locale: "fr-CA") { question } }'})
    with server_process(PROJECT_ROOT, tmp_path / "search_index") as server:
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            head = (
                f"POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            # Half the body: the request is in flight when the signal arrives.
            connection.sendall(head.encode() + body[:10].encode())
            time.sleep(0.3)
            server.process.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            assert server.process.poll() is None, "the server quit with a request in flight"
            connection.sendall(body[10:].encode())
            reply = _read_all(connection)

        assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
        assert b"effets secondaires" in reply
        server.process.wait(timeout=15)
        # uvicorn re-raises the signal once it has shut down cleanly.
        assert server.process.returncode in {0, -signal.SIGTERM}, server.output()
        assert "Finished server process" in server.output()


def test_several_workers_share_one_index(tmp_path: Path) -> None:
    index_dir = tmp_path / "search_index"
    with server_process(PROJECT_ROOT, index_dir, serve_args=["--workers", "2"]) as server:
        answers = [
            httpx.post(
                f"{server.url}/graphql",
                json={"query": '{ search(query: "kétamine", locale: "fr-CA") { totalCount } }'},
                timeout=10,
            )
            for _ in range(8)
        ]
        # The first worker to listen answers before the second may have started.
        deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
        while server.output().count("Started server process") < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        log = server.output()

    assert all(answer.status_code == 200 for answer in answers)
    assert {answer.json()["data"]["search"]["totalCount"] for answer in answers} != {0}
    # The index was built once, before the workers started, and both opened it.
    versions = [
        entry
        for entry in index_dir.iterdir()
        if entry.name != "snapshots" and not entry.name.startswith(".")
    ]
    assert len([entry for entry in versions if entry.is_dir()]) == 1
    assert log.count("Started server process") == 2
    assert log.count("building the search index") == 1


def _read_all(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_head_sends_headers_and_no_body_over_a_socket(server_url: str) -> None:
    # httpx would not read a body after HEAD anyway: read the raw bytes instead.
    query = "/graphql?query=%7B%20contentVersion%20%7D"
    host, port = server_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"HEAD {query} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, rest = received.partition(b"\r\n\r\n")
    full = httpx.get(f"{server_url}{query}", timeout=10)

    assert head.startswith(b"HTTP/1.1 200")
    assert rest == b""
    assert f"content-length: {len(full.content)}".encode() in head.lower()
