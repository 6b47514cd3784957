"""Operational routes: liveness, readiness and the schema's SDL."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from api.graphql import schema_sdl
from api.live import LiveServices


def operational_routes(live: LiveServices) -> list[Route]:
    sdl = schema_sdl()

    async def healthz(request: Request) -> Response:
        """Alive: the process answers. Says nothing about content (see /readyz)."""
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        """Ready: the content is loaded and the search index for its version is open."""
        services, status = live.current, live.status
        snapshot = services.snapshot
        body = {
            "status": "ready",
            "contentVersion": snapshot.version,
            "loadedAt": status.loaded_at.isoformat(),
            "content": {"articles": len(snapshot.articles), "faqs": len(snapshot.faqs)},
            "locales": list(snapshot.locales.enabled),
            "searchIndex": {"version": services.search.version, "open": True},
            # Problems of the files on disk: the last good version above is still served.
            "contentProblems": [problem.as_dict() for problem in status.problems],
        }
        return JSONResponse(body)

    async def schema_file(request: Request) -> Response:
        return PlainTextResponse(sdl, media_type="application/graphql")

    return [
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/readyz", readyz, methods=["GET", "HEAD"]),
        Route("/schema.graphql", schema_file, methods=["GET", "HEAD"]),
    ]
