"""``/metrics``: the Prometheus text format, for the operators ``CONTENT_API_METRICS`` allows.

``off`` answers 404, ``open`` anyone, ``token`` only requests with the operator token
(``Authorization: Bearer ...``). Under several workers the samples of all of them are
added up from the multi-process folder (see api/metrics.py).
"""

from __future__ import annotations

import os

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.errors import ErrorCode
from api.http.errors import error_response
from api.http.operator import is_operator
from api.settings import Settings

MULTIPROCESS_FOLDER_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def _samples() -> bytes:
    if os.environ.get(MULTIPROCESS_FOLDER_VARIABLE):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def metrics_route(settings: Settings) -> Route:
    async def metrics(request: Request) -> Response:
        if settings.metrics == "off":
            return error_response(404, ErrorCode.NOT_FOUND, "Metrics are turned off here.")
        if settings.metrics == "token" and not is_operator(
            request.headers, settings.operator_token
        ):
            return error_response(
                401,
                ErrorCode.OPERATOR_TOKEN_REQUIRED,
                "Metrics need the operator token: Authorization: Bearer <token>.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return Response(_samples(), media_type=CONTENT_TYPE_LATEST)

    return Route("/metrics", metrics, methods=["GET", "HEAD"])
