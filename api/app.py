"""The application factory: the one way the service is built (CLI, ASGI entry point, tests)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Route

from api.embed import embed_routes
from api.http.access_log import AccessLogMiddleware
from api.http.errors import http_exception_response
from api.http.request_id import RequestIdMiddleware
from api.http.routes import operational_routes
from api.http.security_headers import SecurityHeadersMiddleware
from api.live import LiveServices, watch_content
from api.partners import LivePartners, PartnerGate, RateLimiter
from api.services import Services
from api.settings import Settings
from api.transport import GraphQLHttpEndpoint


def create_app(settings: Settings | None = None) -> Starlette:
    """Load the content (raising ContentError if invalid), open search, and wire the routes."""
    settings = settings or Settings()
    logging.getLogger("api").setLevel(settings.log_level.upper())
    # Read first: a broken partners file (PartnersFileError) refuses startup at once.
    partners = LivePartners(settings.partners_file)
    limiter = RateLimiter()
    live = LiveServices(settings, Services.open(settings))
    graphql = GraphQLHttpEndpoint(live, settings)
    routes = [
        # Every method reaches the endpoint, which answers the ones it does not serve
        # with a GraphQL-shaped 405.
        Route("/graphql", graphql),
        *operational_routes(live),
        *embed_routes(live, settings),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(AccessLogMiddleware),
            Middleware(SecurityHeadersMiddleware),
            # Innermost: its 401, 403 and 429 answers get request ids, logs and headers too.
            Middleware(
                PartnerGate,
                partners=partners,
                limiter=limiter,
                anonymous_access=settings.anonymous_access,
                anonymous_rate_limit=settings.anonymous_rate_limit,
            ),
        ],
        # No route, or a method the route does not serve: the service's own error body.
        exception_handlers={HTTPException: http_exception_response},
        lifespan=_watching(live) if settings.watch else None,
    )
    app.state.live = live
    app.state.graphql = graphql
    app.state.settings = settings
    app.state.partners = partners
    # Per-process rate-limit buckets (tests move their clock).
    app.state.rate_limiter = limiter
    return app


def _watching(live: LiveServices) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """A lifespan that watches the content for as long as the app runs."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch_content(live, stop))
        try:
            yield
        finally:
            stop.set()
            await watcher

    return lifespan
