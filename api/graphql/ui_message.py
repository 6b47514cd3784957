"""UI strings (labels, notices, errors) for front-ends and the embeddable widget."""

from __future__ import annotations

import strawberry

from api.content.ui_messages import UiMessage as DomainUiMessage


@strawberry.type(description="One form of a string that depends on a number.")
class PluralForm:
    category: str = strawberry.field(
        description="CLDR plural category (`one`, `many`, `other`…), as `Intl.PluralRules` gives."
    )
    text: str


@strawberry.type(description="A UI string in one locale; `{name}` placeholders are left in.")
class UiMessage:
    # No `id`, for the reason Section has none: the same string in two locales is two
    # values, which a cache keying objects by `id` would merge.
    key: str = strawberry.field(
        description="Stable key, the same in every locale, e.g. `search.no_results`."
    )
    text: str = strawberry.field(description="The text (for plurals, the `one` form).")
    plurals: list[PluralForm] = strawberry.field(
        description="Every plural form, for strings that depend on a number; else empty."
    )
    translated: bool = strawberry.field(
        description=(
            "Whether the text is in the requested language: false when the English source "
            "text is shown for want of a translation; true in English, the strings' own."
        )
    )

    @classmethod
    def from_domain(cls, message: DomainUiMessage) -> UiMessage:
        return cls(
            key=message.id,
            text=message.text,
            plurals=[PluralForm(category=c, text=text) for c, text in message.plurals],
            translated=message.translated,
        )
