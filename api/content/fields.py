"""The translatable fields of each content type, declared once.

Whatever handles an item's text reads this declaration: the models of the locale files
and their validation, translation states and source digests, the PO export and
import and the YAML it writes, search documents, reading time, embed pages and the
GraphQL types. Adding a field is adding it here, then writing it in the content files.

A field's *name* is how every tool refers to it: ``title``, ``seo.title``, and within
an article's sections ``sections.<id>.body``. Names appear in provenance
(``fieldLocales``), translation reports and PO contexts, so they are stable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from api.content.markdown import markdown_to_text

SECTIONS = "sections"
# A locale file's own keys, beside its fields: the item's URL slug in that locale, and
# for a translation the digest of the source text it was made from.
SLUG = "slug"
SOURCE_DIGEST = "source_digest"
# ... and the medical review of that locale's text (``reviewed``, ``reviewer``).
REVIEW = "review"
# The group of every content type's search-engine fields: ``seo:`` in a locale file.
SEO_GROUP = "seo"


class TextFormat(StrEnum):
    PLAIN = "plain"  # shown as written
    MARKDOWN = "markdown"  # CommonMark without raw HTML, shown as sanitized HTML


class FieldRole(StrEnum):
    """What a field is to a reader; search, reading time and embed pages follow it."""

    HEADLINE = "headline"  # names the item: an article's title, a FAQ's question
    HEADING = "heading"  # names a section
    TEXT = "text"  # what is read: a summary, a section's body, an answer
    ASIDE = "aside"  # shown with the text but not part of it: a call to action
    METADATA = "metadata"  # for search engines and link previews, never shown: SEO

    @property
    def is_read(self) -> bool:
        """Part of what a reader reads, and so of reading time and of search."""
        return self in {FieldRole.HEADLINE, FieldRole.HEADING, FieldRole.TEXT}


@dataclass(frozen=True)
class TextField:
    """One translatable field: where it sits in a locale file, what it holds, what it is."""

    key: str
    format: TextFormat
    role: FieldRole
    # The source locale must give it: it is every fallback chain's last resort.
    required: bool = False
    # The mapping of the locale file it sits in (``seo``); None at the top level.
    group: str | None = None
    # Shown to API clients (the schema); None leaves the field undescribed.
    description: str | None = None

    @property
    def name(self) -> str:
        return f"{self.group}.{self.key}" if self.group else self.key

    def plain_text(self, value: str) -> str:
        """The words of a value, without markup: what is counted and indexed."""
        return markdown_to_text(value) if self.format is TextFormat.MARKDOWN else value


def section_field(section_id: str, key: str) -> str:
    """``section_field("conclusion", "body")`` -> ``sections.conclusion.body``."""
    return f"{SECTIONS}.{section_id}.{key}"


@dataclass(frozen=True)
class SectionFields:
    """An article's sections: these fields once per section, in the article's order."""

    fields: tuple[TextField, ...]

    def field(self, key: str) -> TextField | None:
        return next((field for field in self.fields if field.key == key), None)


@dataclass(frozen=True)
class ContentFields:
    """The translatable fields of one content type, in reading order."""

    entries: tuple[TextField | SectionFields, ...]

    @property
    def fields(self) -> tuple[TextField, ...]:
        """Every field outside the sections, in order."""
        return tuple(entry for entry in self.entries if isinstance(entry, TextField))

    @property
    def sections(self) -> SectionFields | None:
        return next((entry for entry in self.entries if isinstance(entry, SectionFields)), None)

    def named(self, section_ids: tuple[str, ...] = ()) -> Iterator[tuple[TextField, str]]:
        """Each field of an item with these sections, with its name, in reading order."""
        for entry in self.entries:
            if isinstance(entry, TextField):
                yield entry, entry.name
                continue
            for section_id in section_ids:
                for field in entry.fields:
                    yield field, section_field(section_id, field.key)

    def field(self, name: str) -> TextField | None:
        """The declaration behind a field name (``sections.<id>.body`` included)."""
        prefix, _, rest = name.partition(".")
        if prefix == SECTIONS and self.sections is not None:
            return self.sections.field(rest.partition(".")[2])
        return next((field for field in self.fields if field.name == name), None)

    @property
    def headline(self) -> TextField:
        """The field that names the item (its title, its question)."""
        return next(field for field in self.fields if field.role is FieldRole.HEADLINE)


# Every content type's search-engine fields, in the locale file's ``seo`` mapping.
SEO_TITLE = TextField("title", TextFormat.PLAIN, FieldRole.METADATA, group=SEO_GROUP)
SEO_DESCRIPTION = TextField("description", TextFormat.PLAIN, FieldRole.METADATA, group=SEO_GROUP)
SEO = (SEO_TITLE, SEO_DESCRIPTION)

TITLE = TextField("title", TextFormat.PLAIN, FieldRole.HEADLINE, required=True)
SUMMARY = TextField("summary", TextFormat.PLAIN, FieldRole.TEXT, required=True)
SECTION_HEADING = TextField("heading", TextFormat.PLAIN, FieldRole.HEADING, required=True)
SECTION_BODY = TextField("body", TextFormat.MARKDOWN, FieldRole.TEXT, required=True)
# One paragraph after the article, inviting the reader to get in touch.
CALL_TO_ACTION = TextField("call_to_action", TextFormat.PLAIN, FieldRole.ASIDE)

QUESTION = TextField("question", TextFormat.PLAIN, FieldRole.HEADLINE, required=True)
ANSWER = TextField("answer", TextFormat.MARKDOWN, FieldRole.TEXT, required=True)

ARTICLE_FIELDS = ContentFields(
    (TITLE, SUMMARY, SectionFields((SECTION_HEADING, SECTION_BODY)), CALL_TO_ACTION, *SEO)
)
FAQ_FIELDS = ContentFields((QUESTION, ANSWER, *SEO))
