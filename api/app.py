"""The application factory: the one way the service is built (CLI, ASGI entry point, tests)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from api.graphql.view import GraphQLEndpoint
from api.http.request_id import RequestIdMiddleware
from api.http.routes import operational_routes
from api.live import LiveServices, watch_content
from api.services import Services
from api.settings import Settings


def create_app(settings: Settings | None = None) -> Starlette:
    """Load the content (raising ContentError if invalid), open search, and wire the routes."""
    settings = settings or Settings()
    logging.getLogger("api").setLevel(settings.log_level.upper())
    live = LiveServices(settings, Services.open(settings))
    graphql = GraphQLEndpoint(live, graphiql=settings.graphiql)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        *operational_routes(live),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(RequestIdMiddleware)],
        lifespan=_watching(live) if settings.watch else None,
    )
    app.state.live = live
    app.state.settings = settings
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
