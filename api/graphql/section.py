"""An article section: its anchor (the same in every locale), heading and body."""

from __future__ import annotations

import strawberry

from api.content.localized import LocalizedSection
from api.graphql.body import Body


@strawberry.type(description="A section of an article.")
class Section:
    id: str = strawberry.field(description="Language-neutral id, identical in every locale.")
    anchor: str = strawberry.field(description="`#<id>`: link to the section in any locale.")
    heading: str
    body: Body

    @classmethod
    def from_domain(cls, section: LocalizedSection) -> Section:
        return cls(
            id=section.id,
            anchor=f"#{section.id}",
            heading=section.heading.value,
            body=Body(markdown=section.body.value, locale=section.body.locale),
        )
