"""Production posture: security headers, introspection off, GraphiQL's CSP, the access log."""

from __future__ import annotations

import logging

import pytest

from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import ContentTree


def test_api_responses_carry_the_security_headers(client: ApiClient) -> None:
    response = client.get("/graphql", params={"query": "{ contentVersion }"})

    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["content-security-policy"] == (
        "default-src 'none'; frame-ancestors 'none'"
    )
    assert response.headers["x-frame-options"] == "DENY"


def test_refusals_carry_them_too(client: ApiClient) -> None:
    response = client.request("DELETE", "/graphql")

    assert response.status_code == 405
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-request-id"]


def test_graphiql_has_its_own_strict_policy(client: ApiClient) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})

    directives = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["content-security-policy"].split(";")
    )
    assert directives["frame-ancestors"] == "'none'"
    # The service's own files only: no CDN, no inline script, no eval.
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["font-src"] == "'self' data:"
    assert "http" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_embed_pages_may_be_framed(client: ApiClient) -> None:
    response = client.get(
        "/embed/v1/fr-CA/faqs/quels-sont-les-effets-secondaires-du-traitement-par-ketamine"
    )

    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "x-frame-options" not in response.headers


@pytest.mark.parametrize(
    "query", ["{ __schema { types { name } } }", '{ __type(name: "Faq") { name } }']
)
def test_introspection_can_be_turned_off(
    content_tree: ContentTree, make_client: MakeClient, query: str
) -> None:
    client = make_client(content_tree, introspection=False)

    errors = client.errors(query)

    assert {error["extensions"]["code"] for error in errors} == {"GRAPHQL_VALIDATION_FAILED"}
    assert any("introspection" in error["message"].lower() for error in errors)


def test_without_introspection_errors_suggest_no_field_names(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    open_client = make_client(content_tree)
    closed_client = make_client(content_tree, introspection=False)

    [hinted] = open_client.errors('{ faq(key: "side-effects") { questoin } }')
    [plain] = closed_client.errors('{ faq(key: "side-effects") { questoin } }')

    assert "Did you mean" in hinted["message"]
    assert "Did you mean" not in plain["message"]


def test_typename_still_works_without_introspection(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree, introspection=False)

    assert client.data("{ __typename }") == {"__typename": "Query"}


def test_each_request_is_logged_once_with_its_request_id(
    client: ApiClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="api.access"):
        response = client.get(
            "/graphql",
            params={"query": "{ contentVersion }"},
            headers={"X-Request-ID": "trace-me-42"},
        )

    [record] = [record for record in caplog.records if record.name == "api.access"]
    assert response.headers["x-request-id"] == "trace-me-42"
    assert '"GET /graphql" 200' in record.getMessage()
    assert record.__dict__["request_id"] == "trace-me-42"
