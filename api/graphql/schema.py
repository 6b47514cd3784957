"""The GraphQL schema, assembled from the types of this package."""

from __future__ import annotations

from typing import Any

import strawberry

from api.graphql.article import Article
from api.graphql.faq import Faq
from api.graphql.query import Query


def build_schema() -> strawberry.Schema:
    # Article and Faq are reached through interfaces (Node) too, so they are listed.
    # Parsing, validation, execution and error handling are the HTTP endpoint's
    # (api/transport/), which runs graphql-core on this schema directly.
    return strawberry.Schema(query=Query, types=[Article, Faq])


schema = build_schema()


def schema_sdl() -> str:
    """The SDL as committed in ``schema.graphql`` (with a final newline)."""
    return schema.as_str() + "\n"


__all__: list[Any] = ["schema", "schema_sdl"]
