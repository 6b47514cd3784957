"""Which locale a field's value came from: the visible side of per-field fallback."""

from __future__ import annotations

from collections.abc import Mapping

import strawberry


@strawberry.type(description="A field (`title`, `sections.<id>.body`, ...) and its value's locale.")
class FieldLocale:
    field: str
    locale: str

    @classmethod
    def list_from_domain(cls, field_locales: Mapping[str, str]) -> list[FieldLocale]:
        return [cls(field=name, locale=locale) for name, locale in field_locales.items()]
