"""What a partner may see: some locales, some tags, some items, or (by default) everything.

Each part of a scope is optional and absent means unrestricted; the parts combine
with AND. An item outside the scope is, for that partner, an item that does not
exist. A locale outside it is refused when asked for explicitly, and never chosen
by negotiation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from api.content import Item
from api.locales import LocaleConfig, NegotiatedLocale, resolve_locale


class LocaleNotInScope(LookupError):
    """An explicit locale that the partner's scope does not include."""

    def __init__(self, tag: str, allowed: tuple[str, ...]) -> None:
        allowed_text = ", ".join(allowed) if allowed else "none"
        super().__init__(f"locale {tag!r} is not available to this key; use one of {allowed_text}")
        self.tag = tag
        self.allowed = allowed


@dataclass(frozen=True)
class ContentScope:
    """Item keys, tags and locales a partner may see; None means all of them."""

    locales: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    items: frozenset[str] | None = None

    @property
    def is_unrestricted(self) -> bool:
        return self.locales is None and self.tags is None and self.items is None

    def allows(self, item: Item) -> bool:
        """Whether the item's key is listed (if keys are) and it has a listed tag (if tags are)."""
        if self.items is not None and item.key not in self.items:
            return False
        return self.tags is None or not self.tags.isdisjoint(item.tags)

    def allows_locale(self, tag: str) -> bool:
        return self.locales is None or tag.lower() in self._lower_locales

    def visible_locales(self, locales: LocaleConfig) -> LocaleConfig:
        """The enabled locales as this scope sees them: the default is the first in scope."""
        if self.locales is None:
            return locales
        enabled = tuple(tag for tag in locales.enabled if self.allows_locale(tag))
        default = locales.default if locales.default in enabled else next(iter(enabled), "")
        fallbacks = {tag: locales.fallbacks.get(tag, ()) for tag in enabled}
        return LocaleConfig(default=default, enabled=enabled, fallbacks=fallbacks)

    def negotiate(
        self, explicit: str | None, accept_language: str | None, locales: LocaleConfig
    ) -> NegotiatedLocale:
        """``resolve_locale`` within the scope; raises LocaleNotInScope for a locale outside it.

        An explicit argument is matched against every enabled locale first, so that
        ``en`` for a French-only key says "not in scope" rather than "unsupported".
        """
        if self.locales is None:
            return resolve_locale(explicit, accept_language, locales)
        visible = self.visible_locales(locales)
        if explicit is not None:
            negotiated = resolve_locale(explicit, None, locales)
            if not self.allows_locale(negotiated.tag):
                raise LocaleNotInScope(negotiated.tag, visible.enabled)
            return negotiated
        if not visible.enabled:
            raise LocaleNotInScope(locales.default, ())
        return resolve_locale(None, accept_language, visible)

    @cached_property
    def fingerprint(self) -> str:
        """A short digest that changes whenever the scope does (for cache keys)."""
        parts = {
            name: sorted(value) if value is not None else None
            for name, value in (
                ("locales", self.locales),
                ("tags", self.tags),
                ("items", self.items),
            )
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]

    @cached_property
    def _lower_locales(self) -> frozenset[str]:
        return frozenset(tag.lower() for tag in self.locales or ())


UNRESTRICTED = ContentScope()
