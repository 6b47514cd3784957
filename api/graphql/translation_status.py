"""Where each item's translation stands in a locale, field by field."""

from __future__ import annotations

import strawberry

from api.content import Item
from api.content.translation import field_states, translation_state
from api.graphql.enums import ContentType, TranslationState


@strawberry.type(description="One field's translation state.")
class FieldTranslationState:
    field: str
    state: TranslationState


@strawberry.type(description="An item's translation state in one locale.")
class TranslationStatus:
    content_type: ContentType
    key: str
    locale: str
    state: TranslationState
    fields: list[FieldTranslationState]

    @classmethod
    def from_domain(cls, item: Item, locale: str) -> TranslationStatus:
        return cls(
            content_type=item.type,
            key=item.key,
            locale=locale,
            state=translation_state(item, locale),
            fields=[
                FieldTranslationState(field=name, state=state)
                for name, state in field_states(item, locale).items()
            ],
        )
