"""The GraphQL schema, assembled from the types of this package."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.types import ExecutionContext

from api.graphql.article import Article
from api.graphql.faq import Faq
from api.graphql.query import Query


class ContentSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Left to ``errors.public_error``, which logs unexpected ones with the request id.

        Strawberry's default logs every error, including a client's bad cursor, as a crash.
        """


# Distinct query documents kept parsed and validated: front-ends send the same few queries
# again and again, and validation alone costs more than executing a typical query.
DOCUMENT_CACHE_SIZE = 1024


def build_schema() -> strawberry.Schema:
    # Article and Faq are reached through interfaces (Node) too, so they are listed.
    return ContentSchema(
        query=Query,
        types=[Article, Faq],
        extensions=[
            # Factories: a fresh extension per request, sharing Strawberry's module-level caches.
            lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
            lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        ],
    )


schema = build_schema()


def schema_sdl() -> str:
    """The SDL as committed in ``schema.graphql`` (with a final newline)."""
    return schema.as_str() + "\n"


__all__: list[Any] = ["schema", "schema_sdl"]
