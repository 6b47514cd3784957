"""Absolute URLs of items and their hreflang alternates, under the public base URL."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from api.content import ContentSnapshot, ContentType, Item
from api.content.translation import FieldResolver

X_DEFAULT = "x-default"


@dataclass(frozen=True)
class ItemAddress:
    """What an item URL names: a type, a locale and the slug written in it."""

    content_type: ContentType
    locale: str
    slug: str


@dataclass(frozen=True)
class Alternate:
    """One ``<link rel="alternate" hreflang=...>``: which page serves which language."""

    hreflang: str
    locale: str
    slug: str
    url: str


class Links:
    """Builds ``<public_url>/<locale>/<articles|faqs>/<slug>`` for every item and locale."""

    def __init__(self, public_url: str, snapshot: ContentSnapshot) -> None:
        self.public_url = public_url.rstrip("/")
        self._locales = snapshot.locales
        # Computed once: slugs come from fallback, which the snapshot fixes for its lifetime.
        self._alternates = {
            (item.type, item.key): self._build_alternates(item) for item in snapshot.items()
        }

    def path(self, item: Item, locale: str, slug: str) -> str:
        return f"/{locale}/{item.type.plural}/{slug}"

    def url(self, item: Item, locale: str) -> str:
        """The item's absolute URL in ``locale`` (an enabled locale)."""
        return next(
            alternate.url for alternate in self.alternates(item) if alternate.hreflang == locale
        )

    def locate(self, url: str) -> ItemAddress | None:
        """The reverse of ``url``: the item page an absolute URL names, if it is one of ours.

        The query and fragment are ignored (a section anchor, a tracking parameter).
        """
        base, target = urlsplit(self.public_url), urlsplit(url.strip())
        if (target.scheme.lower(), target.netloc.lower()) != (
            base.scheme.lower(),
            base.netloc.lower(),
        ) or not target.path.startswith(base.path + "/"):
            return None
        parts = target.path[len(base.path) + 1 :].removesuffix("/").split("/")
        if len(parts) != 3 or parts[0] not in self._locales.enabled:
            return None
        content_type = ContentType.of_plural(parts[1])
        if content_type is None or not parts[2]:
            return None
        return ItemAddress(content_type, parts[0], parts[2])

    def alternates(self, item: Item) -> tuple[Alternate, ...]:
        """One per enabled locale, then ``x-default`` pointing at the default locale's page."""
        return self._alternates[(item.type, item.key)]

    def _build_alternates(self, item: Item) -> tuple[Alternate, ...]:
        alternates = []
        for locale in self._locales.enabled:
            # The slug a locale serves may be another locale's, when its text is missing.
            slug = FieldResolver(item, locale, self._locales).slug().value
            url = self.public_url + self.path(item, locale, slug)
            alternates.append(Alternate(hreflang=locale, locale=locale, slug=slug, url=url))
        default = next(a for a in alternates if a.locale == self._locales.default)
        return (*alternates, Alternate(X_DEFAULT, default.locale, default.slug, default.url))
