"""The application factory: the one way the service is built (CLI, ASGI entry point, tests)."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from api.graphql.view import GraphQLEndpoint
from api.http.request_id import RequestIdMiddleware
from api.http.routes import operational_routes
from api.services import Services
from api.settings import Settings


def create_app(settings: Settings | None = None) -> Starlette:
    """Load the content (raising ContentError if invalid), open search, and wire the routes."""
    settings = settings or Settings()
    logging.getLogger("api").setLevel(settings.log_level.upper())
    services = Services.open(settings)
    graphql = GraphQLEndpoint(services, graphiql=settings.graphiql)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        *operational_routes(services),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(RequestIdMiddleware)])
    app.state.services = services
    app.state.settings = settings
    return app
