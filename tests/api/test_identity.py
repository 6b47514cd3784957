"""Identity for client caches: global ids name their locale, `node(id:)` is Relay's.

Apollo's and Relay's stores key an object by its `id` (with `__typename`): two
languages of one item must never share one, and nothing nested may carry an `id` that
repeats across items or locales. tests/clients/ runs the real clients.
"""

from __future__ import annotations

import base64

import pytest

from tests.api.conftest import ApiClient

ARTICLE = 'query($l: String) { article(key: "ketamine-trd", locale: $l) { id title } }'
NODE = "query($id: ID!) { node(id: $id) { id ... on Article { title requestedLocale } } }"
FAQ_IDS = "query($l: String) { faqs(locale: $l) { edges { node { id } } } }"


def encoded(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def test_the_two_languages_of_an_article_have_different_ids(client: ApiClient) -> None:
    english = client.data(ARTICLE, {"l": "en-CA"})["article"]
    french = client.data(ARTICLE, {"l": "fr-CA"})["article"]

    assert english["id"] != french["id"]
    assert base64.urlsafe_b64decode(french["id"]).decode() == "Article:fr-CA:ketamine-trd"


def test_the_id_names_the_negotiated_locale(client: ApiClient) -> None:
    # `fr` and Accept-Language both reach fr-CA: the id says what was served.
    by_argument = client.data(ARTICLE, {"l": "fr"})["article"]["id"]
    by_header = client.data(ARTICLE, headers={"Accept-Language": "fr-BE"})["article"]["id"]

    assert by_argument == by_header == encoded("Article:fr-CA:ketamine-trd")


def test_no_faq_id_repeats_across_locales(client: ApiClient) -> None:
    ids = [
        edge["node"]["id"]
        for locale in ("en-CA", "fr-CA")
        for edge in client.data(FAQ_IDS, {"l": locale})["faqs"]["edges"]
    ]

    assert len(ids) == 10
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("locale", "other"), [("en-CA", "fr-CA"), ("fr-CA", "en-CA")])
def test_node_answers_in_the_language_of_the_id_whatever_accept_language(
    client: ApiClient, locale: str, other: str
) -> None:
    article = client.data(ARTICLE, {"l": locale})["article"]
    response = client.post_query(NODE, {"id": article["id"]}, {"Accept-Language": other})
    node = response.json()["data"]["node"]

    assert node == {"id": article["id"], "title": article["title"], "requestedLocale": locale}
    assert response.headers["content-language"] == locale
    assert "accept-language" not in response.headers.get("vary", "").lower()


def test_node_takes_exactly_one_argument_id(client: ApiClient) -> None:
    query = (
        '{ __type(name: "Query") { fields { name args { name type { kind ofType { name } } } } } }'
    )
    fields = client.data(query)["__type"]["fields"]
    node = next(field for field in fields if field["name"] == "node")

    assert node["args"] == [{"name": "id", "type": {"kind": "NON_NULL", "ofType": {"name": "ID"}}}]


@pytest.mark.parametrize(
    "named",
    [
        "Article:en-CA:no-such-article",  # a key nobody serves
        "Faq:de-DE:side-effects",  # a locale not enabled
        "Faq:fr-CA:ketamine-trd",  # an article's key, as a FAQ
    ],
)
def test_an_id_that_names_nothing_served_gives_null(client: ApiClient, named: str) -> None:
    assert client.data(NODE, {"id": encoded(named)}) == {"node": None}


@pytest.mark.parametrize(
    "node_id",
    [
        "not base64!",
        encoded("Article:ketamine-trd"),  # the format before ids named their locale
        encoded("Section:en-CA:conclusion"),
        encoded("Article:en-CA:"),
        "",
    ],
)
def test_an_id_this_api_does_not_issue_is_bad_user_input(client: ApiClient, node_id: str) -> None:
    [error] = client.errors(NODE, {"id": node_id})

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "is not a node id this API issues" in error["message"]
    assert error["path"] == ["node"]


def test_nested_objects_carry_no_id(client: ApiClient) -> None:
    query = """{ __type(name: "Section") { fields { name } }
                 messages: __type(name: "UiMessage") { fields { name } } }"""
    data = client.data(query)

    # Everything else with an `id` is a Node, whose id names its locale (tested above).
    assert "id" not in {field["name"] for field in data["__type"]["fields"]}
    assert "id" not in {field["name"] for field in data["messages"]["fields"]}


def test_only_nodes_have_an_id_field(client: ApiClient) -> None:
    query = "{ __schema { types { name kind interfaces { name } fields { name } } } }"
    types = client.data(query)["__schema"]["types"]
    with_id = {
        kind["name"]
        for kind in types
        if not kind["name"].startswith("__")
        and "id" in {field["name"] for field in kind["fields"] or ()}
    }

    assert with_id == {"Node", "LocalizedContent", "Article", "Faq"}


def test_section_keys_stay_language_neutral(client: ApiClient) -> None:
    query = (
        'query($l: String) { article(key: "ketamine-trd", locale: $l) { sections { key anchor } } }'
    )
    english = client.data(query, {"l": "en-CA"})["article"]["sections"]
    french = client.data(query, {"l": "fr-CA"})["article"]["sections"]

    assert english == french
    assert all(section["anchor"] == "#" + section["key"] for section in english)
