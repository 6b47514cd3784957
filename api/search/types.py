"""What a search asks and what it answers: the contract between search and its callers."""

from __future__ import annotations

from dataclasses import dataclass

from api.content.model import ContentType
from api.errors import ErrorCode


class SearchError(Exception):
    """A search the user asked for that cannot be run, with the code clients see."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SearchRequest:
    text: str
    locale: str
    # Empty means no filter.
    types: frozenset[ContentType] = frozenset()
    tags: frozenset[str] = frozenset()
    offset: int = 0
    limit: int = 10
    highlight: bool = True
    # Only these items, (type, key), whatever the user asked: the caller's access, not a
    # user's filter. None means every item; empty, none at all.
    within: frozenset[tuple[ContentType, str]] | None = None


@dataclass(frozen=True)
class Snippet:
    """A field's text around the matches: HTML-escaped, matches wrapped in ``<mark>``."""

    field: str
    html: str


@dataclass(frozen=True)
class SearchHit:
    type: ContentType
    key: str
    score: float
    # The article section the match is in (its anchor), when one section matched best.
    section_id: str | None
    # The locale the matched text is written in; differs from the request on fallback.
    text_locale: str
    is_fallback: bool
    # The locale of the text the query matched: ``text_locale``, or another locale's
    # when the item was found only in that language (a cross-language match).
    matched_locale: str
    snippets: tuple[Snippet, ...]


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    hits: tuple[SearchHit, ...]
    total: int
    type_facets: tuple[FacetCount, ...]
    tag_facets: tuple[FacetCount, ...]
    # "Did you mean": a corrected query in real words, when the query finds little.
    suggestion: str | None
