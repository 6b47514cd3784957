"""Who a request is from, as the gate decided, and so what it may see: the one access decision.

Every route that serves content (GraphQL, the embed pages, oEmbed, the sitemaps, and through GraphQL
the widget's data) reads the request's ``Access`` with ``access_of`` and its items from
``Access.catalog``: the published items (drafts never) of the partner's scope. No route
reads the unscoped catalog for a request.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import Scope

from api.catalog import UNRESTRICTED, Catalog, ContentScope
from api.partners.registry import Partner

ANONYMOUS_CACHE_KEY = "anonymous"


@dataclass(frozen=True)
class Access:
    """Set by the gate at ``request.state.access``; the GraphQL layer serves ``scope``.

    ``cache_key`` names what the request may see, for response caches: two requests
    with equal cache keys see the same content for the same query. It is
    ``"anonymous"``, or ``"partner:<name>:<scope fingerprint>"`` (so it changes when
    the partner's scope is edited); it never holds key material.
    """

    partner: Partner | None
    scope: ContentScope
    cache_key: str

    @property
    def is_anonymous(self) -> bool:
        return self.partner is None

    @classmethod
    def for_partner(cls, partner: Partner) -> Access:
        cache_key = f"partner:{partner.name}:{partner.scope.fingerprint}"
        return cls(partner, partner.scope, cache_key)

    def catalog(self, catalog: Catalog) -> Catalog:
        """What this request may see of ``catalog``: its scope's published items."""
        return catalog.scoped(self.scope)


ANONYMOUS = Access(None, UNRESTRICTED, ANONYMOUS_CACHE_KEY)


def access_of(scope: Scope) -> Access:
    """The ``Access`` the partner gate put in the request; requests it did not see are
    anonymous (only ungated paths, which serve no content)."""
    access = scope.get("state", {}).get("access")
    return access if isinstance(access, Access) else ANONYMOUS
