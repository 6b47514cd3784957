"""Errors: stable codes for what clients did wrong; nothing internal for what we did wrong."""

from __future__ import annotations

import logging

import pytest

from api.catalog import Catalog
from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import ContentTree


@pytest.mark.parametrize("field", ["article", "faq"])
@pytest.mark.parametrize("locale", ["de-DE", "es", "xx"])
def test_unsupported_locale_lists_the_supported_ones(
    client: ApiClient, field: str, locale: str
) -> None:
    query = f'query($locale: String) {{ {field}(key: "x", locale: $locale) {{ key }} }}'
    [error] = client.errors(query, {"locale": locale})

    assert error["extensions"] == {
        "code": "UNSUPPORTED_LOCALE",
        "locale": locale,
        "supportedLocales": ["en-CA", "fr-CA"],
    }
    assert "en-CA, fr-CA" in error["message"]
    assert error["path"] == [field]


@pytest.mark.parametrize("locale", ["fr_CA!", "", "français"])
def test_unparseable_locale_is_bad_user_input(client: ApiClient, locale: str) -> None:
    query = "query($locale: String) { articles(locale: $locale) { totalCount } }"
    [error] = client.errors(query, {"locale": locale})

    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


@pytest.mark.parametrize(
    "query",
    ["{ article { key } }", '{ article(slug: "a", key: "b") { key } }'],
    ids=["neither", "both"],
)
def test_article_needs_exactly_one_of_slug_and_key(client: ApiClient, query: str) -> None:
    [error] = client.errors(query)

    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


def test_bad_node_id_is_bad_user_input(client: ApiClient) -> None:
    [error] = client.errors('{ node(id: "bm9wZQ==") { id } }')

    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


def test_syntax_error_has_a_parse_code(client: ApiClient) -> None:
    [error] = client.errors("{ articles { ")

    assert error["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}


def test_unknown_field_has_a_validation_code(client: ApiClient) -> None:
    [error] = client.errors("{ articles { noSuchField } }")

    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "noSuchField" in error["message"]


MASKED = {
    "en-CA": ("{ articles { totalCount } }", "Internal server error"),
    "fr-CA": ('{ articles(locale: "fr-CA") { totalCount } }', "Erreur interne du serveur"),
}


@pytest.mark.parametrize("locale", MASKED)
def test_unexpected_error_is_masked_and_logged_with_the_request_id(
    locale: str,
    content_tree: ContentTree,
    make_client: MakeClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = make_client(content_tree)

    def broken(self: Catalog, tag: str | None = None) -> tuple[()]:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(Catalog, "articles", broken)
    with caplog.at_level(logging.ERROR, logger="api.graphql"):
        query, message = MASKED[locale]
        response = client.post_query(query, headers={"X-Request-ID": "req-42"})

    [error] = response.json()["errors"]
    assert error["message"] == message
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-42"}
    assert "hunter2" not in response.text
    assert response.headers["X-Request-ID"] == "req-42"
    [record] = [record for record in caplog.records if record.name == "api.graphql"]
    assert "req-42" in record.getMessage()
    assert record.exc_info is not None
    assert "hunter2" in str(record.exc_info[1])


def test_domain_errors_are_not_logged_as_crashes(
    client: ApiClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        client.errors('{ articles(locale: "de") { totalCount } }')

    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (
            {"Accept-Language": "fr-CA"},
            "Cette langue n\u2019est pas offerte. Langues offertes\u00a0: en-CA, fr-CA.",
        ),
        ({"Accept-Language": "en-CA"}, "locale 'de-DE' is not supported; use one of en-CA, fr-CA"),
        ({}, "locale 'de-DE' is not supported; use one of en-CA, fr-CA"),
    ],
    ids=["fr-CA", "en-CA", "default"],
)
def test_an_unsupported_locale_is_refused_in_the_reader_s_language(
    client: ApiClient, headers: dict[str, str], message: str
) -> None:
    response = client.post_query(
        '{ faq(key: "side-effects", locale: "de-DE") { key } }', headers=headers
    )
    [error] = response.json()["errors"]
    assert error["message"] == message
    assert error["extensions"]["code"] == "UNSUPPORTED_LOCALE"
    # The message followed Accept-Language: so may a cache.
    assert "accept-language" in response.headers["vary"].lower()


def test_a_search_error_is_written_in_the_locale_searched(client: ApiClient) -> None:
    query = 'query($q: String!) { search(query: $q, locale: "fr-CA") { totalCount } }'
    [error] = client.errors(query, {"q": "kétamine " * 400})
    assert error["extensions"]["code"] == "QUERY_TOO_LONG"
    assert error["message"] == "Le texte de la recherche est trop long; veuillez le raccourcir."
    [english] = client.errors(query.replace("fr-CA", "en-CA"), {"q": "ketamine " * 400})
    assert english["extensions"]["code"] == "QUERY_TOO_LONG"
    assert english["message"].startswith("The search text has 3600 characters")
