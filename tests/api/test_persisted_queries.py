"""Automatic persisted queries (Apollo's protocol) over POST and GET."""

from __future__ import annotations

import asyncio
import hashlib
import json
from typing import Any

import httpx

from api.transport.persisted import MemoryQueryTexts, PersistedQueries
from api.transport.problems import RequestProblem
from api.transport.request import GraphQLParams
from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import ContentTree

QUERY = '{ faq(key: "side-effects", locale: "fr-CA") { question } }'
QUERY_HASH = hashlib.sha256(QUERY.encode()).hexdigest()


def persisted(sha256: str = QUERY_HASH) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256}}


def get_by_hash(client: ApiClient, sha256: str = QUERY_HASH) -> httpx.Response:
    return client.get(
        "/graphql",
        params={"extensions": json.dumps(persisted(sha256))},
        headers={"Accept": "application/json"},
    )


def first_code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


def test_an_unknown_hash_asks_for_the_query(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)

    response = get_by_hash(client)

    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["message"] == "PersistedQueryNotFound"
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert response.headers["cache-control"] == "no-store"


def test_a_registered_hash_runs_over_get(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    register = client.request("POST", "/graphql", json={"query": QUERY, "extensions": persisted()})
    assert register.json()["data"]["faq"]["question"]

    response = get_by_hash(client)

    assert response.status_code == 200
    assert response.json() == register.json()
    assert response.headers["etag"]


def test_registration_works_over_get_too(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    client.get("/graphql", params={"query": QUERY, "extensions": json.dumps(persisted())})

    assert get_by_hash(client).json()["data"]["faq"]["question"]


def test_a_hash_that_does_not_match_the_query_is_refused(client: ApiClient) -> None:
    response = client.request(
        "POST",
        "/graphql",
        json={"query": QUERY, "extensions": persisted("0" * 64)},
        headers={"Accept": "application/graphql-response+json"},
    )

    assert response.status_code == 400
    assert first_code(response) == "PERSISTED_QUERY_HASH_MISMATCH"


def test_malformed_persisted_query_extensions_are_400(client: ApiClient) -> None:
    for extensions in (
        {"persistedQuery": "abc"},
        {"persistedQuery": {"version": 1, "sha256Hash": "xyz"}},
        {"persistedQuery": {"version": 2, "sha256Hash": QUERY_HASH}},
    ):
        response = client.request("POST", "/graphql", json={"extensions": extensions})

        assert response.status_code == 400, extensions
        assert first_code(response) in {"BAD_REQUEST", "PERSISTED_QUERY_NOT_SUPPORTED"}


def test_the_store_forgets_the_least_recently_used_query_first() -> None:
    texts = MemoryQueryTexts(capacity=2)
    store = PersistedQueries(texts)
    queries = ["{ a }", "{ b }", "{ c }"]

    async def scenario() -> str:
        for query in queries:
            sha256 = hashlib.sha256(query.encode()).hexdigest()
            await store.query_text(GraphQLParams(query=query, extensions=persisted(sha256)))
        assert len(texts) == 2
        oldest = hashlib.sha256(queries[0].encode()).hexdigest()
        try:
            await store.query_text(GraphQLParams(query=None, extensions=persisted(oldest)))
        except RequestProblem as problem:
            assert problem.code == "PERSISTED_QUERY_NOT_FOUND"
        else:
            raise AssertionError("the oldest query should have been forgotten")
        newest = hashlib.sha256(queries[2].encode()).hexdigest()
        return await store.query_text(GraphQLParams(query=None, extensions=persisted(newest)))

    assert asyncio.run(scenario()) == "{ c }"
