"""The published content of one snapshot, as the API serves it: drafts never get out of here."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TypeVar

from api.catalog.scope import UNRESTRICTED, ContentScope
from api.content import Article, ContentSnapshot, ContentType, Faq, Item, Status
from api.content.localized import LocalizedItem

_ItemT = TypeVar("_ItemT", bound=Item)


def _published(items: Iterable[_ItemT], scope: ContentScope) -> tuple[_ItemT, ...]:
    # The configured order first, then the key, so that pages are stable between requests.
    return tuple(
        sorted(
            (item for item in items if item.status is Status.PUBLISHED and scope.allows(item)),
            key=lambda item: (item.order, item.key),
        )
    )


class Catalog:
    """Lookups and filters over published items, and their localized forms (memoized).

    A snapshot never changes, so each (item, locale) is localized once per process.
    A scoped catalog (``scoped``) shows only the items of a partner's scope: the
    others are, through it, items that do not exist.
    """

    def __init__(self, snapshot: ContentSnapshot, scope: ContentScope = UNRESTRICTED) -> None:
        self.snapshot = snapshot
        self.scope = scope
        self._localized: dict[tuple[ContentType, str, str], LocalizedItem] = {}
        self._scoped: dict[ContentScope, Catalog] = {}

    def scoped(self, scope: ContentScope) -> Catalog:
        """This catalog as ``scope`` sees it; one per scope, sharing the localized items."""
        if scope.is_unrestricted:
            return self
        view = self._scoped.get(scope)
        if view is None:
            view = Catalog(self.snapshot, scope)
            view._localized = self._localized
            self._scoped[scope] = view
        return view

    @cached_property
    def visible_items(self) -> frozenset[tuple[ContentType, str]] | None:
        """(type, key) of every item shown when the scope restricts them; None for all."""
        if self.scope.items is None and self.scope.tags is None:
            return None
        return frozenset((item.type, item.key) for item in self.published_items)

    @cached_property
    def published_items(self) -> tuple[Item, ...]:
        return (*self.published_articles, *self.published_faqs)

    @cached_property
    def published_articles(self) -> tuple[Article, ...]:
        return _published(self.snapshot.articles.values(), self.scope)

    @cached_property
    def published_faqs(self) -> tuple[Faq, ...]:
        return _published(self.snapshot.faqs.values(), self.scope)

    def articles(self, tag: str | None = None) -> tuple[Article, ...]:
        return tuple(a for a in self.published_articles if tag is None or tag in a.tags)

    def faqs(self, tag: str | None = None, article_key: str | None = None) -> tuple[Faq, ...]:
        faqs = self.published_faqs
        if article_key is not None:
            article = self.article(key=article_key)
            faqs = self.faqs_of(article) if article is not None else ()
        return tuple(faq for faq in faqs if tag is None or tag in faq.tags)

    def faqs_of(self, article: Article) -> tuple[Faq, ...]:
        """The article's published FAQs, in the article's own order."""
        return tuple(
            faq
            for faq in self.snapshot.faqs_of(article)
            if faq.status is Status.PUBLISHED and self.scope.allows(faq)
        )

    def article(
        self, *, key: str | None = None, slug: str | None = None, locale: str | None = None
    ) -> Article | None:
        item = self.item(ContentType.ARTICLE, key=key, slug=slug, locale=locale)
        return item if isinstance(item, Article) else None

    def faq(
        self, *, key: str | None = None, slug: str | None = None, locale: str | None = None
    ) -> Faq | None:
        item = self.item(ContentType.FAQ, key=key, slug=slug, locale=locale)
        return item if isinstance(item, Faq) else None

    def item(
        self,
        content_type: ContentType,
        *,
        key: str | None = None,
        slug: str | None = None,
        locale: str | None = None,
    ) -> Item | None:
        """A published item by key, or by the slug it has in ``locale``."""
        found: Item | None
        if key is not None:
            found = self.snapshot.item(content_type, key)
        elif slug is not None and locale is not None:
            # The requested locale's slugs first; then any other's, so that a language
            # switcher can keep the URL it has and still get the page in the new locale.
            found = None
            for tag in dict.fromkeys((locale, *self.snapshot.locales.enabled)):
                found = self.snapshot.item_by_slug(content_type, tag, slug)
                if found is not None:
                    break
        else:
            found = None
        if found is None or found.status is not Status.PUBLISHED:
            return None
        return found if self.scope.allows(found) else None

    def page(self, content_type: ContentType, slug: str, locale: str) -> Item | None:
        """The item a page (``/<locale>/<type>/<slug>``) shows, or None when there is none
        for this catalog: an unknown or draft item, or an item or locale outside the scope."""
        if locale not in self.snapshot.locales.enabled or not self.scope.allows_locale(locale):
            return None
        return self.item(content_type, slug=slug, locale=locale)

    def localize(self, item: Item, locale: str) -> LocalizedItem:
        cache_key = (item.type, item.key, locale)
        localized = self._localized.get(cache_key)
        if localized is None:
            localized = self.snapshot.localize(item, locale)
            self._localized[cache_key] = localized
        return localized
