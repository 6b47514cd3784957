"""Search-engine metadata of an item: the declared fields of the ``seo`` group."""

from __future__ import annotations

import strawberry

from api.content import ContentType
from api.content.fields import SEO_GROUP, TextField
from api.content.localized import LocalizedItem
from api.content.model import fields_of
from api.graphql.declared import declared_fields, declared_values


def _seo_fields() -> tuple[TextField, ...]:
    """The seo fields of every content type, each once, in the order they are declared."""
    found: dict[str, TextField] = {}
    for content_type in ContentType:
        for field in fields_of(content_type).fields:
            if field.group == SEO_GROUP:
                found.setdefault(field.key, field)
    return tuple(found.values())


@strawberry.type(description="Search-engine title and description, when the item sets them.")
@declared_fields(_seo_fields())
class Seo:
    @classmethod
    def from_domain(cls, localized: LocalizedItem) -> Seo:
        return cls(**declared_values(cls, localized))
