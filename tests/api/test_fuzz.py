"""Schema-driven fuzzing: whatever a client sends, /graphql answers without a 5xx or a leak.

Valid queries are generated from the schema (hypothesis-graphql), then invalid ones,
then arbitrary text in the places users type (search strings, locales, cursors).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, queries

from api.errors import ErrorCode
from api.graphql import schema_sdl
from tests.api.conftest import ApiClient

SCHEMA = schema_sdl()
# Codes a client may see; anything else (INTERNAL_SERVER_ERROR above all) is a bug.
CLIENT_ERROR_CODES = {
    "BAD_USER_INPUT",
    "UNSUPPORTED_LOCALE",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "OPERATION_RESOLUTION_FAILURE",
    "QUERY_TOO_LONG",
    "TOO_MANY_TERMS",
    "INVALID_PAGINATION",
    "SEARCH_TIMEOUT",
    "QUERY_TOO_DEEP",
    "TOO_MANY_ALIASES",
    "TOO_MANY_DIRECTIVES",
    "TOO_MANY_TOKENS",
    "QUERY_TOO_COMPLEX",
    "BAD_REQUEST",
    "PAYLOAD_TOO_LARGE",
}
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_answered_cleanly(client: ApiClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.request("POST", "/graphql", json=body, headers={"Accept": "application/json"})

    assert response.status_code < 500, response.text
    payload: dict[str, Any] = response.json()
    for error in payload.get("errors", []):
        code = error["extensions"]["code"]
        assert code != ErrorCode.INTERNAL_SERVER_ERROR.value, (body, error)
        assert code in CLIENT_ERROR_CODES, (body, error)
        assert "Traceback" not in error["message"]
    return payload


@FUZZ
@given(query=queries(SCHEMA, mode=Mode.POSITIVE, allow_x00=True))
def test_generated_valid_queries_never_fail_on_the_server(client: ApiClient, query: str) -> None:
    assert_answered_cleanly(client, {"query": query})


@FUZZ
@given(query=queries(SCHEMA, mode=Mode.NEGATIVE))
def test_generated_invalid_queries_are_refused_as_client_errors(
    client: ApiClient, query: str
) -> None:
    payload = assert_answered_cleanly(client, {"query": query})

    assert payload.get("errors")


@FUZZ
@given(text=st.text(max_size=600), locale=st.one_of(st.none(), st.text(max_size=40)))
def test_any_search_text_and_locale_are_answered(
    client: ApiClient, text: str, locale: str | None
) -> None:
    query = "query($q: String!, $l: String) { search(query: $q, locale: $l) { totalCount } }"
    assert_answered_cleanly(client, {"query": query, "variables": {"q": text, "l": locale}})


@FUZZ
@given(prefix=st.text(max_size=100), after=st.one_of(st.none(), st.text(max_size=100)))
def test_any_prefix_and_cursor_are_answered(
    client: ApiClient, prefix: str, after: str | None
) -> None:
    query = "query($p: String!, $a: String) { suggest(prefix: $p) faqs(after: $a) { totalCount } }"
    assert_answered_cleanly(client, {"query": query, "variables": {"p": prefix, "a": after}})


@pytest.mark.parametrize("first", [-1, 101, 2**31 - 1, -(2**31)])
def test_absurd_page_sizes_are_bad_user_input(client: ApiClient, first: int) -> None:
    query = "query($n: Int!) { articles(first: $n) { totalCount } }"
    payload = assert_answered_cleanly(client, {"query": query, "variables": {"n": first}})

    assert payload["errors"][0]["extensions"]["code"] in {"BAD_USER_INPUT", "QUERY_TOO_COMPLEX"}
