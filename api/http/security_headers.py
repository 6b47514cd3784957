"""Security headers on every response, unless a route has set its own policy.

Only the embeddable pages may be framed: they say so with their own
``Content-Security-Policy``; everything else gets ``frame-ancestors 'none'``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Nothing here is a page to render, bar GraphiQL and the embeds, which set their own.
DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

_ALWAYS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"strict-origin-when-cross-origin",
}
_UNLESS_OWN_POLICY = {
    b"content-security-policy": DEFAULT_CONTENT_SECURITY_POLICY.encode(),
    b"x-frame-options": b"DENY",
}
_POLICY = b"content-security-policy"
# What a response of the service's own, with no policy of its own, carries.
DEFAULT_SECURITY_HEADERS = {**_ALWAYS, **_UNLESS_OWN_POLICY}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                # ASGI apps here send lower-case names (Starlette lower-cases them).
                present = {name for name, _ in headers}
                added = [(k, v) for k, v in _ALWAYS.items() if k not in present]
                if _POLICY not in present:
                    added += [(k, v) for k, v in _UNLESS_OWN_POLICY.items() if k not in present]
                message["headers"] = headers + added
            await send(message)

        await self.app(scope, receive, send_with_headers)
