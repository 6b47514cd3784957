"""Items as one locale sees them: every declared field resolved, with where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
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
    # The medical review of the text the reader gets (the headline's locale's): a sign-off
    # on the English text does not cover a French one.
    review: Review
    review_locale: str

    def text(self, field: TextField) -> ResolvedText | None:
        return self.texts.get(field.name)

    def __getitem__(self, field: TextField) -> ResolvedText:
        """A field the item has (a required one always does); KeyError otherwise."""
        return self.texts[field.name]

    @cached_property
    def reading_words(self) -> int:
        """The words a reader reads (headline, headings and text; not asides or metadata).

        Counted when first asked for, not when localized: counting parses the Markdown,
        which was most of an uncached search's time at 10,000 items (every hit is
        localized; few responses ask for reading time).
        """
        read = [
            (field, self.texts.get(field.name))
            for field in self.item.fields.fields
            if field.role.is_read
        ]
        sections = self.item.fields.sections
        if sections is not None:
            read.extend(
                (field, section.texts.get(field.key))
                for section in self.sections
                for field in sections.fields
                if field.role.is_read
            )
        return sum(
            word_count(field.plain_text(text.value)) for field, text in read if text is not None
        )

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

    def resolve(field: TextField, name: str) -> ResolvedText | None:
        return resolver.required(name) if field.required else resolver.field(name)

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
        review=item.texts[headline_locale].review,
        review_locale=headline_locale,
    )
