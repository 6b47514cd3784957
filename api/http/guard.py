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

from api.errors import INTERNAL_ERROR_MESSAGE, ErrorCode
from api.http.errors import error_response
from api.http.request_id import HEADER as REQUEST_ID_HEADER
from api.http.request_id import new_request_id
from api.http.security_headers import DEFAULT_SECURITY_HEADERS

logger = logging.getLogger("api.errors")
# Outside the security headers' middleware, the guard adds them itself.
_SECURITY_HEADERS = {
    name.decode("latin-1"): value.decode("latin-1")
    for name, value in DEFAULT_SECURITY_HEADERS.items()
}


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
            response = error_response(
                500,
                ErrorCode.INTERNAL_SERVER_ERROR,
                INTERNAL_ERROR_MESSAGE,
                headers={REQUEST_ID_HEADER: request_id, **_SECURITY_HEADERS},
                requestId=request_id,
            )
            await response(scope, receive, send)
