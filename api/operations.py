"""Routes for operators and load balancers: liveness and readiness.

Anyone may ask whether the service is ready and which content version it serves;
only the operator (``CONTENT_API_OPERATOR_TOKEN``, see ``api/http/operator.py``) is told
more: counts, the search index, and the problems of the files on disk, which name
paths (draft keys among them) and quote values. Those are in the logs too.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.http.caching import NO_STORE
from api.http.operator import is_operator
from api.serving import LiveServices, Services


def operational_routes(live: LiveServices) -> list[Route]:
    async def healthz(request: Request) -> Response:
        """Alive: the process answers. Says nothing about content (see /readyz)."""
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        """Ready: the content is loaded and every locale's search index can serve."""
        services = live.current
        unavailable = services.search.unavailable_locales()
        body: dict[str, Any] = {
            "status": "not ready" if unavailable else "ready",
            "contentVersion": services.snapshot.version,
        }
        if is_operator(request.headers, live.settings.operator_token):
            body.update(_details(live, services, unavailable))
        return JSONResponse(
            body, status_code=503 if unavailable else 200, headers={"Cache-Control": NO_STORE}
        )

    return [
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/readyz", readyz, methods=["GET", "HEAD"]),
    ]


def _details(live: LiveServices, services: Services, unavailable: dict[str, str]) -> dict[str, Any]:
    """What only the operator sees."""
    catalog, status = services.catalog, live.status
    return {
        "loadedAt": status.loaded_at.isoformat(),
        # Published items only, as every other route counts them.
        "content": {
            "articles": len(catalog.published_articles),
            "faqs": len(catalog.published_faqs),
        },
        "locales": list(services.snapshot.locales.enabled),
        "searchIndex": {
            "version": services.search.version,
            "open": not unavailable,
            "unavailableLocales": unavailable,
        },
        # Problems of the files on disk: the last good version above is still served.
        "contentProblems": [problem.as_dict() for problem in status.problems],
    }
