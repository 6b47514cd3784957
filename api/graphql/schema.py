"""The GraphQL schema, assembled from the types of this package."""

from __future__ import annotations

import strawberry
from graphql import DirectiveLocation, GraphQLDirective, GraphQLSchema
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


def publish_deprecated_as_specified(core: GraphQLSchema) -> None:
    """Advertise ``@deprecated`` where the October 2021 spec puts it.

    graphql-core 3.3 also allows it on directive definitions, a draft of the spec that
    graphql-js 16 cannot parse: codegen's typescript plugin failed on this server's
    introspection. Nothing here deprecates a directive, so nothing is lost.
    """
    core.directives = tuple(
        GraphQLDirective(
            name=directive.name,
            locations=[
                location
                for location in directive.locations
                if location is not DirectiveLocation.DIRECTIVE_DEFINITION
            ],
            args=directive.args,
            description=directive.description,
            is_repeatable=directive.is_repeatable,
        )
        if directive.name == "deprecated"
        else directive
        for directive in core.directives
    )


# Parsing, validation, execution and error handling are the HTTP endpoint's
# (api/transport/), which runs graphql-core on this schema directly.
GRAPHQL_SCHEMA = graphql_core_schema(schema)
publish_deprecated_as_specified(GRAPHQL_SCHEMA)


def schema_sdl() -> str:
    """The SDL as committed in ``schema.graphql`` (with a final newline)."""
    return schema.as_str() + "\n"
