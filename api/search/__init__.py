"""Full-text search over the content: per-locale Whoosh indexes, built and searched.

Knows the content model, nothing of GraphQL or HTTP.
"""

from api.search.builder import (
    IndexNotBuilt,
    Progress,
    build_index,
    current_version,
    is_built,
    update_items,
)
from api.search.documents import documents_per_locale
from api.search.searcher import SearchIndex, open_index
from api.search.types import (
    FacetCount,
    SearchError,
    SearchHit,
    SearchRequest,
    SearchResults,
    Snippet,
)

__all__ = [
    "FacetCount",
    "IndexNotBuilt",
    "Progress",
    "SearchError",
    "SearchHit",
    "SearchIndex",
    "SearchRequest",
    "SearchResults",
    "Snippet",
    "build_index",
    "current_version",
    "documents_per_locale",
    "is_built",
    "open_index",
    "update_items",
]
