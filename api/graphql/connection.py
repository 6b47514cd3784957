"""Relay connections: edges with opaque cursors, page info and the total count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry

from api.graphql.pagination import Page

NodeT = TypeVar("NodeT")
ItemT = TypeVar("ItemT")


@strawberry.type(description="Where this page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def from_page(cls, page: Page[Any]) -> PageInfo:
        count = len(page.items)
        return cls(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursor(0) if count else None,
            end_cursor=page.cursor(count - 1) if count else None,
        )


@strawberry.type(description="One item of a page and the cursor to continue after it.")
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type(description="A page of items: pass `pageInfo.endCursor` as `after` for the next.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Items in the whole list, on every page.")

    @classmethod
    def from_page(cls, page: Page[ItemT], to_node: Callable[[ItemT], NodeT]) -> Connection[NodeT]:
        edges = [
            Edge(cursor=page.cursor(index), node=to_node(item))
            for index, item in enumerate(page.items)
        ]
        return cls(edges=edges, page_info=PageInfo.from_page(page), total_count=page.total)
