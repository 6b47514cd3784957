"""The fields of a locale's index, and how much each weighs in ranking.

A locale's index holds text in every language its fallback can bring in, each in
fields analysed for that language: French text never goes through the English
stemmer just because it is served in an English index, and the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from whoosh.fields import BOOLEAN, ID, KEYWORD, STORED, TEXT, Schema

from api.search.analysis import text_analyzer


class TextPart(StrEnum):
    """The searchable parts of a document, from most to least telling."""

    TITLE = "title"  # an article's title, a FAQ's question
    HEADING = "heading"  # a section's heading
    BODY = "body"  # an article's summary, a section's body, a FAQ's answer


# BM25F per-field boosts: a word in a title says more about a document than one in a body.
PART_BOOSTS = {TextPart.TITLE: 4.0, TextPart.HEADING: 2.5, TextPart.BODY: 1.0}
TAG_BOOST = 0.5
# Text of the item in another locale's language (``cross_body_en`` in the French index):
# found for a query typed in that language, worth less than the reader's own text.
CROSS_LANGUAGE_BOOST = 0.3

DOC_ID = "doc_id"
ITEM_ID = "item_id"
TYPE = "type"
KEY = "key"
SECTION_ID = "section_id"
TAGS = "tags"
TEXT_LOCALE = "text_locale"
IS_FALLBACK = "is_fallback"
# ``type/key/position``: the stable tie-break between equal scores.
ORDER = "order"
# Which content-model field (``question``, ``sections.<id>.body``) each part came from.
SOURCE_FIELDS = "source_fields"


def text_field(part: TextPart, language: str) -> str:
    """``text_field(TextPart.BODY, "fr")`` -> ``body_fr``."""
    return f"{part.value}_{language}"


def cross_field(part: TextPart, language: str) -> str:
    """``cross_field(TextPart.BODY, "en")`` -> ``cross_body_en``: another locale's text."""
    return f"cross_{part.value}_{language}"


def tag_field(language: str) -> str:
    """``tags_fr``: an item's tags as words, analysed in the language of its source."""
    return f"tags_{language}"


def text_field_language(name: str) -> str | None:
    """``body_fr`` -> ``fr``; None for a field that is not a text part."""
    part, _, language = name.rpartition("_")
    return language if part in TextPart._value2member_map_ else None


def build_schema(languages: Iterable[str]) -> Schema:
    schema = Schema(
        **{
            DOC_ID: ID(stored=True, unique=True),
            ITEM_ID: ID(stored=True, sortable=True),
            TYPE: ID(stored=True),
            KEY: STORED(),
            SECTION_ID: STORED(),
            TAGS: KEYWORD(stored=True, commas=True, lowercase=False, scorable=False),
            TEXT_LOCALE: STORED(),
            IS_FALLBACK: BOOLEAN(stored=True),
            ORDER: STORED(),
            SOURCE_FIELDS: STORED(),
        }
    )
    for language in sorted(set(languages)):
        analyzer = text_analyzer(language)
        for part in TextPart:
            # Character offsets in the postings let snippets be cut without re-analysing.
            schema.add(text_field(part, language), TEXT(analyzer=analyzer, stored=True, chars=True))
            # Never shown, so neither stored nor with offsets: a smaller index.
            schema.add(cross_field(part, language), TEXT(analyzer=analyzer))
        schema.add(tag_field(language), TEXT(analyzer=analyzer))
    return schema
