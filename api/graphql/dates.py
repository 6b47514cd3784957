"""Dates as ISO values and as written in the response locale."""

from __future__ import annotations

import datetime

import strawberry

from api.locales.formatting import long_date


@strawberry.type(description="A date, as an ISO value and as the response locale writes it.")
class LocalizedDate:
    iso: datetime.date
    formatted: str = strawberry.field(
        description="Long form in the response locale: `26 novembre 2026`, `November 26, 2026`."
    )

    @classmethod
    def from_domain(cls, value: datetime.date | None, locale: str) -> LocalizedDate | None:
        if value is None:
            return None
        return cls(iso=value, formatted=long_date(value, locale))
