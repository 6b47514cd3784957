"""The GraphQL schema, assembled from the types of this package."""

from __future__ import annotations

import strawberry
from graphql import GraphQLSchema
from strawberry.schema.config import StrawberryConfig

from api.graphql.article import Article
from api.graphql.faq import Faq
from api.graphql.query import Query
from api.graphql.scalars import SCALAR_MAP


def graphql_core_schema(built: strawberry.Schema) -> GraphQLSchema:
    """The graphql-core schema a Strawberry schema runs on (Strawberry keeps it private)."""
    core: GraphQLSchema = built._schema
    return core


# Article and Faq are reached through interfaces (Node) too, so they are listed.
schema = strawberry.Schema(
    query=Query, types=[Article, Faq], config=StrawberryConfig(scalar_map=SCALAR_MAP)
)
# Parsing, validation, execution and error handling are the HTTP endpoint's
# (api/transport/), which runs graphql-core on this schema directly.
GRAPHQL_SCHEMA = graphql_core_schema(schema)


def schema_sdl() -> str:
    """The SDL as committed in ``schema.graphql`` (with a final newline)."""
    return schema.as_str() + "\n"
