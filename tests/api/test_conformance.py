"""The GraphQL over HTTP spec: media types, Accept, methods, parameters and status codes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.api.conftest import ApiClient

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
QUERY = '{ article(key: "ketamine-trd", locale: "en-CA") { key } }'


def post(
    client: ApiClient, body: object, accept: str = GRAPHQL_RESPONSE, **headers: str
) -> httpx.Response:
    return client.request(
        "POST",
        "/graphql",
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept": accept, **headers},
    )


def code_of(response: httpx.Response) -> str:
    errors: list[dict[str, Any]] = response.json()["errors"]
    code: str = errors[0]["extensions"]["code"]
    return code


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (JSON, JSON),
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0.5, {JSON}", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
    ],
)
def test_the_accept_header_picks_the_media_type(
    client: ApiClient, accept: str, media_type: str
) -> None:
    response = post(client, {"query": QUERY}, accept=accept)

    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.json() == {"data": {"article": {"key": "ketamine-trd"}}}


def test_no_accept_header_gets_json(client: ApiClient) -> None:
    response = client.request(
        "POST", "/graphql", content=json.dumps({"query": QUERY}), headers={"Content-Type": JSON}
    )

    assert response.headers["content-type"].startswith(JSON)


def test_an_unacceptable_accept_header_is_406(client: ApiClient) -> None:
    response = post(client, {"query": QUERY}, accept="text/plain, image/png")

    assert response.status_code == 406
    assert code_of(response) == "NOT_ACCEPTABLE"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ articles { ", "GRAPHQL_PARSE_FAILED"),
        ("{ articles { noSuchField } }", "GRAPHQL_VALIDATION_FAILED"),
    ],
)
def test_request_errors_are_400_with_the_graphql_media_type(
    client: ApiClient, query: str, code: str
) -> None:
    response = post(client, {"query": query})

    assert response.status_code == 400
    assert "data" not in response.json()
    assert code_of(response) == code


def test_request_errors_are_200_with_legacy_json(client: ApiClient) -> None:
    response = post(client, {"query": "{ articles { "}, accept=JSON)

    assert response.status_code == 200
    assert code_of(response) == "GRAPHQL_PARSE_FAILED"


def test_variables_of_the_wrong_type_are_a_request_error(client: ApiClient) -> None:
    query = "query($first: Int!) { articles(first: $first) { totalCount } }"
    response = post(client, {"query": query, "variables": {"first": "ten"}})

    assert response.status_code == 400
    assert "data" not in response.json()
    assert code_of(response) == "BAD_USER_INPUT"


def test_field_errors_keep_200_and_data(client: ApiClient) -> None:
    response = post(
        client, {"query": '{ article(key: "ketamine-trd", locale: "de") { key } locales { tag } }'}
    )

    assert response.status_code == 200
    payload = response.json()
    assert payload["data"]["article"] is None
    assert payload["data"]["locales"]
    assert payload["errors"][0]["extensions"]["code"] == "UNSUPPORTED_LOCALE"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ([{"query": QUERY}], "JSON object"),
        ("{ articles { totalCount } }", "JSON object"),
        ({"query": 42}, "query must be a string"),
        ({"query": QUERY, "variables": [1, 2]}, "variables must be a JSON object"),
        ({"query": QUERY, "variables": "{}"}, "variables must be a JSON object"),
        ({"query": QUERY, "operationName": 7}, "operationName must be a string"),
        ({"query": QUERY, "extensions": "x"}, "extensions must be a JSON object"),
        ({"variables": {}}, "query parameter is missing"),
    ],
)
def test_malformed_parameters_are_400(client: ApiClient, body: object, fragment: str) -> None:
    for accept in (GRAPHQL_RESPONSE, JSON):
        response = post(client, body, accept=accept)

        assert response.status_code == 400
        assert code_of(response) == "BAD_REQUEST"
        assert fragment in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"\xff\xfe\x00garbage", b"", b'{"query": "{ locales { tag } }"'],
)
def test_a_body_that_is_not_json_is_400(client: ApiClient, raw: bytes) -> None:
    response = client.request(
        "POST", "/graphql", content=raw, headers={"Content-Type": JSON, "Accept": JSON}
    )

    assert response.status_code == 400
    assert code_of(response) == "BAD_REQUEST"


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/graphql",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
    ],
)
def test_other_content_types_are_415(client: ApiClient, content_type: str | None) -> None:
    headers = {"Accept": JSON} | ({"Content-Type": content_type} if content_type else {})
    response = client.request(
        "POST", "/graphql", content=json.dumps({"query": QUERY}).encode(), headers=headers
    )

    assert response.status_code == 415
    assert code_of(response) == "UNSUPPORTED_MEDIA_TYPE"


def test_json_with_a_utf8_charset_is_accepted(client: ApiClient) -> None:
    response = post(client, {"query": QUERY}, **{"Content-Type": "application/json; charset=UTF-8"})

    assert response.status_code == 200


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(client: ApiClient, method: str) -> None:
    response = client.request(method, "/graphql")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST"
    assert code_of(response) == "METHOD_NOT_ALLOWED"


def test_get_needs_a_query(client: ApiClient) -> None:
    response = client.get("/graphql", params={"variables": "{}"}, headers={"Accept": JSON})

    assert response.status_code == 400
    assert code_of(response) == "BAD_REQUEST"


def test_get_variables_must_be_json(client: ApiClient) -> None:
    response = client.get(
        "/graphql", params={"query": QUERY, "variables": "first=3"}, headers={"Accept": JSON}
    )

    assert response.status_code == 400
    assert "not valid JSON" in response.json()["errors"][0]["message"]


def test_a_mutation_over_get_is_405(client: ApiClient) -> None:
    # The schema has no mutations; the method rule is checked before validation would say so.
    response = client.get(
        "/graphql", params={"query": "mutation { noSuchThing }"}, headers={"Accept": JSON}
    )

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert code_of(response) == "METHOD_NOT_ALLOWED"


def test_an_unknown_operation_name_is_a_request_error(client: ApiClient) -> None:
    response = client.get(
        "/graphql",
        params={
            "query": "query A { locales { tag } } query B { locales { tag } }",
            "operationName": "C",
        },
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    assert code_of(response) == "OPERATION_RESOLUTION_FAILURE"


def test_operation_name_picks_the_operation(client: ApiClient) -> None:
    body = {
        "query": "query A { locales { tag } } query B { contentVersion }",
        "operationName": "B",
    }
    response = post(client, body)

    assert list(response.json()["data"]) == ["contentVersion"]


def test_several_operations_need_a_name(client: ApiClient) -> None:
    response = post(client, {"query": "query A { locales { tag } } query B { contentVersion }"})

    assert response.status_code == 400
    assert code_of(response) == "OPERATION_RESOLUTION_FAILURE"
