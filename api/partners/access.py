"""Who a request is from, as the gate decided: a partner (by its key) or anonymous."""

from __future__ import annotations

from dataclasses import dataclass

from api.catalog import UNRESTRICTED, ContentScope
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


ANONYMOUS = Access(None, UNRESTRICTED, ANONYMOUS_CACHE_KEY)
