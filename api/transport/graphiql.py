"""The GraphiQL page for people exploring the API in a browser, under its own CSP."""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.responses import HTMLResponse
from strawberry.http.ides import get_graphql_ide_html

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _script_hashes(html: str) -> list[str]:
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    ]


class GraphiQLPage:
    """Strawberry's GraphiQL page; its scripts and styles come from unpkg.com.

    The CSP allows exactly that page's inline scripts by hash, and styles inline
    because GraphiQL's editor injects them at run time.
    """

    def __init__(self) -> None:
        self.html = get_graphql_ide_html("graphiql")
        scripts = " ".join(["https://unpkg.com", *_script_hashes(self.html)])
        self.content_security_policy = "; ".join(
            (
                "default-src 'none'",
                f"script-src {scripts}",
                "style-src https://unpkg.com 'unsafe-inline'",
                "font-src https://unpkg.com data:",
                "img-src 'self' data:",
                "connect-src 'self'",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'",
            )
        )

    def response(self) -> HTMLResponse:
        return HTMLResponse(
            self.html, headers={"Content-Security-Policy": self.content_security_policy}
        )
