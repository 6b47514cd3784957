"""Dates as each locale writes them: French writes the first day of a month as an ordinal."""

from __future__ import annotations

import datetime

import pytest

from api.locales.formatting import full_date, long_date


@pytest.mark.parametrize(
    ("day", "french", "english"),
    [
        (1, "1er décembre 2026", "December 1, 2026"),
        (2, "2 décembre 2026", "December 2, 2026"),
        (11, "11 décembre 2026", "December 11, 2026"),
        (21, "21 décembre 2026", "December 21, 2026"),
        (31, "31 décembre 2026", "December 31, 2026"),
    ],
)
def test_long_dates(day: int, french: str, english: str) -> None:
    value = datetime.date(2026, 12, day)
    assert long_date(value, "fr-CA") == french
    assert long_date(value, "en-CA") == english


def test_full_dates_carry_the_weekday_and_the_ordinal() -> None:
    value = datetime.date(2026, 12, 1)
    assert full_date(value, "fr-CA") == "mardi 1er décembre 2026"
    assert full_date(value, "en-CA") == "Tuesday, December 1, 2026"
    assert full_date(datetime.date(2027, 1, 11), "fr-CA") == "lundi 11 janvier 2027"
