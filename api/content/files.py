"""The shape of each kind of content file, as pydantic models.

These describe files, not content: the loader validates a file against its model,
then assembles the frozen domain objects of ``api.content.model`` from it. Text
fields are optional here because a translation may leave any of them to fallback;
the loader decides which are required for an item's source locale, and makes the
checks that span fields or files (dates in order, relations, unique slugs).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from api.content.model import (
    ANSWER,
    CALL_TO_ACTION,
    QUESTION,
    SEO_DESCRIPTION,
    SEO_TITLE,
    SUMMARY,
    TITLE,
    section_field,
)
from api.files.validation import IDENTIFIER_PATTERN, FileModel, Identifier

Slug = Annotated[str, StringConstraints(pattern=IDENTIFIER_PATTERN, max_length=120)]


def _quoted_digest(value: object) -> object:
    if isinstance(value, int | float):
        # YAML reads an unquoted digest of digits only (or digits and one "e") as a number.
        raise ValueError(
            'a digest must be written in quotes, e.g. source_digest: "0123456789abcdef"'
        )
    return value


Digest = Annotated[
    str, BeforeValidator(_quoted_digest), StringConstraints(pattern=r"^[0-9a-f]{16}$")
]
LocaleTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("text is empty")
    return value


Text = Annotated[str, AfterValidator(_not_blank), StringConstraints(max_length=20_000)]
Markdown = Annotated[str, AfterValidator(_not_blank), StringConstraints(max_length=100_000)]


class ReviewFields(FileModel):
    reviewed: datetime.date | None = None
    reviewer: Text | None = None


class ItemFile(FileModel):
    """The language-neutral part shared by articles and FAQs."""

    key: Identifier
    source_locale: LocaleTag
    status: Literal["draft", "published"]
    published: datetime.date | None = None
    updated: datetime.date | None = None
    review: ReviewFields = ReviewFields()
    order: int = Field(default=0, ge=0, le=1_000_000)
    tags: tuple[Identifier, ...] = ()


class ArticleFile(ItemFile):
    # Section ids are the anchors, shared by every locale; their order is the page's.
    sections: tuple[Identifier, ...] = Field(min_length=1)
    faqs: tuple[Identifier, ...] = ()


class FaqFile(ItemFile):
    pass


class SeoFields(FileModel):
    title: Text | None = None
    description: Text | None = None


class TextFile(FileModel):
    """The part every locale file has: its slug and, for translations, what it was made from."""

    slug: Slug | None = None
    seo: SeoFields = SeoFields()
    source_digest: Digest | None = None


class SectionText(FileModel):
    id: Identifier
    heading: Text | None = None
    body: Markdown | None = None


class ArticleTextFile(TextFile):
    title: Text | None = None
    summary: Text | None = None
    sections: tuple[SectionText, ...] = ()
    call_to_action: Markdown | None = None


class FaqTextFile(TextFile):
    question: Text | None = None
    answer: Markdown | None = None


class LocaleEntry(FileModel):
    tag: LocaleTag
    fallback: tuple[LocaleTag, ...] = ()


class LocalesFile(FileModel):
    default: LocaleTag
    locales: tuple[LocaleEntry, ...] = Field(min_length=1)


def text_fields(model: ArticleTextFile | FaqTextFile) -> dict[str, str]:
    """The text a locale file gives, flattened into named fields (absent ones left out)."""
    fields: dict[str, str | None] = {}
    if isinstance(model, ArticleTextFile):
        fields |= {TITLE: model.title, SUMMARY: model.summary}
        for section in model.sections:
            fields[section_field(section.id, "heading")] = section.heading
            fields[section_field(section.id, "body")] = section.body
        fields[CALL_TO_ACTION] = model.call_to_action
    else:
        fields |= {QUESTION: model.question, ANSWER: model.answer}
    fields |= {SEO_TITLE: model.seo.title, SEO_DESCRIPTION: model.seo.description}
    return {name: value for name, value in fields.items() if value is not None}


def field_path(model: ArticleTextFile | FaqTextFile, name: str) -> tuple[str | int, ...]:
    """Where a named field lives in its file: ``sections.<id>.body`` -> ``sections[i].body``."""
    parts = name.split(".")
    if parts[0] == "sections" and isinstance(model, ArticleTextFile):
        for index, section in enumerate(model.sections):
            if section.id == parts[1]:
                return ("sections", index, parts[2])
        return ("sections",)
    return tuple(parts)
