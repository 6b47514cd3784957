"""The bilingual publish gate: refuse a published item not translated into every locale.

Off (the default), a locale without its own text serves its fallback's, field by
field. A site bound to publish in both official languages (Quebec's Charter of the
French Language, for one) sets ``CONTENT_API_REQUIRE_TRANSLATIONS``:

- ``missing``: a published item is refused while any enabled locale lacks its text
  (no file, or a field left out: MISSING);
- ``stale``: also while a translation was made from an older source text (STALE).

Refused means as any invalid content is: ``validate`` exits 1, ``serve`` does not
start, and live reload keeps serving the last valid version. A draft is never
refused: it is not published.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from api.content.model import Status, TranslationState
from api.content.snapshot import ContentSnapshot
from api.content.translation import translation_state
from api.files.problems import ContentError, ContentProblem

SETTING = "CONTENT_API_REQUIRE_TRANSLATIONS"


class TranslationRequirement(StrEnum):
    OFF = "off"
    MISSING = "missing"
    STALE = "stale"

    @property
    def refused(self) -> frozenset[TranslationState]:
        """The translation states a published item may not have in any enabled locale."""
        if self is TranslationRequirement.MISSING:
            return frozenset({TranslationState.MISSING})
        if self is TranslationRequirement.STALE:
            return frozenset({TranslationState.MISSING, TranslationState.STALE})
        return frozenset()


def publish_gate_problems(
    snapshot: ContentSnapshot, requirement: TranslationRequirement
) -> list[ContentProblem]:
    """One problem per published item and locale whose translation the gate refuses."""
    refused = requirement.refused
    problems = []
    for item in snapshot.items():
        if item.status is not Status.PUBLISHED or not refused:
            continue
        for locale in snapshot.locales.enabled:
            state = translation_state(item, locale)
            if state not in refused:
                continue
            path = _shown(snapshot, snapshot.text_path(item, locale))
            if state is TranslationState.STALE:
                what = "was translated from an older source text (STALE): update it and its "
                what += "source_digest"
            elif locale in item.texts:
                what = "leaves fields to fallback (MISSING): translate every field"
            else:
                what = f"does not exist (MISSING): translate it into {path}"
            problems.append(
                ContentProblem(
                    path,
                    None,
                    None,
                    None,
                    f"published {item.type} {item.key!r}: its {locale} translation {what}, "
                    f"or make the item a draft ({SETTING}={requirement.value})",
                )
            )
    return problems


def check_publish_gate(snapshot: ContentSnapshot, requirement: TranslationRequirement) -> None:
    """Raise ContentError listing every item the gate refuses, if any."""
    problems = publish_gate_problems(snapshot, requirement)
    if problems:
        raise ContentError(problems)


def _shown(snapshot: ContentSnapshot, path: Path) -> Path:
    """As the loader shows paths: relative to the folder holding content/ and locales/."""
    base = snapshot.content_dir.parent
    return path.relative_to(base) if path.is_relative_to(base) else path
