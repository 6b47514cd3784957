"""Search-engine metadata of an item: the declared fields of the ``seo`` group."""

from __future__ import annotations

import strawberry

from api.content.fields import SEO
from api.content.localized import LocalizedItem
from api.graphql.declared import declared_fields, declared_values


@strawberry.type(description="Search-engine title and description, when the item sets them.")
@declared_fields(SEO, read=lambda localized, field: localized.text(field))
class Seo:
    @classmethod
    def from_domain(cls, localized: LocalizedItem) -> Seo:
        return cls(**declared_values(cls, localized))
