"""Search fixtures: the shipped content's index (built once) and small index factories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest

from api.content import ContentSnapshot, ContentType
from api.search import SearchIndex, SearchRequest, SearchResults, build_index, open_index
from api.settings import Settings


class Search(Protocol):
    def __call__(
        self,
        text: str,
        locale: str = ...,
        *,
        types: frozenset[ContentType] = ...,
        tags: frozenset[str] = ...,
        offset: int = ...,
        limit: int = ...,
        highlight: bool = ...,
    ) -> SearchResults: ...


@pytest.fixture(scope="session")
def shipped_index(
    shipped_settings: Settings, shipped_content: ContentSnapshot
) -> Iterator[SearchIndex]:
    """The shipped content's indexes, as the service opens them (read-only)."""
    with open_index(shipped_settings.index_dir, shipped_content, shipped_settings) as index:
        yield index


def searcher_of(index: SearchIndex) -> Search:
    def search(
        text: str,
        locale: str = "en-CA",
        *,
        types: frozenset[ContentType] = frozenset(),
        tags: frozenset[str] = frozenset(),
        offset: int = 0,
        limit: int = 10,
        highlight: bool = True,
    ) -> SearchResults:
        request = SearchRequest(text, locale, types, tags, offset, limit, highlight)
        return index.search(request)

    return search


@pytest.fixture(scope="session")
def search(shipped_index: SearchIndex) -> Search:
    """``search("kétamine", "fr-CA")`` on the shipped content."""
    return searcher_of(shipped_index)


@pytest.fixture
def index_snapshot(tmp_path: Path) -> Iterator[Callable[[ContentSnapshot], SearchIndex]]:
    """Builds and opens a private index of an edited snapshot; closed after the test."""
    opened: list[SearchIndex] = []

    def make(snapshot: ContentSnapshot) -> SearchIndex:
        index_root = tmp_path / "search_index"
        build_index(snapshot, index_root)
        index = open_index(index_root, snapshot)
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()


def keys(results: SearchResults) -> list[str]:
    return [hit.key for hit in results.hits]
