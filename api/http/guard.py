"""The last line: an exception nothing else handled becomes the service's JSON 500.

Starlette's own last resort answers a plain-text 500 without the security headers,
the request id or a log line of ours. This middleware sits outside every other one of
the service, so whatever raises inside (a route, a middleware, the gate) is answered
in the one error shape, with the headers every response has, and logged once with its
traceback and request id, on the server only.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ErrorCode, error_entry, errors_payload
from api.http.caching import NO_STORE
from api.http.encoding import JSON, encode_json
from api.http.request_id import HEADER as REQUEST_ID_HEADER
from api.http.request_id import new_request_id
from api.http.security_headers import DEFAULT_SECURITY_HEADERS

logger = logging.getLogger("api.errors")

INTERNAL_ERROR_MESSAGE = "Internal server error"


class UnexpectedErrorGuard:
    """Pure ASGI middleware; the outermost of the service's own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_watching(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_watching)
        except Exception:
            request_id = scope.get("state", {}).get("request_id") or new_request_id().decode()
            logger.exception(
                "unexpected error answering %s %s request_id=%s",
                scope.get("method", "-"),
                scope.get("path", "-"),
                request_id,
            )
            if started:
                # Half a response is on the wire: only closing the connection is left.
                raise
            await _send_internal_error(send, request_id)


async def _send_internal_error(send: Send, request_id: str) -> None:
    entry = error_entry(
        ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE, requestId=request_id
    )
    body = encode_json(errors_payload([entry]))
    headers = [
        (b"content-type", JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", NO_STORE.encode()),
        (REQUEST_ID_HEADER.lower().encode(), request_id.encode()),
        *DEFAULT_SECURITY_HEADERS.items(),
    ]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": body})
