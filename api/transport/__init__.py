"""GraphQL over HTTP: requests in, documents prepared and cached, responses out; the SDL."""

from api.transport.endpoint import GraphQLHttpEndpoint
from api.transport.schema_file import schema_route

__all__ = ["GraphQLHttpEndpoint", "schema_route"]
