"""The root Query: thin resolvers that negotiate the locale and call the services."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import strawberry
from anyio import to_thread

from api.content import Article as DomainArticle
from api.content import ContentType, Item
from api.content import Faq as DomainFaq
from api.graphql.article import Article
from api.graphql.connection import Connection
from api.graphql.content import LocalizedContent
from api.graphql.content_status import ContentStatus
from api.graphql.context import Info
from api.graphql.errors import BadArguments
from api.graphql.faq import Faq
from api.graphql.fields import described
from api.graphql.locale_info import LocaleInfo
from api.graphql.node import GlobalId, Node
from api.graphql.pagination import Page, Window
from api.graphql.search import SearchResults
from api.graphql.translation_status import TranslationStatus
from api.graphql.ui_message import UiMessage
from api.paging import (
    DEFAULT_PAGE_SIZE,
    DEFAULT_SEARCH_PAGE_SIZE,
    DEFAULT_SUGGESTIONS,
    MAX_PAGE_SIZE,
    MAX_SUGGESTIONS,
)
from api.search import SearchHit, SearchRequest

LocaleArg = Annotated[
    str | None,
    strawberry.argument(
        description=(
            "BCP 47 tag (`fr-CA`; `fr`, `fr-FR` reach `fr-CA`). "
            "Without it, Accept-Language decides, then the default locale."
        )
    ),
]
# Nullable with a default: an explicit null (a variable sent as null) means the default.
FirstArg = Annotated[
    int | None,
    strawberry.argument(description=f"Page size, from 0 to {MAX_PAGE_SIZE}; null for the default."),
]
AfterArg = Annotated[
    str | None, strawberry.argument(description="`pageInfo.endCursor` of the previous page.")
]
SlugArg = Annotated[
    str | None, strawberry.argument(description="The slug in the requested locale (or any other).")
]
KeyArg = Annotated[str | None, strawberry.argument(description="The language-neutral key.")]
TagArg = Annotated[str | None, strawberry.argument(description="Only items with this tag.")]


def _article(info: Info, article: DomainArticle, locale: str) -> Article:
    return Article.from_domain(info.context.catalog.localize(article, locale), info.context.links)


def _faq(info: Info, faq: DomainFaq, locale: str) -> Faq:
    return Faq.from_domain(info.context.catalog.localize(faq, locale), info.context.links)


def _content(info: Info, item: Item, locale: str) -> LocalizedContent:
    if isinstance(item, DomainArticle):
        return _article(info, item, locale)
    assert isinstance(item, DomainFaq)
    return _faq(info, item, locale)


def _check_one_lookup(slug: str | None, key: str | None) -> None:
    if (slug is None) == (key is None):
        raise BadArguments("pass exactly one of slug or key")


@strawberry.type
class Query:
    @described("A published article, by its slug or its key; null if none.")
    def article(
        self, info: Info, *, slug: SlugArg = None, key: KeyArg = None, locale: LocaleArg = None
    ) -> Article | None:
        _check_one_lookup(slug, key)
        tag = info.context.locale(locale)
        found = info.context.catalog.article(key=key, slug=slug, locale=tag)
        return _article(info, found, tag) if found is not None else None

    @described("Published articles, in editorial order.")
    def articles(
        self,
        info: Info,
        *,
        locale: LocaleArg = None,
        tag: TagArg = None,
        first: FirstArg = DEFAULT_PAGE_SIZE,
        after: AfterArg = None,
    ) -> Connection[Article]:
        window = Window.from_arguments(first, after, default=DEFAULT_PAGE_SIZE)
        language = info.context.locale(locale)
        page = Page.of(info.context.catalog.articles(tag=tag), window)
        return Connection.from_page(page, lambda article: _article(info, article, language))

    @described("A published FAQ, by its slug or its key; null if none.")
    def faq(
        self, info: Info, *, slug: SlugArg = None, key: KeyArg = None, locale: LocaleArg = None
    ) -> Faq | None:
        _check_one_lookup(slug, key)
        tag = info.context.locale(locale)
        found = info.context.catalog.faq(key=key, slug=slug, locale=tag)
        return _faq(info, found, tag) if found is not None else None

    @described("Published FAQs, in editorial (or the article's) order.")
    def faqs(
        self,
        info: Info,
        *,
        locale: LocaleArg = None,
        tag: TagArg = None,
        article: Annotated[
            str | None, strawberry.argument(description="Only this article's FAQs (its key).")
        ] = None,
        first: FirstArg = DEFAULT_PAGE_SIZE,
        after: AfterArg = None,
    ) -> Connection[Faq]:
        window = Window.from_arguments(first, after, default=DEFAULT_PAGE_SIZE)
        language = info.context.locale(locale)
        faqs = info.context.catalog.faqs(tag=tag, article_key=article)
        return Connection.from_page(Page.of(faqs, window), lambda faq: _faq(info, faq, language))

    @described("Full-text search over published articles and FAQs, in one locale.", cost=10)
    async def search(
        self,
        info: Info,
        query: Annotated[str, strawberry.argument(description="What the user typed.")],
        *,
        locale: LocaleArg = None,
        types: Annotated[
            list[ContentType] | None, strawberry.argument(description="Only these types.")
        ] = None,
        tags: Annotated[
            list[str] | None, strawberry.argument(description="Only items with any of these tags.")
        ] = None,
        first: FirstArg = DEFAULT_SEARCH_PAGE_SIZE,
        after: AfterArg = None,
    ) -> SearchResults:
        window = Window.from_arguments(first, after, default=DEFAULT_SEARCH_PAGE_SIZE)
        language = info.context.locale(locale)
        request = SearchRequest(
            text=query,
            locale=language,
            types=frozenset(types or ()),
            tags=frozenset(tags or ()),
            offset=window.offset,
            # The engine pages by at least one; first: 0 still wants the count and facets.
            limit=max(window.limit, 1),
            # A partner's scope, applied inside the engine so that totals and facets agree.
            within=info.context.catalog.visible_items,
        )
        # Whoosh scores in pure Python: in a worker thread, the event loop keeps serving
        # cached and simple queries meanwhile.
        results = await to_thread.run_sync(info.context.services.search.search, request)
        page = Page(items=results.hits[: window.limit], offset=window.offset, total=results.total)
        catalog = info.context.catalog

        def content_of(hit: SearchHit) -> LocalizedContent:
            # The index holds published items only, and was built from this snapshot.
            item = catalog.item(hit.type, key=hit.key)
            assert item is not None, f"indexed {hit.type} {hit.key!r} is not in the catalog"
            return _content(info, item, language)

        return SearchResults.from_domain(page, results, content_of)

    @described("Completions of the last word typed, commonest first, for autocomplete.", cost=5)
    async def suggest(
        self,
        info: Info,
        prefix: str,
        *,
        locale: LocaleArg = None,
        first: Annotated[
            int | None,
            strawberry.argument(
                description=f"At most this many, from 0 to {MAX_SUGGESTIONS}; null for the default."
            ),
        ] = DEFAULT_SUGGESTIONS,
    ) -> list[str]:
        first = DEFAULT_SUGGESTIONS if first is None else first
        if not 0 <= first <= MAX_SUGGESTIONS:
            raise BadArguments(f"first must be between 0 and {MAX_SUGGESTIONS}, got {first}")
        language = info.context.locale(locale)
        search = info.context.services.search
        within = info.context.catalog.visible_items
        if within is None:
            # A lookup in the vocabulary: cheaper than a hop to a thread.
            return list(search.suggest(prefix, language, first))
        # Checking completions against a scope searches the index: off the event loop.
        completions = await to_thread.run_sync(
            partial(search.suggest, prefix, language, first, within=within)
        )
        return list(completions)

    @described(
        "An article or FAQ by its global id, in the locale the id names; null when the id "
        "names nothing served (an unknown key, a locale no longer enabled, outside a scope)."
    )
    def node(self, info: Info, id: strawberry.ID) -> Node | None:
        # Relay's Global Object Identification: `id` is the only argument, and the
        # language comes with it, so a refetch answers in the language first served.
        named = GlobalId.parse(id)
        if named.locale not in info.context.locales.enabled:
            return None
        language = info.context.locale(named.locale)
        item = info.context.catalog.item(named.content_type, key=named.key)
        return _content(info, item, language) if item is not None else None

    @described("The enabled locales, the default first if so configured.")
    def locales(self, info: Info) -> list[LocaleInfo]:
        return LocaleInfo.list_from_domain(info.context.locales)

    @described(
        description="Each published item's translation state, in one locale or (without) all."
    )
    def translation_status(
        self,
        info: Info,
        *,
        locale: Annotated[
            str | None, strawberry.argument(description="One locale; all enabled when omitted.")
        ] = None,
    ) -> list[TranslationStatus]:
        tags = info.context.locales.enabled if locale is None else (info.context.locale(locale),)
        items = info.context.catalog.published_items
        return [TranslationStatus.from_domain(item, tag) for tag in tags for item in items]

    @described("UI strings (labels, notices, errors) in one locale, for front-ends and widgets.")
    def messages(self, info: Info, *, locale: LocaleArg = None) -> list[UiMessage]:
        tag = info.context.locale(locale)
        catalogs = info.context.services.snapshot.messages
        return [UiMessage.from_domain(message) for message in catalogs.messages(tag)]

    @described(
        "The content version served, when it was loaded, and problems of edits on disk.",
        # It tells when the content was last checked: fresh on every request.
        cacheable=False,
    )
    def content_status(self, info: Info) -> ContentStatus:
        context = info.context
        return ContentStatus.from_domain(context.content_status, for_operator=context.is_operator)

    @described("Digest of the content being served; changes with any edit.")
    def content_version(self, info: Info) -> str:
        return info.context.services.snapshot.version
