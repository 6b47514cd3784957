"""The shape of each kind of content file, as pydantic models.

These describe files, not content: the loader validates a file against its model,
then assembles the frozen domain objects of ``api.content.model`` from it. The models
of locale files are made from the declaration of translatable fields
(``api.content.fields``). Text fields are optional here because a translation may
leave any of them to fallback; the loader decides which are required for an item's
source locale, and makes the checks that span fields or files (dates in order,
relations, unique slugs).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, create_model

from api.content.fields import SECTIONS, ContentFields, TextField, TextFormat, section_field
from api.content.model import ContentType, fields_of
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
    # Only read to say where it went: a review is of one locale's text (TextFile.review).
    review: ReviewFields | None = None
    order: int = Field(default=0, ge=0, le=1_000_000)
    tags: tuple[Identifier, ...] = ()
    # Days between medical reviews of each locale's text; its type's setting if absent.
    review_interval_days: int | None = Field(default=None, ge=1, le=3650)


class ArticleFile(ItemFile):
    # Section ids are the anchors, shared by every locale; their order is the page's.
    sections: tuple[Identifier, ...] = Field(min_length=1)
    faqs: tuple[Identifier, ...] = ()


class FaqFile(ItemFile):
    pass


class TextFile(FileModel):
    """The part every locale file has: its slug, its medical review and, for translations,
    what it was made from.

    Its keys are ``SLUG``, ``SOURCE_DIGEST`` and ``REVIEW`` (``api/content/fields.py``).
    """

    slug: Slug | None = None
    source_digest: Digest | None = None
    # The medical review of this locale's text: a clinician's sign-off covers what they read.
    review: ReviewFields = ReviewFields()


# What a value of each format may be, in a locale file.
_VALUE_TYPES: Mapping[TextFormat, Any] = {TextFormat.PLAIN: Text, TextFormat.MARKDOWN: Markdown}


def _optional(field: TextField) -> tuple[Any, None]:
    return (_VALUE_TYPES[field.format] | None, None)


def _text_file_model(content_type: ContentType) -> type[TextFile]:
    """The model of a locale file of this type, made from its fields' declaration."""
    declared = fields_of(content_type)
    definitions: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for field in declared.fields:
        if field.group is None:
            definitions[field.key] = _optional(field)
        else:
            groups.setdefault(field.group, {})[field.key] = _optional(field)
    for group, members in groups.items():
        model = create_model(f"{group.title()}Fields", __base__=FileModel, **members)
        definitions[group] = (model, model())
    if declared.sections is not None:
        parts: dict[str, Any] = {"id": (Identifier, ...)}
        parts |= {field.key: _optional(field) for field in declared.sections.fields}
        section = create_model("SectionText", __base__=FileModel, **parts)
        definitions[SECTIONS] = (tuple[section, ...], ())
    name = f"{content_type.value.title()}TextFile"
    return create_model(name, __base__=TextFile, **definitions)


TEXT_FILE_MODELS: Mapping[ContentType, type[TextFile]] = {
    content_type: _text_file_model(content_type) for content_type in ContentType
}


class LocaleEntry(FileModel):
    tag: LocaleTag
    fallback: tuple[LocaleTag, ...] = ()


class LocalesFile(FileModel):
    default: LocaleTag
    locales: tuple[LocaleEntry, ...] = Field(min_length=1)


def text_fields(model: TextFile, declared: ContentFields) -> dict[str, str]:
    """The text a locale file gives, flattened into named fields (absent ones left out)."""
    fields: dict[str, str | None] = {}
    for entry in declared.entries:
        if isinstance(entry, TextField):
            holder = getattr(model, entry.group) if entry.group else model
            fields[entry.name] = getattr(holder, entry.key)
            continue
        for section in getattr(model, SECTIONS):
            for field in entry.fields:
                fields[section_field(section.id, field.key)] = getattr(section, field.key)
    return {name: value for name, value in fields.items() if value is not None}


def field_path(model: TextFile, name: str) -> tuple[str | int, ...]:
    """Where a named field lives in its file: ``sections.<id>.body`` -> ``sections[i].body``."""
    parts = name.split(".")
    if parts[0] == SECTIONS:
        for index, section in enumerate(getattr(model, SECTIONS, ())):
            if section.id == parts[1]:
                return (SECTIONS, index, parts[2])
        return (SECTIONS,)
    return tuple(parts)
