"""The HTTP surface: GET queries, GraphiQL, SDL, health and readiness, request ids."""

from __future__ import annotations

import re

import pytest

from api.graphql import schema_sdl
from api.http.request_id import new_request_id
from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import PROJECT_ROOT, ContentTree


def test_queries_work_over_get(client: ApiClient) -> None:
    response = client.get(
        "/graphql",
        params={"query": '{ article(key: "ketamine-trd", locale: "fr-CA") { title } }'},
    )

    assert response.status_code == 200
    assert response.json()["data"]["article"]["title"].startswith("La kétamine")
    assert response.headers["Content-Language"] == "fr-CA"


def test_get_with_variables(client: ApiClient) -> None:
    response = client.get(
        "/graphql",
        params={
            "query": "query($first: Int!) { faqs(first: $first) { edges { node { key } } } }",
            "variables": '{"first": 1}',
        },
    )

    assert len(response.json()["data"]["faqs"]["edges"]) == 1


def test_browsers_get_graphiql(client: ApiClient) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_graphiql_can_be_turned_off(content_tree: ContentTree, make_client: MakeClient) -> None:
    client = make_client(content_tree, graphiql=False)

    assert client.get("/graphql", headers={"Accept": "text/html"}).status_code == 404
    assert client.get("/graphiql/graphiql.min.js").status_code == 404


def test_graphiql_files_are_served_from_the_service(client: ApiClient) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"}).text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)

    assert sources
    for source in sources:
        assert source.startswith("/graphiql/"), source
        response = client.get(source)
        assert response.status_code == 200, source
        assert response.headers["cache-control"] == "public, max-age=3600"


@pytest.mark.parametrize(
    "path", ["/graphiql/package.json", "/graphiql/..%2Fpackage.json", "/graphiql/react.js"]
)
def test_only_the_pages_own_graphiql_files_are_served(client: ApiClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_schema_endpoint_serves_the_sdl(client: ApiClient) -> None:
    response = client.get("/schema.graphql")

    assert response.status_code == 200
    assert response.text == schema_sdl()
    assert "type Query" in response.text


def test_committed_schema_matches_the_code() -> None:
    committed = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8")

    assert committed == schema_sdl(), (
        "schema.graphql is out of date: run `content-api schema > schema.graphql`"
    )


def test_healthz(client: ApiClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_tells_anyone_only_whether_it_is_ready_and_the_version(client: ApiClient) -> None:
    response = client.get("/readyz")
    version = client.data("{ contentVersion }")["contentVersion"]

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "contentVersion": version}
    assert response.headers["cache-control"] == "no-store"


OPERATOR_TOKEN = "operator-token-for-the-tests"


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-token", f"Basic {OPERATOR_TOKEN}", f"Bearer {OPERATOR_TOKEN}x"],
)
def test_readyz_details_need_the_operator_token(
    make_client: MakeClient, content_tree: ContentTree, authorization: str | None
) -> None:
    client = make_client(content_tree, operator_token=OPERATOR_TOKEN)
    headers = {} if authorization is None else {"Authorization": authorization}

    assert set(client.get("/readyz", headers=headers).json()) == {"status", "contentVersion"}


def test_the_operator_sees_counts_of_published_items_the_index_and_problems(
    make_client: MakeClient, content_tree: ContentTree
) -> None:
    content_tree.replace("content/faqs/side-effects.yaml", "status: published", "status: draft")
    client = make_client(content_tree, operator_token=OPERATOR_TOKEN)
    version = client.data("{ contentVersion }")["contentVersion"]

    ready = client.get("/readyz", headers={"Authorization": f"bearer {OPERATOR_TOKEN}"}).json()

    assert ready["status"] == "ready"
    # The draft is not counted: nothing else of the service counts it either.
    assert ready["content"] == {"articles": 1, "faqs": 4}
    assert ready["searchIndex"] == {"version": version, "open": True, "unavailableLocales": {}}
    assert ready["contentProblems"] == []


def test_without_an_operator_token_set_nobody_is_the_operator(client: ApiClient) -> None:
    ready = client.get("/readyz", headers={"Authorization": "Bearer "}).json()

    assert set(ready) == {"status", "contentVersion"}


def test_every_response_gets_a_request_id(client: ApiClient) -> None:
    first = client.get("/healthz").headers["X-Request-ID"]
    second = client.get("/healthz").headers["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_an_unsafe_incoming_request_id_is_replaced(client: ApiClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "evil\tid with spaces"})

    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_generated_request_ids_are_unique_and_plain() -> None:
    ids = {new_request_id() for _ in range(10_000)}

    assert len(ids) == 10_000
    assert all(re.fullmatch(rb"[0-9a-f]{32}", request_id) for request_id in ids)
