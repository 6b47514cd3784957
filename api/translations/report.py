"""The translation report: every item and field, CURRENT, STALE or MISSING, with diffs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from api.content import ContentSnapshot, ContentType, Item, TranslationState
from api.content.translation import field_states, translation_state
from api.translations.history import SourceHistory
from api.translations.worddiff import DiffSegment, word_diff


@dataclass(frozen=True)
class FieldReport:
    name: str
    state: TranslationState
    # Today's source text, and for a STALE field the source text it was translated
    # from (None when that older text is not in git history).
    source: str
    previous_source: str | None = None

    @property
    def source_diff(self) -> tuple[DiffSegment, ...] | None:
        """How the source text changed since the translation was made."""
        if self.previous_source is None:
            return None
        return word_diff(self.previous_source, self.source)


@dataclass(frozen=True)
class ItemReport:
    type: ContentType
    key: str
    locale: str
    state: TranslationState
    fields: tuple[FieldReport, ...]
    # Whether the source text the translation was made from was found (stale items only).
    previous_source_found: bool | None


@dataclass(frozen=True)
class TranslationReport:
    items: tuple[ItemReport, ...]

    def item_totals(self) -> dict[str, Counter[TranslationState]]:
        totals: dict[str, Counter[TranslationState]] = {}
        for item in self.items:
            totals.setdefault(item.locale, Counter())[item.state] += 1
        return totals

    def field_totals(self) -> dict[str, Counter[TranslationState]]:
        totals: dict[str, Counter[TranslationState]] = {}
        for item in self.items:
            counter = totals.setdefault(item.locale, Counter())
            counter.update(field.state for field in item.fields)
        return totals


def build_report(
    snapshot: ContentSnapshot, locales: Sequence[str], history: SourceHistory
) -> TranslationReport:
    """Report on ``locales`` for every item not written in that locale in the first place."""
    return TranslationReport(
        tuple(
            _item_report(snapshot, item, locale, history)
            for locale in locales
            for item in snapshot.items()
            if item.source_locale != locale
        )
    )


def _item_report(
    snapshot: ContentSnapshot, item: Item, locale: str, history: SourceHistory
) -> ItemReport:
    states = field_states(item, locale)
    translation = item.texts.get(locale)
    stale = any(state is TranslationState.STALE for state in states.values())
    previous = None
    if stale and translation is not None and translation.source_digest is not None:
        source_path = snapshot.content_dir.parent / item.source_text.path
        previous = history.previous_fields(source_path, item.type, translation.source_digest)
    current_source = item.source_text.fields
    fields = []
    for name, state in states.items():
        source = current_source[name]
        if state is not TranslationState.STALE or previous is None:
            fields.append(FieldReport(name, state, source))
        elif previous.get(name) == source:
            # The item's digest moved because of other fields; this one's source did not.
            fields.append(FieldReport(name, TranslationState.CURRENT, source))
        else:
            fields.append(FieldReport(name, state, source, previous.get(name, "")))
    return ItemReport(
        type=item.type,
        key=item.key,
        locale=locale,
        state=translation_state(item, locale),
        fields=tuple(fields),
        previous_source_found=(previous is not None) if stale else None,
    )
