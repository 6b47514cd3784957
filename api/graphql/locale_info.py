"""An enabled locale, as clients list them in a language switcher."""

from __future__ import annotations

import strawberry

from api.locales import LocaleConfig
from api.locales.formatting import display_name


@strawberry.type(description="An enabled locale.")
class LocaleInfo:
    tag: str = strawberry.field(description="BCP 47 tag, e.g. `fr-CA`.")
    name: str = strawberry.field(description="Its name in its own language: `français (Canada)`.")
    is_default: bool
    fallbacks: list[str] = strawberry.field(
        description="Locales tried, in order, when text is missing."
    )

    @classmethod
    def list_from_domain(cls, locales: LocaleConfig) -> list[LocaleInfo]:
        return [
            cls(
                tag=tag,
                name=display_name(tag),
                is_default=tag == locales.default,
                fallbacks=list(locales.chain(tag)[1:]),
            )
            for tag in locales.enabled
        ]
