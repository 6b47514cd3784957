"""Items as one locale sees them: every declared field resolved, with where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from api.content.fields import TextField, section_field
from api.content.model import Item, Review, TranslationState
from api.content.translation import FieldResolver, ResolvedText, translation_state
from api.content.words import word_count
from api.locales import LocaleConfig


@dataclass(frozen=True)
class LocalizedSection:
    """One section of an article: its anchor, and its fields by key (``heading``, ``body``)."""

    id: str
    texts: Mapping[str, ResolvedText]

    def text(self, field: TextField) -> ResolvedText | None:
        return self.texts.get(field.key)

    def __getitem__(self, field: TextField) -> ResolvedText:
        """A field the section has (a required one always does); KeyError otherwise."""
        return self.texts[field.key]


@dataclass(frozen=True)
class LocalizedItem:
    """An item in the locale asked for: its fields, their provenance and its state."""

    item: Item
    requested_locale: str
    state: TranslationState
    slug: ResolvedText
    # Field name -> its value, for the fields outside sections that have one.
    texts: Mapping[str, ResolvedText]
    sections: tuple[LocalizedSection, ...]
    # Field name -> the locale its value came from, for every field that has a value.
    field_locales: Mapping[str, str]
    # The words a reader reads (headline, headings and text; not asides or metadata).
    reading_words: int
    # The medical review of the text the reader gets (the headline's locale's): a sign-off
    # on the English text does not cover a French one.
    review: Review
    review_locale: str

    def text(self, field: TextField) -> ResolvedText | None:
        return self.texts.get(field.name)

    def __getitem__(self, field: TextField) -> ResolvedText:
        """A field the item has (a required one always does); KeyError otherwise."""
        return self.texts[field.name]

    @property
    def headline(self) -> ResolvedText:
        """The item's title or question (required: the source locale always has it)."""
        return self.texts[self.item.fields.headline.name]

    @property
    def fallback_fields(self) -> Mapping[str, str]:
        """The fields served from another locale than the one asked for."""
        return {
            name: locale
            for name, locale in self.field_locales.items()
            if locale != self.requested_locale
        }


def localize(item: Item, locale: str, locales: LocaleConfig) -> LocalizedItem:
    """Resolve every declared field of ``item`` for ``locale`` along its fallback chain."""
    resolver = FieldResolver(item, locale, locales)
    slug = resolver.slug()
    words = 0

    def resolve(field: TextField, name: str) -> ResolvedText | None:
        nonlocal words
        resolved = resolver.required(name) if field.required else resolver.field(name)
        if resolved is not None and field.role.is_read:
            words += word_count(field.plain_text(resolved.value))
        return resolved

    texts: dict[str, ResolvedText] = {}
    sections: list[LocalizedSection] = []
    for entry in item.fields.entries:
        if isinstance(entry, TextField):
            if (resolved := resolve(entry, entry.name)) is not None:
                texts[entry.name] = resolved
            continue
        for section_id in item.section_ids:
            parts = {
                field.key: resolved
                for field in entry.fields
                if (resolved := resolve(field, section_field(section_id, field.key))) is not None
            }
            sections.append(LocalizedSection(section_id, MappingProxyType(parts)))
    headline_locale = texts[item.fields.headline.name].locale
    return LocalizedItem(
        item=item,
        requested_locale=locale,
        state=translation_state(item, locale),
        slug=slug,
        texts=MappingProxyType(texts),
        sections=tuple(sections),
        field_locales=MappingProxyType(resolver.provenance),
        reading_words=words,
        review=item.texts[headline_locale].review,
        review_locale=headline_locale,
    )
