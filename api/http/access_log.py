"""One log line per request, with its request id, so a client's report can be traced.

Replaces uvicorn's access log, which cannot show the id.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("api.access")


class AccessLogMiddleware:
    """Sits inside the request-id middleware, so the id is known when it logs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not logger.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def send_recording_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_recording_status)
        except Exception:
            # Answered outside, by the guard (api/http/guard.py), with a 500.
            status = status or 500
            raise
        finally:
            client = scope.get("client")
            # The formatter puts the id on the line (api/logs.py); as a field of the record,
            # it reaches any other handler too.
            logger.info(
                '%s "%s %s" %d %.1fms',
                client[0] if client else "-",
                scope["method"],
                scope["path"],
                status,
                (time.perf_counter() - started) * 1000,
                extra={"request_id": scope.get("state", {}).get("request_id", "-")},
            )
