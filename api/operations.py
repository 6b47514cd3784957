"""Routes for operators and load balancers: liveness and readiness."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.serving import LiveServices


def operational_routes(live: LiveServices) -> list[Route]:
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

    return [
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/readyz", readyz, methods=["GET", "HEAD"]),
    ]
