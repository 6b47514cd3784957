"""An article section: its anchor (the same in every locale) and its declared fields."""

from __future__ import annotations

import strawberry

from api.content.fields import ARTICLE_FIELDS
from api.content.localized import LocalizedSection
from api.graphql.declared import declared_fields, declared_values

assert ARTICLE_FIELDS.sections is not None  # articles are written in sections


@strawberry.type(description="A section of an article.")
@declared_fields(ARTICLE_FIELDS.sections.fields)
class Section:
    # No `id`: a section is part of one article in one locale, and client caches that
    # key objects by `id` would merge the same section of two languages or articles.
    key: str = strawberry.field(
        description="Language-neutral key, the same in every locale (the anchor without `#`)."
    )
    anchor: str = strawberry.field(description="`#<id>`: link to the section in any locale.")

    @classmethod
    def from_domain(cls, section: LocalizedSection) -> Section:
        return cls(key=section.id, anchor=f"#{section.id}", **declared_values(cls, section))
