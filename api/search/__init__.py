"""Full-text search over the content: per-locale Whoosh indexes, built and searched.

Knows the content model, nothing of GraphQL or HTTP.
"""

from api.search.builder import (
    IndexNotBuilt,
    Progress,
    build_index,
    current_version,
    is_built,
    switch_current,
    update_items,
)
from api.search.documents import documents_per_locale
from api.search.lifecycle import IndexState, check_version, ensure_index, open_checked, prune
from api.search.manifest import IndexDamaged
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
    "IndexDamaged",
    "IndexNotBuilt",
    "IndexState",
    "Progress",
    "SearchError",
    "SearchHit",
    "SearchIndex",
    "SearchRequest",
    "SearchResults",
    "Snippet",
    "build_index",
    "check_version",
    "current_version",
    "documents_per_locale",
    "ensure_index",
    "is_built",
    "open_checked",
    "open_index",
    "prune",
    "switch_current",
    "update_items",
]
