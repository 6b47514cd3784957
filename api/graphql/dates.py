"""Dates as ISO values and as written in the response locale."""

from __future__ import annotations

import datetime

import strawberry

from api.locales.formatting import full_date, long_date


@strawberry.type(description="A date, as an ISO value and as the response locale writes it.")
class LocalizedDate:
    iso: datetime.date
    formatted: str = strawberry.field(
        description=("Long form in the response locale: `1er décembre 2026`, `December 1, 2026`.")
    )
    full: str = strawberry.field(
        description="With the weekday: `mardi 1er décembre 2026`, `Tuesday, December 1, 2026`."
    )

    @classmethod
    def from_domain(cls, value: datetime.date | None, locale: str) -> LocalizedDate | None:
        if value is None:
            return None
        return cls(iso=value, formatted=long_date(value, locale), full=full_date(value, locale))
