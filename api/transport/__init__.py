"""GraphQL over HTTP: requests in, documents prepared and cached, responses out."""

from api.transport.endpoint import GraphQLHttpEndpoint

__all__ = ["GraphQLHttpEndpoint"]
