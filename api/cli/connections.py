"""What one HTTP connection may hold: uvicorn's httptools protocol, with the bounds it lacks.

uvicorn bounds idle keep-alive connections (``timeout_keep_alive``) and how many
connections and requests are served at once (``limit_concurrency``, 503 beyond it),
but neither the size of a request's line and headers nor the time a client may take
to send them: a client sending a header that never ends held memory, and one sending
a byte every few seconds held its connection, forever. This protocol adds both:

- request line and headers over ``CONTENT_API_MAX_HEADER_BYTES``: 431, then close;
- request line and headers not complete within ``CONTENT_API_HEADER_TIMEOUT``
  seconds of the connection opening (or of the previous response): 408, then close.

The body's own deadline (``CONTENT_API_BODY_TIMEOUT``) is the app's, where the body is
read (``api/transport/request.py``). Answers are in the service's error shape, with
its security headers.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from api.errors import ErrorCode, error_entry, errors_payload
from api.http.encoding import JSON, encode_json
from api.http.security_headers import DEFAULT_SECURITY_HEADERS
from api.settings import Settings

_REASONS = {408: b"Request Timeout", 431: b"Request Header Fields Too Large"}


@cache
def _settings() -> Settings:
    # uvicorn builds protocols from a class, in each worker: the bounds come from the
    # same CONTENT_API_* variables as everything else (checked by `serve` before).
    return Settings.from_env()


def refusal(status: int, code: ErrorCode, message: str) -> bytes:
    """A whole HTTP/1.1 response refusing the request, ending the connection."""
    body = encode_json(errors_payload([error_entry(code, message)]))
    headers = [
        (b"content-type", JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
        *DEFAULT_SECURITY_HEADERS.items(),
    ]
    head = b"HTTP/1.1 %d %s\r\n" % (status, _REASONS[status])
    return (
        head + b"".join(name + b": " + value + b"\r\n" for name, value in headers) + b"\r\n" + body
    )


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """``HttpToolsProtocol`` that bounds the size and arrival time of request heads."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        settings = _settings()
        self.max_header_bytes = settings.max_header_bytes
        self.header_timeout = settings.header_timeout
        # Bytes of the current request head received so far; None once it is complete.
        self.head_bytes: int | None = 0
        self.head_deadline: asyncio.TimerHandle | None = None
        # Requests whose body was read in full, so that a chunk ending one request and
        # starting the next is not counted against the next one's head.
        self.requests_read = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.head_bytes is not None and self.head_deadline is None:
            # Bytes of a new request after a response: its head is now on the clock.
            self._await_head()
        head_before, requests_before = self.head_bytes, self.requests_read
        super().data_received(data)
        if (
            head_before is None
            or self.head_bytes is None
            or self.requests_read != requests_before
            or self.transport.is_closing()
        ):
            return
        # Everything this chunk held belongs to the head that is still arriving.
        self.head_bytes = head_before + len(data)
        if self.head_bytes > self.max_header_bytes:
            self._refuse(
                431,
                ErrorCode.HEADERS_TOO_LARGE,
                f"The request line and headers are larger than {self.max_header_bytes} bytes.",
            )

    def on_headers_complete(self) -> None:
        self.head_bytes = None
        self._cancel_head_deadline()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        # Whatever comes next on this connection is the head of another request.
        self.requests_read += 1
        self.head_bytes = 0

    def _await_head(self) -> None:
        self._cancel_head_deadline()
        self.head_deadline = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _cancel_head_deadline(self) -> None:
        if self.head_deadline is not None:
            self.head_deadline.cancel()
            self.head_deadline = None

    def _head_too_slow(self) -> None:
        self.head_deadline = None
        if self.head_bytes is None or self.transport.is_closing():
            return
        self._refuse(
            408,
            ErrorCode.REQUEST_TIMEOUT,
            f"The request line and headers took longer than {self.header_timeout:g} s to arrive.",
        )

    def _refuse(self, status: int, code: ErrorCode, message: str) -> None:
        self._cancel_head_deadline()
        self.logger.info("refused a request from %s: %s", self.client, message)
        self.transport.write(refusal(status, code, message))
        self.transport.close()
