"""A safety notice on an item, such as where to call in a crisis (api/content/safety_notices.py)."""

from __future__ import annotations

import strawberry

from api.content.safety_notices import NoticeText
from api.graphql.body import Body


@strawberry.type(
    description=(
        "A notice the clinic puts before an item, to be shown first, before the item's own "
        "text (the clinic's crisis line on depression content, for one). Always in the "
        "requested locale: an item is not published while one of its notices lacks a locale."
    )
)
class SafetyNotice:
    key: str = strawberry.field(description="The notice's key, the same in every locale.")
    title: str
    body: Body

    @classmethod
    def from_domain(cls, text: NoticeText) -> SafetyNotice:
        return cls(
            key=text.key, title=text.title, body=Body(markdown=text.body, locale=text.locale)
        )
