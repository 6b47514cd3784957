"""Dates, durations and names written the way each locale writes them (Babel, CLDR data)."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.units import format_unit


@lru_cache(maxsize=64)
def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


# The day of the month in a CLDR pattern: ``d`` alone (``dd`` is a padded day).
_DAY_FIELD = re.compile(r"(?<![d'])d(?![d'])")
# Languages that write the first day of a month as an ordinal: French ``1er décembre``.
_ORDINAL_FIRST_DAY = {"fr": "'1er'"}


def _date(value: datetime.date, tag: str, length: str) -> str:
    locale = babel_locale(tag)
    pattern = locale.date_formats[length].pattern
    ordinal = _ORDINAL_FIRST_DAY.get(locale.language)
    if value.day == 1 and ordinal is not None:
        # CLDR writes the bare number (``1 décembre``); French usage is ``1er décembre``.
        pattern = _DAY_FIELD.sub(ordinal, pattern)
    return format_date(value, format=pattern, locale=locale)


@lru_cache(maxsize=1024)
def long_date(value: datetime.date, tag: str) -> str:
    """``26 novembre 2026`` and ``1er décembre 2026`` in fr-CA, ``November 26, 2026`` in en-CA."""
    return _date(value, tag, "long")


@lru_cache(maxsize=1024)
def full_date(value: datetime.date, tag: str) -> str:
    """With the weekday: ``mardi 1er décembre 2026``, ``Tuesday, December 1, 2026``."""
    return _date(value, tag, "full")


@lru_cache(maxsize=1024)
def minutes(count: int, tag: str) -> str:
    """``4 minutes`` in both, ``1 minute`` / ``1 minute``: CLDR's long duration unit."""
    return format_unit(count, "duration-minute", length="long", locale=babel_locale(tag))


def display_name(tag: str, in_tag: str | None = None) -> str:
    """The locale's name, in its own language unless ``in_tag`` is given."""
    name = babel_locale(tag).get_display_name(babel_locale(in_tag or tag))
    return name or tag
