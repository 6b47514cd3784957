"""The baseline: a bare Starlette app that answers fixed JSON bodies, nothing else.

``bench/http_load.py`` records the API's response body for each case and serves it
here, pre-encoded, at ``/<case>``: the least any Starlette app under uvicorn can do
to send the same bytes. Run by uvicorn as ``bench.bare:app_from_environment``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODIES_VARIABLE = "BENCH_BARE_BODIES"


def create_app(bodies: Mapping[str, bytes]) -> Starlette:
    def endpoint(body: bytes) -> Callable[[Request], Awaitable[Response]]:
        async def respond(request: Request) -> Response:
            return Response(body, media_type="application/json")

        return respond

    routes = [Route(f"/{name}", endpoint(body)) for name, body in bodies.items()]
    return Starlette(routes=[*routes, Route("/", endpoint(b"{}"))])


def app_from_environment() -> Starlette:
    """The app for the bodies in the JSON file ``$BENCH_BARE_BODIES`` names (case -> text)."""
    bodies = json.loads(Path(os.environ[BODIES_VARIABLE]).read_text(encoding="utf-8"))
    return create_app({name: text.encode() for name, text in bodies.items()})
