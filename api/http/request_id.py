"""Request ids: one per request, in the logs, in masked errors and in ``X-Request-ID``."""

from __future__ import annotations

import itertools
import re
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logs import current_request_id

HEADER = "X-Request-ID"
_HEADER_KEY = HEADER.lower().encode()
# A proxy's id is reused only when it is short and plain: it ends up in logs verbatim.
_ACCEPTABLE_ID = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")


# Unique without a system call per request (uuid4 reads os.urandom each time, a tenth of
# a cached response's cost): a random prefix per process, then a counter.
_PROCESS_PREFIX = secrets.token_hex(8)
_SEQUENCE = itertools.count(1)


def new_request_id() -> bytes:
    return f"{_PROCESS_PREFIX}{next(_SEQUENCE):016x}".encode()


def _incoming_id(scope: Scope) -> bytes | None:
    for name, value in scope["headers"]:
        if name == _HEADER_KEY:
            return value if _ACCEPTABLE_ID.match(value) else None
    return None


class RequestIdMiddleware:
    """Sets ``request.state.request_id`` and echoes it in the response headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or new_request_id()
        scope.setdefault("state", {})["request_id"] = request_id.decode()
        # Every line logged while serving the request carries its id (api/logs.py).
        logged_as = current_request_id.set(request_id.decode())
        header = (_HEADER_KEY, request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Appended, not set: nothing else names this header, so no scan is needed.
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current_request_id.reset(logged_as)
