"""Search-engine metadata of an item: the declared fields of the ``seo`` group."""

from __future__ import annotations

import strawberry

from api.content.fields import SEO
from api.content.localized import LocalizedItem
from api.graphql.declared import declared_fields


@strawberry.type(description="Search-engine title and description, when the item sets them.")
@declared_fields(SEO, read=lambda seo, field: seo.localized.text(field))
class Seo:
    localized: strawberry.Private[LocalizedItem]
