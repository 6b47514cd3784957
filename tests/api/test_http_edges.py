"""HTTP edges a cache or a tool meets: HEAD, validators from the body, Vary, the SDL file.

A CDN keys what it keeps by the URL and the headers `Vary` names, and revalidates with
the ETag: each must say exactly what the body depends on.
"""

from __future__ import annotations

import httpx
import pytest

from api.graphql import schema_sdl
from api.graphql.scalars import DATE_SPECIFICATION, DATE_TIME_SPECIFICATION
from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import ContentTree

FIXED_LOCALE = '{ faq(key: "side-effects", locale: "fr-CA") { question } }'
NEGOTIATED = '{ faq(key: "side-effects") { question } }'


def get(client: ApiClient, query: str, method: str = "GET", **headers: str) -> httpx.Response:
    return client.request(method, "/graphql", params={"query": query}, headers=headers)


def vary_of(response: httpx.Response) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("vary", "").split(",")}


def test_head_answers_a_get_query_with_its_headers_and_no_body(client: ApiClient) -> None:
    full = get(client, FIXED_LOCALE)
    head = get(client, FIXED_LOCALE, method="HEAD")

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(full.content))
    for name in ("etag", "cache-control", "vary", "content-type", "content-language"):
        assert head.headers[name] == full.headers[name]


def test_head_revalidates_like_get(client: ApiClient) -> None:
    etag = get(client, FIXED_LOCALE).headers["etag"]

    assert get(client, FIXED_LOCALE, "HEAD", **{"If-None-Match": etag}).status_code == 304


def test_head_of_a_mutation_is_refused_as_get_is(client: ApiClient) -> None:
    response = get(client, "mutation { x }", method="HEAD")

    assert response.status_code == 405
    assert response.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/schema.graphql",
        "/healthz",
        "/readyz",
        "/embed/v1/widget.js",
        "/embed/v1/embed.css",
        "/embed/v1/en-CA/faqs/what-are-the-side-effects-of-ketamine-treatment",
        "/oembed?url=https://clinic.example/en-CA/faqs/what-are-the-side-effects-of-ketamine-treatment",
    ],
)
def test_every_get_route_answers_head(client: ApiClient, path: str) -> None:
    full = client.get(path)
    head = client.request("HEAD", path)

    assert full.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers.get("etag") == full.headers.get("etag")


def test_the_etag_depends_on_the_body_not_on_accept_language(client: ApiClient) -> None:
    # With the locale fixed by argument, Accept-Language changes nothing in the body.
    english_reader = get(client, FIXED_LOCALE, **{"Accept-Language": "en-CA"})
    french_reader = get(client, FIXED_LOCALE, **{"Accept-Language": "fr-CA"})

    assert english_reader.content == french_reader.content
    assert english_reader.headers["etag"] == french_reader.headers["etag"]
    assert "accept-language" not in vary_of(english_reader)


def test_a_revalidation_from_another_language_gets_304(client: ApiClient) -> None:
    etag = get(client, FIXED_LOCALE, **{"Accept-Language": "en-CA"}).headers["etag"]
    again = get(client, FIXED_LOCALE, **{"Accept-Language": "fr-CA", "If-None-Match": etag})

    assert again.status_code == 304


def test_bodies_that_differ_have_different_etags(client: ApiClient) -> None:
    english = get(client, NEGOTIATED, **{"Accept-Language": "en-CA"})
    french = get(client, NEGOTIATED, **{"Accept-Language": "fr-CA"})

    assert english.content != french.content
    assert english.headers["etag"] != french.headers["etag"]
    assert "accept-language" in vary_of(english)


def test_vary_names_x_query_cost_which_changes_the_body(client: ApiClient) -> None:
    plain = get(client, FIXED_LOCALE)
    costed = get(client, FIXED_LOCALE, **{"X-Query-Cost": "true"})

    assert "extensions" in costed.json() and "extensions" not in plain.json()
    assert plain.headers["cache-control"].startswith("public")
    assert "x-query-cost" in vary_of(plain)
    assert "x-query-cost" in vary_of(costed)
    assert plain.headers["etag"] != costed.headers["etag"]


def test_the_etag_is_the_same_across_processes(
    client: ApiClient, content_tree: ContentTree, make_client: MakeClient
) -> None:
    # Another app with an empty cache (another worker or replica) gives the same validator.
    other = make_client(content_tree)

    assert get(other, FIXED_LOCALE).headers["etag"] == get(client, FIXED_LOCALE).headers["etag"]


def test_the_schema_file_is_utf8_with_validators(client: ApiClient) -> None:
    response = client.get("/schema.graphql")

    assert response.headers["content-type"] == "application/graphql; charset=utf-8"
    assert response.content == schema_sdl().encode("utf-8")
    assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=600"
    revalidated = client.get("/schema.graphql", headers={"If-None-Match": response.headers["etag"]})
    assert revalidated.status_code == 304
    assert revalidated.content == b""


@pytest.mark.parametrize("graphiql", [True, False])
def test_graphiql_varies_by_accept(
    content_tree: ContentTree, make_client: MakeClient, graphiql: bool
) -> None:
    client = make_client(content_tree, graphiql=graphiql)
    response = client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == (200 if graphiql else 404)
    assert "accept" in vary_of(response)


def test_custom_scalars_name_their_specification(client: ApiClient) -> None:
    query = """{ date: __type(name: "Date") { specifiedByURL }
                 dateTime: __type(name: "DateTime") { specifiedByURL } }"""

    assert client.data(query) == {
        "date": {"specifiedByURL": DATE_SPECIFICATION},
        "dateTime": {"specifiedByURL": DATE_TIME_SPECIFICATION},
    }


def test_every_custom_scalar_has_a_specification(client: ApiClient) -> None:
    query = "{ __schema { types { name kind specifiedByURL } } }"
    types = client.data(query)["__schema"]["types"]
    builtin = {"String", "Int", "Float", "Boolean", "ID"}
    custom = [t for t in types if t["kind"] == "SCALAR" and t["name"] not in builtin]

    assert {t["name"] for t in custom} == {"Date", "DateTime", "JSON"}
    assert all(t["specifiedByURL"] for t in custom)


def test_directives_sit_only_where_graphql_js_can_parse_them(client: ApiClient) -> None:
    # graphql-js 16 (Apollo 3, codegen, Relay) knows the October 2021 locations only.
    query = "{ __schema { directives { name locations } } }"
    directives = client.data(query)["__schema"]["directives"]

    assert all("DIRECTIVE_DEFINITION" not in d["locations"] for d in directives)
    deprecated = next(d for d in directives if d["name"] == "deprecated")
    assert "FIELD_DEFINITION" in deprecated["locations"]
