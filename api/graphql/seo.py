"""Search-engine metadata of an item."""

from __future__ import annotations

import strawberry

from api.content.localized import LocalizedItem


@strawberry.type(description="Search-engine title and description, when the item sets them.")
class Seo:
    title: str | None
    description: str | None

    @classmethod
    def from_domain(cls, localized: LocalizedItem) -> Seo:
        return cls(
            title=localized.seo_title.value if localized.seo_title else None,
            description=localized.seo_description.value if localized.seo_description else None,
        )
