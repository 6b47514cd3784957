"""Translation state and per-field fallback: which text a locale gets, and from where."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from api.content.fields import SLUG
from api.content.model import Item, TranslationState
from api.locales import LocaleConfig


@dataclass(frozen=True)
class ResolvedText:
    """A field's value together with the locale it actually came from."""

    value: str
    locale: str


def field_states(item: Item, locale: str) -> Mapping[str, TranslationState]:
    """The state of each of the item's fields (that the source has) in ``locale``."""
    source_fields = item.source_text.fields
    text = item.texts.get(locale)
    if locale == item.source_locale:
        return dict.fromkeys(source_fields, TranslationState.CURRENT)
    if text is None:
        return dict.fromkeys(source_fields, TranslationState.MISSING)
    present = (
        TranslationState.CURRENT
        if item.is_translated_from_current_source(text)
        else TranslationState.STALE
    )
    return {
        name: present if name in text.fields else TranslationState.MISSING for name in source_fields
    }


def translation_state(item: Item, locale: str) -> TranslationState:
    """An item's state in a locale: the worst of its fields' states.

    A translation that leaves out a field the source has is not complete, so it
    counts as MISSING even though its other fields are served in the locale.
    """
    states = field_states(item, locale).values()
    return max(states, key=lambda state: state.severity, default=TranslationState.CURRENT)


class FieldResolver:
    """Resolves an item's fields for one requested locale along its fallback chain."""

    def __init__(self, item: Item, requested_locale: str, locales: LocaleConfig) -> None:
        self.item = item
        self.requested_locale = requested_locale
        chain = locales.chain(requested_locale, last_resort=item.source_locale)
        self.texts = tuple(item.texts[tag] for tag in chain if tag in item.texts)
        # Where each resolved field came from, for the provenance shown to clients.
        self.provenance: dict[str, str] = {}

    def slug(self) -> ResolvedText:
        # The source text always exists, so there is always a first text.
        text = self.texts[0]
        self.provenance[SLUG] = text.locale
        return ResolvedText(text.slug, text.locale)

    def field(self, name: str) -> ResolvedText | None:
        """The first text along the chain that has ``name``; None if no locale has it."""
        for text in self.texts:
            value = text.fields.get(name)
            if value is not None:
                self.provenance[name] = text.locale
                return ResolvedText(value, text.locale)
        return None

    def required(self, name: str) -> ResolvedText:
        """A field the source locale must have (validation guarantees it)."""
        resolved = self.field(name)
        if resolved is None:
            raise LookupError(f"{self.item.type} {self.item.key!r} has no {name!r} in any locale")
        return resolved
