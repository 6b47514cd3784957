"""Locale negotiation as HTTP clients see it: headers in, Content-Language and Vary out."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import ApiClient

TITLE = '{ article(key: "ketamine-trd") { title requestedLocale } }'


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr", "fr-CA"),
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr-CA"),
        ("fr-BE", "fr-CA"),
        ("en-US", "en-CA"),
        ("de-DE", "en-CA"),
    ],
)
def test_accept_language_chooses_the_locale(
    client: ApiClient, accept_language: str, expected: str
) -> None:
    response = client.post_query(TITLE, headers={"Accept-Language": accept_language})

    assert response.json()["data"]["article"]["requestedLocale"] == expected
    assert response.headers["Content-Language"] == expected
    assert "Accept-Language" in vary_of(response)


def test_default_locale_without_header_still_varies(client: ApiClient) -> None:
    response = client.post_query(TITLE)

    assert response.json()["data"]["article"]["requestedLocale"] == "en-CA"
    assert response.headers["Content-Language"] == "en-CA"
    assert "Accept-Language" in vary_of(response)


def test_explicit_locale_beats_the_header_and_does_not_vary(client: ApiClient) -> None:
    query = '{ article(key: "ketamine-trd", locale: "fr-CA") { requestedLocale } }'
    response = client.post_query(query, headers={"Accept-Language": "en-CA"})

    assert response.json()["data"]["article"]["requestedLocale"] == "fr-CA"
    assert response.headers["Content-Language"] == "fr-CA"
    # Other headers (Origin, Accept) may still vary it; the language does not.
    assert "Accept-Language" not in vary_of(response)


def test_content_language_lists_every_locale_served(client: ApiClient) -> None:
    query = """{ en: article(key: "ketamine-trd", locale: "en-CA") { title }
                 fr: article(key: "ketamine-trd", locale: "fr-CA") { title } }"""
    response = client.post_query(query)

    assert response.headers["Content-Language"] == "en-CA, fr-CA"


def test_unlocalized_query_has_no_content_language(client: ApiClient) -> None:
    response = client.post_query("{ contentVersion locales { tag } }")

    assert "Content-Language" not in response.headers


def vary_of(response: httpx.Response) -> set[str]:
    return {part.strip() for part in response.headers.get("Vary", "").split(",") if part.strip()}
