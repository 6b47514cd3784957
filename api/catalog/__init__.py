"""The published content of a snapshot as the API serves it: what exists for whom, at
which URL.

Drafts never get out of here, and a partner's scope is applied here, so that every
route that reads the catalog sees the same items.
"""

from api.catalog.links import X_DEFAULT, Alternate, ItemAddress, Links
from api.catalog.published import Catalog
from api.catalog.scope import UNRESTRICTED, ContentScope, LocaleNotInScope

__all__ = [
    "UNRESTRICTED",
    "X_DEFAULT",
    "Alternate",
    "Catalog",
    "ContentScope",
    "ItemAddress",
    "Links",
    "LocaleNotInScope",
]
