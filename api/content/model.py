"""Frozen domain objects: what the clinic publishes, independent of files, GraphQL or search."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import ClassVar


class ContentType(StrEnum):
    ARTICLE = "article"
    FAQ = "faq"


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class TranslationState(StrEnum):
    """How a locale's text stands against the source text; ordered from best to worst."""

    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"

    @property
    def severity(self) -> int:
        return _STATE_SEVERITY[self]


_STATE_SEVERITY = {
    TranslationState.CURRENT: 0,
    TranslationState.STALE: 1,
    TranslationState.MISSING: 2,
}

# Names of the translatable fields, as they appear in text files (and, later, in PO contexts).
TITLE = "title"
SUMMARY = "summary"
CALL_TO_ACTION = "call_to_action"
QUESTION = "question"
ANSWER = "answer"
SEO_TITLE = "seo.title"
SEO_DESCRIPTION = "seo.description"
OPTIONAL_FIELDS = frozenset({CALL_TO_ACTION, SEO_TITLE, SEO_DESCRIPTION})


def section_field(section_id: str, part: str) -> str:
    """``section_field("conclusion", "body")`` -> ``sections.conclusion.body``."""
    return f"sections.{section_id}.{part}"


@dataclass(frozen=True)
class Review:
    """The medical review of an item; both empty until a clinician signs off."""

    reviewed: datetime.date | None
    reviewer: str | None


@dataclass(frozen=True)
class LocalizedText:
    """One item's text in one locale, as its file gives it.

    ``fields`` maps field names (``title``, ``sections.<id>.body``, ...) to text; a
    field a translation leaves out is absent and resolved through fallback.
    """

    locale: str
    slug: str
    fields: Mapping[str, str]
    source_digest: str | None
    path: Path


@dataclass(frozen=True)
class Item:
    """What articles and FAQs share: identity, publication, review, tags and texts."""

    type: ClassVar[ContentType]

    key: str
    source_locale: str
    status: Status
    published: datetime.date | None
    updated: datetime.date | None
    review: Review
    order: int
    tags: tuple[str, ...]
    texts: Mapping[str, LocalizedText]
    # Digest of the source locale's text: a translation made from it records the same.
    source_digest: str
    path: Path

    @property
    def source_text(self) -> LocalizedText:
        return self.texts[self.source_locale]

    def field_names(self) -> tuple[str, ...]:
        """Every translatable field of this item, in reading order."""
        raise NotImplementedError

    def required_fields(self) -> tuple[str, ...]:
        return tuple(name for name in self.field_names() if name not in OPTIONAL_FIELDS)


@dataclass(frozen=True)
class Article(Item):
    type: ClassVar[ContentType] = ContentType.ARTICLE

    # Language-neutral section ids: the anchors, identical in every locale.
    section_ids: tuple[str, ...]
    faq_keys: tuple[str, ...]

    def field_names(self) -> tuple[str, ...]:
        return article_field_names(self.section_ids)


@dataclass(frozen=True)
class Faq(Item):
    type: ClassVar[ContentType] = ContentType.FAQ

    def field_names(self) -> tuple[str, ...]:
        return FAQ_FIELD_NAMES


def article_field_names(section_ids: tuple[str, ...]) -> tuple[str, ...]:
    sections = tuple(
        section_field(section_id, part)
        for section_id in section_ids
        for part in ("heading", "body")
    )
    return (TITLE, SUMMARY, *sections, CALL_TO_ACTION, SEO_TITLE, SEO_DESCRIPTION)


FAQ_FIELD_NAMES = (QUESTION, ANSWER, SEO_TITLE, SEO_DESCRIPTION)
