"""Locale negotiation: argument, else Accept-Language, else default; language-only fallback."""

from __future__ import annotations

import pytest

from api.locales import (
    InvalidLocaleTag,
    LocaleConfig,
    LocaleSource,
    UnsupportedLocale,
    resolve_locale,
)
from api.locales.negotiation import parse_accept_language

LOCALES = LocaleConfig(
    default="en-CA", enabled=("en-CA", "fr-CA"), fallbacks={"en-CA": (), "fr-CA": ("en-CA",)}
)


@pytest.mark.parametrize(
    ("explicit", "expected"),
    [
        ("en-CA", "en-CA"),
        ("fr-CA", "fr-CA"),
        ("FR-ca", "fr-CA"),
        ("fr", "fr-CA"),
        ("fr-FR", "fr-CA"),
        ("fr-BE", "fr-CA"),
        ("en", "en-CA"),
        ("en-US", "en-CA"),
    ],
)
def test_explicit_locale_reaches_an_enabled_one(explicit: str, expected: str) -> None:
    negotiated = resolve_locale(explicit, "fr-CA", LOCALES)

    assert negotiated.tag == expected
    assert negotiated.source is LocaleSource.ARGUMENT


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr", "fr-CA"),
        ("fr-FR,fr;q=0.9", "fr-CA"),
        ("fr-BE", "fr-CA"),
        ("en-US,en;q=0.9", "en-CA"),
        # The client's order wins over an exact match further down.
        ("en-US, fr-CA;q=0.8", "en-CA"),
        ("de-DE, fr;q=0.5", "fr-CA"),
        ("fr;q=0.2, en;q=0.7", "en-CA"),
        ("*", "en-CA"),
    ],
)
def test_accept_language_decides_without_an_argument(header: str, expected: str) -> None:
    negotiated = resolve_locale(None, header, LOCALES)

    assert negotiated.tag == expected
    assert negotiated.source is LocaleSource.ACCEPT_LANGUAGE


@pytest.mark.parametrize("header", [None, "", "de-DE, es", "fr;q=0", "!!!, 12"])
def test_default_when_the_header_cannot_decide(header: str | None) -> None:
    negotiated = resolve_locale(None, header, LOCALES)

    assert negotiated.tag == "en-CA"
    assert negotiated.source is LocaleSource.DEFAULT


@pytest.mark.parametrize("tag", ["de", "es-MX", "zh-Hant-TW"])
def test_well_formed_but_unsupported_locale_names_the_supported_ones(tag: str) -> None:
    with pytest.raises(UnsupportedLocale) as raised:
        resolve_locale(tag, None, LOCALES)

    assert raised.value.supported == ("en-CA", "fr-CA")


@pytest.mark.parametrize("tag", ["", "fr_CA!", "f", "français", "fr--CA", "en-CA-"])
def test_unparseable_locale_is_invalid(tag: str) -> None:
    with pytest.raises(InvalidLocaleTag):
        resolve_locale(tag, None, LOCALES)


def test_accept_language_is_ordered_by_quality_then_position() -> None:
    assert parse_accept_language("da, en-GB;q=0.8, en;q=0.7, fr;q=0.8, bad tag") == (
        "da",
        "en-GB",
        "fr",
        "en",
    )
