"""Locales: which are enabled, which is the default, and how each falls back."""

from api.locales.config import LocaleConfig

__all__ = ["LocaleConfig"]
