"""Search results: hits with highlighted snippets, facet counts and "did you mean"."""

from __future__ import annotations

from collections.abc import Callable

import strawberry

from api import search
from api.graphql.connection import PageInfo
from api.graphql.content import LocalizedContent
from api.graphql.pagination import Page
from api.graphql.section import Section


@strawberry.type(description="A field's text around the matches; safe HTML with `<mark>`.")
class Snippet:
    field: str
    html: str


@strawberry.type(description="How many results have this value.")
class FacetCount:
    value: str
    count: int

    @classmethod
    def list_from_domain(cls, facets: tuple[search.FacetCount, ...]) -> list[FacetCount]:
        return [cls(value=facet.value, count=facet.count) for facet in facets]


@strawberry.type(description="Result counts by content type (`article`, `faq`) and by tag.")
class SearchFacets:
    types: list[FacetCount]
    tags: list[FacetCount]


@strawberry.type(description="One matching article or FAQ.")
class SearchHit:
    cursor: str
    score: float
    content: LocalizedContent = strawberry.field(description="The item, in the response locale.")
    section: Section | None = strawberry.field(
        description="The article section that matched best, when one did."
    )
    text_locale: str = strawberry.field(description="The locale of the text that matched.")
    is_fallback: bool = strawberry.field(description="Matched text from a fallback locale.")
    matched_locale: str = strawberry.field(
        description="The locale of the text the query matched: `textLocale`, or the other "
        "official language's when the item was found only in that language (a cross-language "
        "match; the item is still served in the response locale)."
    )
    snippets: list[Snippet]


ContentOf = Callable[[search.SearchHit], LocalizedContent]


@strawberry.type(description="A page of search results.")
class SearchResults:
    total_count: int
    hits: list[SearchHit]
    page_info: PageInfo
    facets: SearchFacets
    suggestion: str | None = strawberry.field(
        description='"Did you mean": a corrected query, when the query found little.'
    )

    @classmethod
    def from_domain(
        cls, page: Page[search.SearchHit], results: search.SearchResults, content_of: ContentOf
    ) -> SearchResults:
        hits = [
            _hit(hit, page.cursor(index), content_of(hit)) for index, hit in enumerate(page.items)
        ]
        return cls(
            total_count=page.total,
            hits=hits,
            page_info=PageInfo.from_page(page),
            facets=SearchFacets(
                types=FacetCount.list_from_domain(results.type_facets),
                tags=FacetCount.list_from_domain(results.tag_facets),
            ),
            suggestion=results.suggestion,
        )


def _hit(hit: search.SearchHit, cursor: str, content: LocalizedContent) -> SearchHit:
    matched = (s for s in content.localized.sections if s.id == hit.section_id)
    section = next((Section.from_domain(s) for s in matched), None)
    return SearchHit(
        cursor=cursor,
        score=hit.score,
        content=content,
        section=section,
        text_locale=hit.text_locale,
        is_fallback=hit.is_fallback,
        matched_locale=hit.matched_locale,
        snippets=[Snippet(field=snippet.field, html=snippet.html) for snippet in hit.snippets],
    )
