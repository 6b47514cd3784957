"""The response cache, ETags and 304s, and the Cache-Control each kind of request gets."""

from __future__ import annotations

import httpx
from starlette.datastructures import MutableHeaders

from api.http.vary import add_vary
from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import ContentTree

QUERY = '{ faq(key: "side-effects") { question } }'


def get(client: ApiClient, query: str = QUERY, **headers: str) -> httpx.Response:
    return client.get("/graphql", params={"query": query}, headers=headers)


def test_anonymous_gets_are_publicly_cacheable(client: ApiClient) -> None:
    response = get(client)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=600"
    assert response.headers["etag"].startswith('W/"')
    vary = {part.strip() for part in response.headers["vary"].split(",")}
    # No locale argument: the answer depends on Accept-Language.
    assert {"Accept", "Accept-Language", "X-Api-Key"} <= vary


def test_max_age_comes_from_the_settings(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree, cache_max_age=5, cache_stale_while_revalidate=7)

    assert get(client).headers["cache-control"] == "public, max-age=5, stale-while-revalidate=7"


def test_if_none_match_gets_304_without_a_body(client: ApiClient) -> None:
    etag = get(client).headers["etag"]

    response = get(client, **{"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag


def test_a_stale_etag_gets_the_full_response(client: ApiClient) -> None:
    response = get(client, **{"If-None-Match": 'W/"0000"'})

    assert response.status_code == 200
    assert response.json()["data"]["faq"]["question"]


def test_the_etag_differs_by_language_and_variables(client: ApiClient) -> None:
    english = get(client, **{"Accept-Language": "en-CA"})
    french = get(client, **{"Accept-Language": "fr-CA"})
    other = get(client, '{ faq(key: "insurance-coverage") { question } }')

    assert len({english.headers["etag"], french.headers["etag"], other.headers["etag"]}) == 3
    assert english.json() != french.json()


def test_accept_language_variants_reaching_one_locale_share_an_etag(client: ApiClient) -> None:
    first = get(client, **{"Accept-Language": "fr-CA,fr;q=0.9"})
    second = get(client, **{"Accept-Language": "fr-FR"})

    assert first.headers["etag"] == second.headers["etag"]
    assert first.headers["content-language"] == second.headers["content-language"] == "fr-CA"


def test_posts_are_not_stored_by_http_caches(client: ApiClient) -> None:
    response = client.post_query(QUERY)

    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


def test_content_status_is_never_cached(client: ApiClient) -> None:
    response = get(client, "{ contentStatus { version checkedAt } }")

    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


def test_cached_responses_keep_their_headers(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    first = get(client, **{"Accept-Language": "fr-CA"})
    second = get(client, **{"Accept-Language": "fr-CA"})

    endpoint_cache = len(client.api.graphql.responses)
    assert endpoint_cache == 1
    assert second.content == first.content
    assert second.headers["content-language"] == "fr-CA"
    assert second.headers["vary"] == first.headers["vary"]


def test_a_new_content_version_misses_the_cache(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    before = get(client, '{ faq(key: "side-effects", locale: "en-CA") { question } }')
    path = content_tree.root / "locales" / "en-CA" / "faqs" / "side-effects.yaml"
    text = path.read_text()
    path.write_text(text.replace("question: ", "question: Revised ", 1))
    assert client.api.live.reload()

    after = get(client, '{ faq(key: "side-effects", locale: "en-CA") { question } }')

    assert after.headers["etag"] != before.headers["etag"]
    assert after.json()["data"]["faq"]["question"].startswith("Revised ")
    # The old version's entries were dropped, not left for the LRU to push out.
    endpoint = client.api.graphql
    assert len(endpoint.responses) == 1
    assert len(endpoint.replays) == 1


def test_the_cache_can_be_turned_off(content_tree: ContentTree, make_client: MakeClient) -> None:
    client = make_client(content_tree, response_cache_entries=0)
    get(client)
    get(client)

    assert len(client.api.graphql.responses) == 0


def test_vary_is_merged_not_replaced() -> None:
    headers = MutableHeaders({"vary": "Accept-Language"})
    add_vary(headers, ["Accept", "accept-language", "Origin"])

    assert headers["vary"] == "Accept-Language, Accept, Origin"


def test_a_repeated_get_is_replayed_byte_for_byte(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    first = get(client, **{"Accept-Language": "fr-CA"})
    second = get(client, **{"Accept-Language": "fr-CA"})
    english = get(client, **{"Accept-Language": "en-CA"})

    replays = client.api.graphql.replays
    assert len(replays) == 2
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-language"] == "fr-CA"
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    assert english.headers["content-language"] == "en-CA"


def test_a_replay_answers_if_none_match_with_304(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    etag = get(client).headers["etag"]
    get(client)

    response = get(client, **{"If-None-Match": f'"other", {etag}'})

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag
    assert "public" in response.headers["cache-control"]
