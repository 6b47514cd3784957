"""Frozen domain objects: what the clinic publishes, independent of files, GraphQL or search."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from api.content.fields import ARTICLE_FIELDS, FAQ_FIELDS, ContentFields


class ContentType(StrEnum):
    ARTICLE = "article"
    FAQ = "faq"

    @property
    def plural(self) -> str:
        """``articles``, ``faqs``: the folder of its files and the segment of its URLs."""
        return f"{self.value}s"

    @classmethod
    def of_plural(cls, plural: str) -> ContentType | None:
        """``articles`` -> ARTICLE; None for any other word."""
        return next((content_type for content_type in cls if content_type.plural == plural), None)


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


@dataclass(frozen=True)
class Review:
    """The medical review of one locale's text; both empty until a clinician signs off."""

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
    # A clinician's sign-off on this text, in this language: none until one is recorded.
    review: Review = Review(None, None)


@dataclass(frozen=True, kw_only=True)
class Item:
    """What articles and FAQs share: identity, publication, tags and texts (each reviewed)."""

    type: ClassVar[ContentType]
    # Its translatable fields (api/content/fields.py).
    fields: ClassVar[ContentFields]

    key: str
    source_locale: str
    status: Status
    published: datetime.date | None
    updated: datetime.date | None
    order: int
    tags: tuple[str, ...]
    texts: Mapping[str, LocalizedText]
    # Digest of the source locale's text: a translation made from it records the same.
    source_digest: str
    # The same text's digest as recorded before digests were taken over normalised text
    # (api/content/digest.py): a translation recording it is CURRENT too.
    legacy_source_digest: str
    path: Path
    # Language-neutral section ids: the anchors, identical in every locale (FAQs have none).
    section_ids: tuple[str, ...] = ()
    # Days between medical reviews of each text, if not its type's (api/content/review_cadence.py).
    review_interval_days: int | None = None

    @property
    def source_text(self) -> LocalizedText:
        return self.texts[self.source_locale]

    def is_translated_from_current_source(self, text: LocalizedText) -> bool:
        """Whether a translation records the digest of today's source text."""
        return text.source_digest in (self.source_digest, self.legacy_source_digest)


@dataclass(frozen=True, kw_only=True)
class Article(Item):
    type: ClassVar[ContentType] = ContentType.ARTICLE
    fields: ClassVar[ContentFields] = ARTICLE_FIELDS

    faq_keys: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Faq(Item):
    type: ClassVar[ContentType] = ContentType.FAQ
    fields: ClassVar[ContentFields] = FAQ_FIELDS


ITEM_CLASSES: Mapping[ContentType, type[Item]] = {
    ContentType.ARTICLE: Article,
    ContentType.FAQ: Faq,
}


def fields_of(content_type: ContentType) -> ContentFields:
    """The translatable fields of a content type."""
    return ITEM_CLASSES[content_type].fields
