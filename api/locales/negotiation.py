"""Which enabled locale a request gets: explicit argument, else Accept-Language, else default."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from babel import negotiate_locale

from api.locales.config import LocaleConfig

# BCP 47 language tags, as far as clients send them: a language, then optional script,
# region and variant subtags ("fr", "fr-CA", "zh-Hant-TW", "de-CH-1996").
_LANGUAGE_TAG = re.compile(
    r"^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$",
    re.IGNORECASE,
)


class InvalidLocaleTag(ValueError):
    """A locale argument that is not a language tag at all (``"fr_CA!"``, ``""``)."""

    def __init__(self, tag: str) -> None:
        super().__init__(f"{tag!r} is not a BCP 47 language tag (for example en-CA or fr-CA)")
        self.tag = tag


class UnsupportedLocale(LookupError):
    """A well-formed language tag that no enabled locale can serve."""

    def __init__(self, tag: str, supported: tuple[str, ...]) -> None:
        super().__init__(f"locale {tag!r} is not supported; use one of {', '.join(supported)}")
        self.tag = tag
        self.supported = supported


class LocaleSource(StrEnum):
    """What decided the locale; a cache must vary on Accept-Language unless the argument did."""

    ARGUMENT = "argument"
    ACCEPT_LANGUAGE = "accept-language"
    DEFAULT = "default"


@dataclass(frozen=True)
class NegotiatedLocale:
    tag: str
    source: LocaleSource


def is_language_tag(tag: str) -> bool:
    return bool(_LANGUAGE_TAG.match(tag))


def match_locale(tag: str, locales: LocaleConfig) -> str | None:
    """The enabled locale serving ``tag``: an exact match, else the first with its language.

    Babel matches tags exactly (ignoring case) but never maps ``fr-BE`` or ``fr`` to
    ``fr-CA``; the language-only fallback adds that, in the configured locale order.
    """
    exact = negotiate_locale([tag], locales.enabled, sep="-")
    if exact is not None:
        # Babel hands back the client's spelling; serve the configured one.
        return next(locale for locale in locales.enabled if locale.lower() == exact.lower())
    language = tag.split("-", 1)[0].lower()
    return next(
        (locale for locale in locales.enabled if locale.split("-", 1)[0].lower() == language),
        None,
    )


def parse_accept_language(header: str) -> tuple[str, ...]:
    """The header's language tags, most preferred first; malformed entries and q=0 dropped."""
    weighted: list[tuple[float, int, str]] = []
    for position, entry in enumerate(header.split(",")):
        tag, _, params = entry.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and (tag == "*" or is_language_tag(tag)):
            # Sorting on -quality then position keeps the client's order among equals.
            weighted.append((-quality, position, tag))
    return tuple(tag for _, _, tag in sorted(weighted))


def resolve_locale(
    explicit: str | None, accept_language: str | None, locales: LocaleConfig
) -> NegotiatedLocale:
    """The locale to serve; raises InvalidLocaleTag or UnsupportedLocale for a bad argument.

    A bad header never fails a request: it just falls through to the default.
    """
    if explicit is not None:
        if not is_language_tag(explicit):
            raise InvalidLocaleTag(explicit)
        matched = match_locale(explicit, locales)
        if matched is None:
            raise UnsupportedLocale(explicit, locales.enabled)
        return NegotiatedLocale(matched, LocaleSource.ARGUMENT)
    if accept_language:
        for tag in parse_accept_language(accept_language):
            matched = locales.default if tag == "*" else match_locale(tag, locales)
            if matched is not None:
                return NegotiatedLocale(matched, LocaleSource.ACCEPT_LANGUAGE)
    return NegotiatedLocale(locales.default, LocaleSource.DEFAULT)
