"""``described``: Strawberry's ``@field(description=...)`` with the resolver's type kept, and
the rules a field carries with it: what selecting it costs, whether its answer may be
cached. Kept on the field itself, so that renaming a field keeps its rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import strawberry
from graphql import GraphQLField
from strawberry.schema.schema_converter import GraphQLCoreConverter

ResolverT = TypeVar("ResolverT", bound=Callable[..., Any])

_COST = "cost"
_CACHEABLE = "cacheable"
_LIST_SIZE = "list_size"
# Where Strawberry keeps its own field beside graphql-core's.
_STRAWBERRY_FIELD = GraphQLCoreConverter.DEFINITION_BACKREF


def described(
    description: str, *, cost: int = 0, cacheable: bool = True, list_size: int | None = None
) -> Callable[[ResolverT], ResolverT]:
    """A resolver's field: ``cost`` is what selecting it adds to a query's cost (on top of
    its selections; docs/limits.md); ``cacheable=False`` for an answer that changes while
    the content does not, which no cache may then keep; ``list_size``, for an unpaged
    list known to be short, the length its cost counts instead of the default."""
    # strawberry.field(description=...) is typed as returning Any, which mypy --strict
    # refuses as a decorator; the bare @strawberry.field form is typed the same way as this.
    field = strawberry.field(
        description=description,
        metadata={_COST: cost, _CACHEABLE: cacheable, _LIST_SIZE: list_size},
    )
    return cast(Callable[[ResolverT], ResolverT], field)


def _rules(definition: GraphQLField) -> Mapping[str, Any]:
    field = (definition.extensions or {}).get(_STRAWBERRY_FIELD)
    metadata: Mapping[str, Any] = getattr(field, "metadata", None) or {}
    return metadata


def field_cost(definition: GraphQLField) -> int:
    """The cost the field adds of its own (0 unless ``described`` gave one)."""
    cost: int = _rules(definition).get(_COST, 0)
    return cost


def declared_list_size(definition: GraphQLField) -> int | None:
    """The length the cost counts for this unpaged list, if ``described`` gave one."""
    size: int | None = _rules(definition).get(_LIST_SIZE)
    return size


def is_cacheable(definition: GraphQLField) -> bool:
    cacheable: bool = _rules(definition).get(_CACHEABLE, True)
    return cacheable
