"""Absolute URLs of items and their hreflang alternates, under the public base URL.

Every enabled locale has a page for every item: one without its own text serves the
fallback's, so that a reader's language switch always lands somewhere. Only the
pages in a language of their own are alternates, though: a French page that shows
English text is the same content as the English page, so it is not listed in
hreflang and its canonical URL is the page of the locale its text comes from.
Search engines then index each text once, under its own language.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from api.content import ContentSnapshot, ContentType, Item
from api.content.translation import FieldResolver

X_DEFAULT = "x-default"


def site_name(public_url: str) -> str:
    """Who publishes the content, as attribution and structured data name it: the host."""
    return urlsplit(public_url).netloc


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
        # Each item's computed once, when first asked for (slugs come from fallback, which
        # the snapshot fixes for its lifetime): not all at startup, which at 10,000 items
        # per locale was a tenth of the time to ready.
        self._pages: dict[tuple[ContentType, str], dict[str, Alternate]] = {}
        self._alternates: dict[tuple[ContentType, str], tuple[Alternate, ...]] = {}

    def path(self, item: Item, locale: str, slug: str) -> str:
        return f"/{locale}/{item.type.plural}/{slug}"

    def url(self, item: Item, locale: str) -> str:
        """The item's absolute URL in ``locale`` (an enabled locale), its own text or not."""
        return self.page(item, locale).url

    def page(self, item: Item, locale: str) -> Alternate:
        """The item's page in ``locale``: its slug and URL there, whatever the text's locale."""
        return self._pages_of(item)[locale]

    def canonical_url(self, item: Item, locale: str) -> str:
        """The URL search engines should index for this page: itself, if it has its own text.

        A locale with no text of its own serves its fallback's: the canonical page is
        then the one in the locale that text comes from.
        """
        text_locale = FieldResolver(item, locale, self._locales).slug().locale
        return self.url(item, text_locale if text_locale != locale else locale)

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
        """One per locale with a text of its own, then ``x-default``.

        ``x-default`` is the default locale's page if the item has text there, else the
        source locale's page.
        """
        key = (item.type, item.key)
        alternates = self._alternates.get(key)
        if alternates is None:
            # Threads racing here compute the same tuple; either may be kept.
            alternates = self._alternates[key] = self._build_alternates(item)
        return alternates

    def _pages_of(self, item: Item) -> dict[str, Alternate]:
        key = (item.type, item.key)
        pages = self._pages.get(key)
        if pages is None:
            pages = self._pages[key] = self._build_pages(item)
        return pages

    def _build_pages(self, item: Item) -> dict[str, Alternate]:
        pages = {}
        for locale in self._locales.enabled:
            # The slug a locale serves may be another locale's, when its text is missing.
            slug = FieldResolver(item, locale, self._locales).slug().value
            url = self.public_url + self.path(item, locale, slug)
            pages[locale] = Alternate(hreflang=locale, locale=locale, slug=slug, url=url)
        return pages

    def _build_alternates(self, item: Item) -> tuple[Alternate, ...]:
        pages = self._pages_of(item)
        alternates = [pages[locale] for locale in self._locales.enabled if locale in item.texts]
        default_locale = (
            self._locales.default if self._locales.default in item.texts else item.source_locale
        )
        default = pages[default_locale]
        return (*alternates, Alternate(X_DEFAULT, default.locale, default.slug, default.url))
