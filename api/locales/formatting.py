"""Dates, durations and names written the way each locale writes them (Babel, CLDR data)."""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.units import format_unit


@lru_cache(maxsize=64)
def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


@lru_cache(maxsize=1024)
def long_date(value: datetime.date, tag: str) -> str:
    """``26 novembre 2026`` in fr-CA, ``November 26, 2026`` in en-CA."""
    return format_date(value, format="long", locale=babel_locale(tag))


@lru_cache(maxsize=1024)
def minutes(count: int, tag: str) -> str:
    """``4 minutes`` in both, ``1 minute`` / ``1 minute``: CLDR's long duration unit."""
    return format_unit(count, "duration-minute", length="long", locale=babel_locale(tag))


def display_name(tag: str, in_tag: str | None = None) -> str:
    """The locale's name, in its own language unless ``in_tag`` is given."""
    name = babel_locale(tag).get_display_name(babel_locale(in_tag or tag))
    return name or tag
