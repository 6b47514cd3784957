"""One loaded, validated, immutable version of all the content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from api.content.glossary import EMPTY_GLOSSARY, Glossary
from api.content.localized import LocalizedItem, localize
from api.content.model import Article, ContentType, Faq, Item, TranslationState
from api.content.safety_notices import NO_NOTICES, SafetyNotices
from api.content.translation import FieldResolver, translation_state
from api.content.ui_messages import MessageCatalogs
from api.locales import LocaleConfig


@dataclass(frozen=True)
class ContentSnapshot:
    """Everything downstream (search, GraphQL, widgets) reads content through this."""

    version: str
    locales: LocaleConfig
    articles: Mapping[str, Article]
    faqs: Mapping[str, Faq]
    content_dir: Path
    locales_dir: Path
    # UI strings (locales/<locale>/messages.po): part of the locales tree and its version.
    messages: MessageCatalogs = field(default_factory=lambda: MessageCatalogs({}))
    # Terms, acronyms and synonyms in every locale (locales/glossary.yaml).
    glossary: Glossary = EMPTY_GLOSSARY
    # Safety notices put before the items they go on (api/content/safety_notices.py).
    notices: SafetyNotices = NO_NOTICES
    _slugs: dict[tuple[ContentType, str, str], str] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        # Slugs as each locale serves them (after fallback), so lookups match URLs.
        for item in self.items():
            for locale in self.locales.enabled:
                slug = FieldResolver(item, locale, self.locales).slug().value
                self._slugs.setdefault((item.type, locale, slug), item.key)

    def items(self) -> tuple[Item, ...]:
        return (*self.articles.values(), *self.faqs.values())

    def item(self, content_type: ContentType, key: str) -> Item | None:
        # A lookup in the type's own mapping: merging them cost O(items) per call, a
        # sixth of an uncached search at 10,000 items.
        items: Mapping[str, Item] = (
            self.articles if content_type is ContentType.ARTICLE else self.faqs
        )
        return items.get(key)

    def item_by_slug(self, content_type: ContentType, locale: str, slug: str) -> Item | None:
        key = self._slugs.get((content_type, locale, slug))
        return None if key is None else self.item(content_type, key)

    def text_path(self, item: Item, locale: str) -> Path:
        """Where the item's text in ``locale`` is (or would be) written."""
        return self.locales_dir / locale / item.type.plural / f"{item.key}.yaml"

    def faqs_of(self, article: Article) -> tuple[Faq, ...]:
        return tuple(self.faqs[key] for key in article.faq_keys)

    def localize(self, item: Item, locale: str) -> LocalizedItem:
        return localize(item, locale, self.locales)

    def changed_items(self, newer: ContentSnapshot) -> set[tuple[ContentType, str]]:
        """Items added, removed or edited in ``newer`` (by their frozen values)."""
        before = {(item.type, item.key): item for item in self.items()}
        after = {(item.type, item.key): item for item in newer.items()}
        return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}

    def state_counts(self) -> dict[str, dict[str, dict[TranslationState, int]]]:
        """Per content type and locale, how many items are CURRENT, STALE and MISSING."""
        counts: dict[str, dict[str, dict[TranslationState, int]]] = {}
        for item in self.items():
            per_locale = counts.setdefault(item.type.value, {})
            for locale in self.locales.enabled:
                states = per_locale.setdefault(locale, dict.fromkeys(TranslationState, 0))
                states[translation_state(item, locale)] += 1
        return counts
