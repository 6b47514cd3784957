"""Locales: which are enabled, which is the default, how each falls back, how one is chosen."""

from api.locales.config import LocaleConfig
from api.locales.negotiation import (
    InvalidLocaleTag,
    LocaleSource,
    NegotiatedLocale,
    UnsupportedLocale,
    resolve_locale,
)

__all__ = [
    "InvalidLocaleTag",
    "LocaleConfig",
    "LocaleSource",
    "NegotiatedLocale",
    "UnsupportedLocale",
    "resolve_locale",
]
