"""The ``/graphql`` endpoint: Strawberry's ASGI view, given our context."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from api.graphql.context import RequestContext
from api.graphql.errors import public_error
from api.graphql.schema import schema
from api.live import LiveServices


class GraphQLEndpoint(GraphQL[RequestContext, None]):
    """POST and GET queries (GET for caching); GraphiQL when a browser asks for the page."""

    def __init__(self, live: LiveServices, *, graphiql: bool) -> None:
        super().__init__(schema, graphql_ide="graphiql" if graphiql else None)
        self.live = live

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        # Only HTTP is served: the schema has no subscriptions.
        assert isinstance(request, Request) and isinstance(response, Response)
        return RequestContext(request, response, self.live)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Every result passes here, including those failing before execution (parse errors
        # raised by the parser cache), so this is where errors are made public.
        if result.errors:
            request_id = getattr(request.state, "request_id", "-")
            result.errors = [public_error(error, request_id) for error in result.errors]
        return process_result(result)
