"""What a slow, huge or spoofing client gets from a real ``content-api serve``, over raw sockets.

The bounds are the server's (api/cli/connections.py, uvicorn's own options) and the
app's (the body's deadline), so they are tested against a real process: a header
that never ends is cut at CONTENT_API_MAX_HEADER_BYTES with a 431, a head or a body
that arrives too slowly gets a 408, connections beyond CONTENT_API_MAX_CONNECTIONS a
503, and X-Forwarded-For counts only from CONTENT_API_TRUSTED_PROXIES.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.api.servers import running_server
from tests.conftest import PROJECT_ROOT

HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.0
MAX_CONNECTIONS = 6
RATE_LIMIT = 5


@dataclass(frozen=True)
class Server:
    url: str

    @property
    def address(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        assert parts.hostname is not None and parts.port is not None
        return parts.hostname, parts.port

    def connect(self) -> socket.socket:
        connection = socket.create_connection(self.address, timeout=10)
        return connection


def bounded_environment(**extra: str) -> dict[str, str]:
    return {
        "CONTENT_API_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
        "CONTENT_API_BODY_TIMEOUT": str(BODY_TIMEOUT),
        "CONTENT_API_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
        "CONTENT_API_ANONYMOUS_RATE_LIMIT": f"{RATE_LIMIT}/minute",
        **extra,
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    index = tmp_path_factory.mktemp("bounded-index")
    with running_server(PROJECT_ROOT, index, bounded_environment()) as url:
        yield Server(url)


def read_response(
    connection: socket.socket, within: float = 10.0
) -> tuple[int, dict[str, str], bytes]:
    """Everything the server sends until it closes the connection: status, headers, body."""
    connection.settimeout(within)
    received = b""
    while True:
        try:
            chunk = connection.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


def error_code(body: bytes) -> str:
    [error] = json.loads(body)["errors"]
    code: str = error["extensions"]["code"]
    return code


def send_quietly(connection: socket.socket, data: bytes) -> bool:
    """Send, reporting whether the server still took it (False once it hung up)."""
    try:
        connection.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        return False
    return True


def test_a_header_that_never_ends_is_cut_with_a_431(server: Server) -> None:
    with server.connect() as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        sent = 0
        # 4 MB would be sent if nothing stopped it; the server hangs up long before.
        while sent < 4_000_000 and send_quietly(connection, b"a" * 65536):
            sent += 65536
        status, headers, body = read_response(connection)

    assert status == 431
    assert error_code(body) == "HEADERS_TOO_LARGE"
    assert headers["x-content-type-options"] == "nosniff"
    # And the server hung up (read_response reads to the end of the connection).
    assert headers["connection"] == "close"


def test_a_large_body_in_one_chunk_is_not_mistaken_for_a_large_header(server: Server) -> None:
    # The body (20 KB, over the header bound) arrives with the head in one send.
    body = json.dumps({"query": "{ contentVersion }", "variables": {"pad": "x" * 20_000}})
    head = (
        "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    with server.connect() as connection:
        connection.sendall(head.encode() + body.encode())
        status, _, answer = read_response(connection)

    # Refused for its size by the app's own limit, not cut by the header bound.
    assert status == 413, answer
    assert error_code(answer) == "PAYLOAD_TOO_LARGE"


def test_headers_sent_too_slowly_get_a_408_and_the_connection_closes(server: Server) -> None:
    started = time.monotonic()
    with server.connect() as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        # A byte now and then, as a slow-loris client sends, never the blank line.
        for _ in range(3):
            time.sleep(HEADER_TIMEOUT / 3)
            send_quietly(connection, b"X")
        status, headers, body = read_response(connection)

    assert status == 408
    assert error_code(body) == "REQUEST_TIMEOUT"
    assert headers["x-content-type-options"] == "nosniff"
    assert time.monotonic() - started < HEADER_TIMEOUT + 5


def test_a_connection_that_sends_nothing_is_closed(server: Server) -> None:
    with server.connect() as connection:
        status, _, _ = read_response(connection, within=HEADER_TIMEOUT + 5)

    assert status == 408


def test_a_body_that_stalls_gets_a_408_in_the_error_shape(server: Server) -> None:
    head = (
        b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    with server.connect() as connection:
        connection.sendall(head + b'{"query": "{ conte')
        status, headers, body = read_response(connection, within=BODY_TIMEOUT + 5)

    assert status == 408
    assert error_code(body) == "REQUEST_TIMEOUT"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["connection"] == "close"


def test_connections_beyond_the_limit_are_refused_until_the_slow_ones_are_gone(
    server: Server,
) -> None:
    slow = [server.connect() for _ in range(MAX_CONNECTIONS)]
    try:
        for connection in slow:
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        time.sleep(0.2)
        crowded = httpx.get(f"{server.url}/healthz", timeout=10)
        # The slow ones are timed out; the service is back for everyone.
        time.sleep(HEADER_TIMEOUT + 1)
        after = httpx.get(f"{server.url}/healthz", timeout=10)
    finally:
        for connection in slow:
            connection.close()

    assert crowded.status_code == 503
    assert after.status_code == 200


def spoofed_statuses(url: str, count: int) -> list[int]:
    return [
        httpx.post(
            f"{url}/graphql",
            json={"query": "{ contentVersion }"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
            timeout=10,
        ).status_code
        for n in range(count)
    ]


def test_forwarded_addresses_are_ignored_unless_their_proxy_is_trusted(
    tmp_path: Path, server: Server
) -> None:
    untrusted = spoofed_statuses(server.url, 2 * RATE_LIMIT + 2)
    trusted_environment = bounded_environment(CONTENT_API_TRUSTED_PROXIES="127.0.0.1")
    with running_server(PROJECT_ROOT, tmp_path / "index", trusted_environment) as url:
        trusted = spoofed_statuses(url, 2 * RATE_LIMIT)

    # One bucket for every spoofed address: the client is the socket's peer.
    assert untrusted.count(429) >= RATE_LIMIT
    # Behind a trusted proxy, each forwarded address is a client of its own.
    assert trusted == [200] * (2 * RATE_LIMIT)
