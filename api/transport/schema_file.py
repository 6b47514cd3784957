"""``/schema.graphql``: the schema's SDL, as committed in ``schema.graphql``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.graphql import schema_sdl
from api.http.caching import public_cache_control, validated_response
from api.settings import Settings

# No registered media type names SDL; this is the one GraphQL tools recognise.
SDL_MEDIA_TYPE = "application/graphql; charset=utf-8"


def schema_route(settings: Settings) -> Route:
    sdl = schema_sdl().encode()
    # The schema changes only with the code: caches may keep it as long as any answer.
    cache_control = public_cache_control(
        settings.cache_max_age, settings.cache_stale_while_revalidate
    )

    async def schema_file(request: Request) -> Response:
        return validated_response(
            request, sdl, media_type=SDL_MEDIA_TYPE, headers={"Cache-Control": cache_control}
        )

    # Starlette answers HEAD on every GET route.
    return Route("/schema.graphql", schema_file, methods=["GET"])
