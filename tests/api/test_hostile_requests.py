"""A corpus of hostile requests, each with the status and code docs/hardening.md promises.

Statuses are those of ``Accept: application/graphql-response+json``, where the spec gives
them meaning; the legacy ``application/json`` answers GraphQL request errors with 200.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import PROJECT_ROOT, ContentTree

GRAPHQL_RESPONSE = "application/graphql-response+json"
HARDENING_DOC = PROJECT_ROOT / "docs" / "hardening.md"


def nested(levels: int) -> str:
    return "{ " + "a { " * levels + "b" + " }" * levels + " }"


def aliases(count: int) -> str:
    return "{ " + " ".join(f"a{n}: contentVersion" for n in range(count)) + " }"


def directives(count: int) -> str:
    return "{ contentVersion " + "@include(if: true) " * count + "}"


def search_for(text: str) -> dict[str, Any]:
    return {
        "query": 'query($q: String!) { search(query: $q, locale: "en-CA") { totalCount } }',
        "variables": {"q": text},
    }


@dataclass(frozen=True)
class Hostile:
    """One request of the corpus: its id (as in docs/hardening.md), what it sends, the answer."""

    id: str
    send: Callable[[ApiClient], httpx.Response]
    status: int
    code: str


def post_json(body: object) -> Callable[[ApiClient], httpx.Response]:
    return post_raw(json.dumps(body).encode())


def post_raw(
    raw: bytes, content_type: str = "application/json"
) -> Callable[[ApiClient], httpx.Response]:
    def send(client: ApiClient) -> httpx.Response:
        headers = {"Content-Type": content_type, "Accept": GRAPHQL_RESPONSE}
        return client.request("POST", "/graphql", content=raw, headers=headers)

    return send


def get_params(params: dict[str, str]) -> Callable[[ApiClient], httpx.Response]:
    def send(client: ApiClient) -> httpx.Response:
        return client.get("/graphql", params=params, headers={"Accept": GRAPHQL_RESPONSE})

    return send


CORPUS = [
    Hostile("deep-nesting", post_json({"query": nested(40)}), 400, "QUERY_TOO_DEEP"),
    Hostile("token-flood", post_json({"query": "{ " + "a " * 2500 + "}"}), 400, "TOO_MANY_TOKENS"),
    Hostile("alias-bomb", post_json({"query": aliases(200)}), 400, "TOO_MANY_ALIASES"),
    Hostile(
        "alias-bomb-through-fragments",
        post_json(
            {
                "query": "fragment F on Query { "
                + " ".join(f"x{n}: contentVersion" for n in range(8))
                + " } { "
                + " ".join("...F" for _ in range(5))
                + " }"
            }
        ),
        400,
        "TOO_MANY_ALIASES",
    ),
    Hostile("directive-flood", post_json({"query": directives(40)}), 400, "TOO_MANY_DIRECTIVES"),
    Hostile(
        "fragment-cycle",
        post_json({"query": "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }"}),
        400,
        "GRAPHQL_VALIDATION_FAILED",
    ),
    Hostile(
        "fan-out",
        post_json(
            {
                "query": "{ articles(first: 100) { edges { node { faqs { question "
                "alternates { url } } sections { heading } } } } "
                "faqs(first: 100) { edges { node { alternates { url } } } } }"
            }
        ),
        400,
        "QUERY_TOO_COMPLEX",
    ),
    Hostile(
        "huge-body",
        post_json({"query": "{ contentVersion }" + " " * 20_000}),
        413,
        "PAYLOAD_TOO_LARGE",
    ),
    Hostile(
        "huge-query-string",
        get_params({"query": "{ contentVersion }" + " " * 20_000}),
        414,
        "PAYLOAD_TOO_LARGE",
    ),
    Hostile("huge-search-string", post_json(search_for("ketamine " * 100)), 200, "QUERY_TOO_LONG"),
    Hostile(
        "invalid-utf8", post_raw(b'{"query": "{ contentVersion \xff\xfe }"}'), 400, "BAD_REQUEST"
    ),
    Hostile("json-array-body", post_json([{"query": "{ contentVersion }"}]), 400, "BAD_REQUEST"),
    Hostile("bare-string-body", post_json("{ contentVersion }"), 400, "BAD_REQUEST"),
    Hostile(
        "form-content-type",
        post_raw(b"query=%7B%7D", "application/x-www-form-urlencoded"),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
    ),
    Hostile(
        "text-content-type",
        post_raw(b"{ contentVersion }", "text/plain"),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
    ),
    Hostile(
        "null-byte-in-locale",
        post_json({"query": '{ articles(locale: "fr\\u0000CA") { totalCount } }'}),
        200,
        "BAD_USER_INPUT",
    ),
    Hostile(
        "control-chars-in-locale",
        post_json({"query": '{ faqs(locale: "en\\u0007\\u001b[31m") { totalCount } }'}),
        200,
        "BAD_USER_INPUT",
    ),
    Hostile(
        "absurd-first",
        post_json({"query": "{ faqs(first: 2147483647) { totalCount } }"}),
        200,
        "BAD_USER_INPUT",
    ),
    Hostile(
        "negative-first",
        post_json({"query": "{ faqs(first: -5) { totalCount } }"}),
        200,
        "BAD_USER_INPUT",
    ),
    Hostile(
        "first-beyond-int",
        post_json({"query": "{ faqs(first: 99999999999999999999) { totalCount } }"}),
        400,
        "GRAPHQL_VALIDATION_FAILED",
    ),
    Hostile(
        "forged-cursor",
        post_json({"query": '{ faqs(after: "\\u0000\\uffff") { totalCount } }'}),
        200,
        "BAD_USER_INPUT",
    ),
    Hostile(
        "variables-not-an-object",
        post_json({"query": "{ contentVersion }", "variables": [1]}),
        400,
        "BAD_REQUEST",
    ),
    Hostile("query-not-a-string", post_json({"query": {"nested": True}}), 400, "BAD_REQUEST"),
    Hostile(
        "mutation-over-get", get_params({"query": "mutation { x }"}), 405, "METHOD_NOT_ALLOWED"
    ),
]


def errors_of(response: httpx.Response) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = response.json()["errors"]
    return errors


@pytest.mark.parametrize("case", CORPUS, ids=[case.id for case in CORPUS])
def test_hostile_request_gets_its_documented_answer(client: ApiClient, case: Hostile) -> None:
    response = case.send(client)

    assert response.status_code == case.status, response.text[:500]
    codes = [error["extensions"]["code"] for error in errors_of(response)]
    assert case.code in codes, codes
    assert "INTERNAL_SERVER_ERROR" not in codes


def test_null_bytes_in_search_text_are_just_text(client: ApiClient) -> None:
    response = post_json(search_for("kéta\x00mine\x1b[2J\u202e"))(client)

    assert response.status_code == 200
    assert response.json()["data"]["search"]["totalCount"] >= 0


def test_nesting_past_the_parsers_stack_is_a_depth_error(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    # With a token limit this high, the parser's recursion gives out before any rule runs.
    client = make_client(content_tree, max_query_tokens=1_000_000, max_body_bytes=1_000_000)

    response = post_json({"query": nested(5000)})(client)

    assert response.status_code == 400
    [error] = errors_of(response)
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "limit": 15, "value": 5001}


def test_every_case_is_documented() -> None:
    documented = HARDENING_DOC.read_text()
    for case in CORPUS:
        row = re.search(rf"^\| `{re.escape(case.id)}` \|(.*)$", documented, re.MULTILINE)
        assert row is not None, f"{case.id} is missing from {HARDENING_DOC.name}"
        assert str(case.status) in row.group(1) and case.code in row.group(1), case.id
