"""The application factory: the one way the service is built (CLI, ASGI entry point, tests)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route

from api.embed import embed_routes
from api.http.access_log import AccessLogMiddleware
from api.http.errors import http_exception_response
from api.http.guard import UnexpectedErrorGuard
from api.http.request_id import RequestIdMiddleware
from api.http.request_metrics import RequestMetricsMiddleware
from api.http.security_headers import SecurityHeadersMiddleware
from api.operations import operational_routes
from api.partners import LivePartners, PartnerGate, RateLimiter, limits_storage
from api.partners.source import Clock
from api.scrape import metrics_route
from api.serving import LiveServices, Services, watch_content
from api.settings import Settings
from api.sitemaps import sitemap_routes
from api.transport import GraphQLHttpEndpoint, graphiql_route, schema_route


class ContentApi(Starlette):
    """The service's ASGI app, with the parts that tools and tests work with."""

    def __init__(
        self,
        *,
        live: LiveServices,
        graphql: GraphQLHttpEndpoint,
        partners: LivePartners,
        rate_limiter: RateLimiter,
        routes: list[BaseRoute],
        middleware: list[Middleware],
        watch: bool,
    ) -> None:
        super().__init__(
            routes=routes,
            middleware=middleware,
            # No route, or a method the route does not serve: the service's own error body.
            exception_handlers={HTTPException: http_exception_response},
            lifespan=_serving(live, watch=watch),
        )
        # The content being served; ``live.reload()`` picks up edits on disk.
        self.live = live
        # ``/graphql``, with its caches of documents, responses and replays.
        self.graphql = graphql
        # The partners file as last read, and the rate limits' windows.
        self.partners = partners
        self.rate_limiter = rate_limiter


def create_app(settings: Settings | None = None, *, clock: Clock = time.monotonic) -> ContentApi:
    """Load the content (raising ContentError if invalid), open search, and wire the routes.

    ``clock`` is what the partners file's re-reading measures time by.
    """
    settings = settings or Settings()
    logging.getLogger("api").setLevel(settings.log_level.upper())
    # Read first: a broken partners file (PartnersFileError) refuses startup at once.
    partners = LivePartners(settings.partners_file, clock=clock)
    limiter = RateLimiter(limits_storage(settings.redis_url))
    live = LiveServices(settings, Services.open(settings))
    graphql = GraphQLHttpEndpoint(live, settings)
    routes: list[BaseRoute] = [
        # Every method reaches the endpoint, which answers the ones it does not serve
        # with a GraphQL-shaped 405.
        Route("/graphql", graphql),
        schema_route(settings),
        *operational_routes(live),
        metrics_route(settings),
        *embed_routes(live, settings),
        *sitemap_routes(live, settings),
    ]
    if settings.graphiql:
        routes.append(graphiql_route())
    middleware = [
        # Outermost: whatever raises inside is still a JSON 500 with the usual headers.
        Middleware(UnexpectedErrorGuard),
        Middleware(RequestIdMiddleware),
        Middleware(AccessLogMiddleware),
        Middleware(RequestMetricsMiddleware),
        Middleware(SecurityHeadersMiddleware),
        # Innermost: its 401, 403 and 429 answers get request ids, logs and headers too.
        Middleware(
            PartnerGate,
            partners=partners,
            limiter=limiter,
            anonymous_access=settings.anonymous_access,
            anonymous_rate_limit=settings.anonymous_rate_limit,
        ),
    ]
    return ContentApi(
        live=live,
        graphql=graphql,
        partners=partners,
        rate_limiter=limiter,
        routes=routes,
        middleware=middleware,
        watch=settings.watch,
    )


def _serving(
    live: LiveServices, *, watch: bool
) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """A lifespan that watches the content (if asked) and, at shutdown, lets go of the
    search index's files: uvicorn ends the process by its signal, so no exit hook would."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch_content(live, stop)) if watch else None
        try:
            yield
        finally:
            stop.set()
            if watcher is not None:
                await watcher
            live.shut_down()

    return lifespan
