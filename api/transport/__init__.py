"""GraphQL over HTTP: requests in, documents prepared and cached, responses out; the SDL."""

from api.transport.endpoint import GraphQLHttpEndpoint
from api.transport.graphiql import graphiql_route
from api.transport.schema_file import schema_route

__all__ = ["GraphQLHttpEndpoint", "graphiql_route", "schema_route"]
