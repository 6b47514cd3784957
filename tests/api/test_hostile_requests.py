"""A corpus of hostile requests, each with the status and code docs/hardening.md promises.

Statuses are those of ``Accept: application/graphql-response+json``, where the spec gives
them meaning; the legacy ``application/json`` answers GraphQL request errors with 200.
"""

from __future__ import annotations

import base64
import json
import logging
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


def get_params(
    params: dict[str, str], path: str = "/graphql"
) -> Callable[[ApiClient], httpx.Response]:
    def send(client: ApiClient) -> httpx.Response:
        return client.get(path, params=params, headers={"Accept": GRAPHQL_RESPONSE})

    return send


def deep_json(levels: int) -> bytes:
    """An object nested ``levels`` deep, written out (json.dumps would recurse as deep)."""
    return b'{"a":' * levels + b"1" + b"}" * levels


def with_apq(body: bytes, version: bytes = b"1") -> bytes:
    persisted = b'{"persistedQuery":{"version":' + version + b',"sha256Hash":"' + b"a" * 64
    return body.removesuffix(b"}") + b',"extensions":' + persisted + b'"}}}'


def cursor_of(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def faqs_after(cursor: str) -> str:
    return f'{{ faqs(after: "{cursor}") {{ totalCount }} }}'


CONTENT_VERSION = b'{"query":"{ contentVersion }"}'
THOUSANDS_OF_DIGITS = "9" * 5000
FAQ_URL = "http://127.0.0.1:8000/en-CA/faqs/side-effects"


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
    Hostile(
        "deep-json-variables",
        post_raw(b'{"query":"{ contentVersion }","variables":' + deep_json(1000) + b"}"),
        400,
        "BAD_REQUEST",
    ),
    Hostile(
        "deep-json-extensions",
        get_params({"query": "{ contentVersion }", "extensions": deep_json(1000).decode()}),
        400,
        "BAD_REQUEST",
    ),
    Hostile(
        "lone-surrogate-with-apq",
        post_raw(with_apq(b'{"query":"{ contentVersion } # \\ud800"}')),
        400,
        "BAD_REQUEST",
    ),
    Hostile(
        "huge-number-in-variables",
        post_raw(b'{"query":"{ contentVersion }","variables":{"n":' + b"1" * 5000 + b"}}"),
        400,
        "BAD_REQUEST",
    ),
    Hostile(
        "huge-int-literal",
        post_json({"query": f"{{ faqs(first: {THOUSANDS_OF_DIGITS}) {{ totalCount }} }}"}),
        400,
        "GRAPHQL_VALIDATION_FAILED",
    ),
    Hostile(
        "huge-cursor",
        post_json({"query": faqs_after(cursor_of("v1:" + THOUSANDS_OF_DIGITS))}),
        200,
        "BAD_USER_INPUT",
    ),
    Hostile(
        "non-ascii-digit-cursor",
        post_json({"query": faqs_after(cursor_of("v1:²"))}),
        200,
        "BAD_USER_INPUT",
    ),
    Hostile("utf16-body", post_raw(CONTENT_VERSION.decode().encode("utf-16")), 400, "BAD_REQUEST"),
    Hostile("bom-body", post_raw(b"\xef\xbb\xbf" + CONTENT_VERSION), 400, "BAD_REQUEST"),
    Hostile(
        "apq-version-true",
        post_raw(with_apq(CONTENT_VERSION, version=b"true")),
        400,
        "PERSISTED_QUERY_NOT_SUPPORTED",
    ),
    Hostile(
        "deep-list-literal",
        post_json(
            {"query": "{ faqs(tags: " + "[" * 200 + '"x"' + "]" * 200 + ") { totalCount } }"}
        ),
        400,
        "QUERY_TOO_DEEP",
    ),
    Hostile(
        "oembed-unclosed-ipv6", get_params({"url": "http://[/x"}, "/oembed"), 400, "BAD_REQUEST"
    ),
    Hostile(
        "oembed-huge-maxwidth",
        get_params({"url": FAQ_URL, "maxwidth": THOUSANDS_OF_DIGITS}, "/oembed"),
        400,
        "BAD_REQUEST",
    ),
    Hostile(
        "oembed-huge-maxheight",
        get_params({"url": FAQ_URL, "maxheight": THOUSANDS_OF_DIGITS}, "/oembed"),
        400,
        "BAD_REQUEST",
    ),
]


def errors_of(response: httpx.Response) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = response.json()["errors"]
    return errors


@pytest.mark.parametrize("case", CORPUS, ids=[case.id for case in CORPUS])
def test_hostile_request_gets_its_documented_answer(
    client: ApiClient, case: Hostile, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = case.send(client)

    assert response.status_code == case.status, response.text[:500]
    codes = [error["extensions"]["code"] for error in errors_of(response)]
    assert case.code in codes, codes
    assert "INTERNAL_SERVER_ERROR" not in codes
    assert response.headers["x-content-type-options"] == "nosniff"
    # Nothing of the interpreter reaches the client, and a client's mistake is no crash.
    assert "set_int_max_str_digits" not in response.text
    assert not [record for record in caplog.records if record.exc_info], caplog.text


def test_a_list_literal_is_as_deep_as_its_brackets(client: ApiClient) -> None:
    query = "{ faqs(tags: " + "[" * 200 + '"x"' + "]" * 200 + ") { totalCount } }"

    [error] = errors_of(post_json({"query": query})(client))

    # The selection, the argument list, then the 200 lists.
    assert error["extensions"]["value"] == 202


def test_brackets_in_strings_add_no_depth() -> None:
    from api.transport.documents import nesting_error  # noqa: PLC0415

    error = nesting_error('{ a(x: "{{{[[[\\"(((") { b } }', max_depth=15)

    assert error.extensions is not None
    assert error.extensions["value"] == 2


def test_an_unexpected_exception_is_a_json_500_with_the_usual_headers(
    content_tree: ContentTree,
    make_client: MakeClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = make_client(content_tree)

    def broken(self: object) -> object:
        raise RuntimeError("the disk is on fire at /srv/secret/path")

    monkeypatch.setattr(type(client.api.live), "current", property(broken))
    with caplog.at_level(logging.INFO):
        response = client.get("/readyz", headers={"X-Request-ID": "probe-500"})

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-request-id"] == "probe-500"
    assert response.json() == {
        "errors": [
            {
                "message": "Internal server error",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": "probe-500"},
            }
        ]
    }
    assert "secret" not in response.text
    # The traceback is the server's: logged once, with the request id.
    logged = [record for record in caplog.records if record.exc_info]
    assert len(logged) == 1 and "probe-500" in logged[0].getMessage()
    assert '"GET /readyz" 500' in caplog.text


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
