"""``/schema.graphql``: the schema's SDL, as committed in ``schema.graphql``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from api.graphql import schema_sdl


def schema_route() -> Route:
    sdl = schema_sdl()

    async def schema_file(request: Request) -> Response:
        return PlainTextResponse(sdl, media_type="application/graphql")

    return Route("/schema.graphql", schema_file, methods=["GET", "HEAD"])
