"""GraphiQL, served by the service itself: no CDN, the same version for everyone.

GraphiQL and React come from the npm registry at install time: ``make`` runs
``npm ci`` in ``api/transport/graphiql_assets/`` (its own ``package.json`` and
lock file), and the few files the page loads are served from there under
``/graphiql/``. The page's CSP allows scripts, styles and fonts from the service only;
styles may also be inline, because GraphiQL's editor sets them at run time.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

ASSETS = Path(__file__).parent / "graphiql_assets"
_INSTALLED = ASSETS / "node_modules"
PREFIX = "/graphiql"
# What the page loads, by the name it is served under: an allowlist, nothing else of
# node_modules is reachable.
FILES = {
    "react.production.min.js": _INSTALLED / "react/umd/react.production.min.js",
    "react-dom.production.min.js": _INSTALLED / "react-dom/umd/react-dom.production.min.js",
    "graphiql.min.js": _INSTALLED / "graphiql/graphiql.min.js",
    "graphiql.min.css": _INSTALLED / "graphiql/graphiql.min.css",
    "start.js": ASSETS / "start.js",
    "page.css": ASSETS / "page.css",
}
# The files change only with the lock file, which a deploy changes: an hour is safe.
CACHE_CONTROL = "public, max-age=3600"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
NOT_INSTALLED = (
    "GraphiQL's files are not installed here: run `make graphiql` "
    "(npm ci in api/transport/graphiql_assets)."
)

_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL: clinic content API</title>
<link rel="stylesheet" href="{PREFIX}/graphiql.min.css">
<link rel="stylesheet" href="{PREFIX}/page.css">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="{PREFIX}/react.production.min.js"></script>
<script src="{PREFIX}/react-dom.production.min.js"></script>
<script src="{PREFIX}/graphiql.min.js"></script>
<script src="{PREFIX}/start.js"></script>
</body>
</html>
"""


def is_installed() -> bool:
    return all(path.is_file() for path in FILES.values())


class GraphiQLPage:
    """The page ``/graphql`` answers a browser with."""

    content_security_policy = CONTENT_SECURITY_POLICY

    def response(self) -> Response:
        if not is_installed():
            return PlainTextResponse(NOT_INSTALLED, 503)
        return HTMLResponse(_PAGE, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})


async def _asset(request: Request) -> Response:
    path = FILES.get(request.path_params["name"])
    if path is None:
        return PlainTextResponse("No such GraphiQL file.", 404)
    if not path.is_file():
        return PlainTextResponse(NOT_INSTALLED, 503)
    return FileResponse(path, headers={"Cache-Control": CACHE_CONTROL})


def graphiql_route() -> Route:
    """``/graphiql/<file>``: the page's scripts and styles."""
    return Route(f"{PREFIX}/{{name}}", _asset, methods=["GET", "HEAD"])
