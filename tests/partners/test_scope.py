"""Scopes over GraphQL: what a partner may not see does not exist, for that partner."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.api.conftest import ApiClient
from tests.partners.sample import PARTNER_KEY, SCOPED_KEY

SCOPED = {"X-Api-Key": SCOPED_KEY}
UNSCOPED = {"X-Api-Key": PARTNER_KEY}
# The scoped partner sees these, in editorial order (see tests/partners/sample.py).
VISIBLE_FAQS = ["side-effects", "how-soon-it-works"]
ALL_FAQS = [
    "how-ketamine-differs",
    "availability-in-canada",
    "side-effects",
    "how-soon-it-works",
    "insurance-coverage",
]


def faq_keys(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["key"] for edge in connection["edges"]]


def node_id(type_name: str, key: str, locale: str = "fr-CA") -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{locale}:{key}".encode()).decode()


def test_items_outside_the_scope_are_not_found(gated_client: ApiClient) -> None:
    query = """{
        listedWithoutTag: faq(key: "insurance-coverage") { key }
        notListed: faq(key: "how-ketamine-differs") { key }
        bySlug: faq(slug: "le-traitement-par-ketamine-est-il-couvert-par-les-assurances") { key }
        inScope: faq(key: "side-effects") { key }
        article(key: "ketamine-trd") { key }
    }"""

    scoped = gated_client.data(query, headers=SCOPED)
    unscoped = gated_client.data(query, headers=UNSCOPED)

    assert scoped == {
        "listedWithoutTag": None,
        "notListed": None,
        "bySlug": None,
        "inScope": {"key": "side-effects"},
        "article": {"key": "ketamine-trd"},
    }
    assert all(value is not None for value in unscoped.values())


def test_lists_hold_only_items_in_scope_and_count_only_them(gated_client: ApiClient) -> None:
    query = """{
        faqs { totalCount edges { node { key } } }
        taggedFaqs: faqs(tag: "ketamine") { totalCount edges { node { key } } }
        articleFaqs: faqs(article: "ketamine-trd") { totalCount edges { node { key } } }
        articles { totalCount }
    }"""

    data = gated_client.data(query, headers=SCOPED)

    for name in ("faqs", "taggedFaqs", "articleFaqs"):
        assert faq_keys(data[name]) == VISIBLE_FAQS, name
        assert data[name]["totalCount"] == 2
    assert data["articles"]["totalCount"] == 1
    assert faq_keys(gated_client.data(query, headers=UNSCOPED)["faqs"]) == ALL_FAQS


def test_an_articles_faqs_leave_out_those_outside_the_scope(gated_client: ApiClient) -> None:
    query = '{ article(key: "ketamine-trd") { faqs { key } } }'

    scoped = gated_client.data(query, headers=SCOPED)["article"]["faqs"]
    unscoped = gated_client.data(query, headers=UNSCOPED)["article"]["faqs"]

    assert [faq["key"] for faq in scoped] == VISIBLE_FAQS
    assert len(unscoped) == 5


def test_nodes_outside_the_scope_are_null(gated_client: ApiClient) -> None:
    query = "query($id: ID!) { node(id: $id) { id } }"
    hidden = {"id": node_id("Faq", "insurance-coverage")}
    shown = {"id": node_id("Faq", "side-effects")}

    assert gated_client.data(query, hidden, headers=SCOPED) == {"node": None}
    assert gated_client.data(query, shown, headers=SCOPED)["node"] is not None
    assert gated_client.data(query, hidden, headers=UNSCOPED)["node"] is not None


def test_nodes_in_a_locale_outside_the_scope_are_null(gated_client: ApiClient) -> None:
    query = "query($id: ID!) { node(id: $id) { id } }"
    english = {"id": node_id("Faq", "side-effects", locale="en-CA")}

    assert gated_client.data(query, english, headers=SCOPED) == {"node": None}
    assert gated_client.data(query, english, headers=UNSCOPED)["node"] == english


SEARCH = """query($text: String!) {
    search(query: $text) {
        totalCount
        hits { content { key } }
        facets { types { value count } tags { value count } }
    }
}"""


SEARCH_FR = SEARCH.replace("search(query: $text)", 'search(query: $text, locale: "fr-CA")')


def test_search_finds_only_items_in_scope_with_totals_and_facets_to_match(
    gated_client: ApiClient,
) -> None:
    scoped = gated_client.data(SEARCH, {"text": "kétamine"}, headers=SCOPED)["search"]
    unscoped = gated_client.data(SEARCH, {"text": "kétamine"}, headers=UNSCOPED)["search"]

    keys = {hit["content"]["key"] for hit in scoped["hits"]}
    assert keys == {"ketamine-trd", *VISIBLE_FAQS}
    assert scoped["totalCount"] == 3
    assert {f["value"]: f["count"] for f in scoped["facets"]["types"]} == {"article": 1, "faq": 2}
    tag_counts = {f["value"]: f["count"] for f in scoped["facets"]["tags"]}
    assert "coverage" not in tag_counts and tag_counts["ketamine"] == 3
    assert unscoped["totalCount"] == 6


def test_words_only_hidden_items_hold_find_nothing(gated_client: ApiClient) -> None:
    # "renseigner" is only in insurance-coverage, which the scoped partner cannot see.
    variables = {"text": "renseigner"}

    scoped = gated_client.data(SEARCH, variables, headers=SCOPED)["search"]
    unscoped = gated_client.data(SEARCH_FR, variables, headers=UNSCOPED)["search"]

    assert scoped == {"totalCount": 0, "hits": [], "facets": {"types": [], "tags": []}}
    assert [hit["content"]["key"] for hit in unscoped["hits"]] == ["insurance-coverage"]


def test_did_you_mean_offers_no_word_of_hidden_items(gated_client: ApiClient) -> None:
    query = 'query($text: String!) { search(query: $text, locale: "fr-CA") { suggestion } }'
    variables = {"text": "renseignr"}

    assert gated_client.data(query, variables, headers=SCOPED)["search"]["suggestion"] is None
    assert gated_client.data(query, variables, headers=UNSCOPED)["search"]["suggestion"] == (
        "renseigner"
    )


def test_suggestions_come_only_from_items_in_scope(gated_client: ApiClient) -> None:
    query = 'query($prefix: String!) { suggest(prefix: $prefix, locale: "fr-CA") }'

    assert gated_client.data(query, {"prefix": "rense"}, headers=SCOPED) == {"suggest": []}
    assert gated_client.data(query, {"prefix": "rense"}, headers=UNSCOPED) == {
        "suggest": ["renseigner"]
    }
    assert "kétamine" in gated_client.data(query, {"prefix": "kéta"}, headers=SCOPED)["suggest"]


@pytest.mark.parametrize("locale", ["en-CA", "en", "en-US"])
def test_a_locale_outside_the_scope_is_refused(gated_client: ApiClient, locale: str) -> None:
    [error] = gated_client.errors(
        'query($locale: String) { faq(key: "side-effects", locale: $locale) { key } }',
        {"locale": locale},
        headers=SCOPED,
    )

    assert error["extensions"] == {
        "code": "LOCALE_NOT_IN_SCOPE",
        "locale": "en-CA",
        "allowedLocales": ["fr-CA"],
    }


def test_unsupported_locales_are_still_unsupported(gated_client: ApiClient) -> None:
    [error] = gated_client.errors('{ faqs(locale: "de-DE") { totalCount } }', headers=SCOPED)

    assert error["extensions"]["code"] == "UNSUPPORTED_LOCALE"


def test_negotiation_picks_within_the_scope(gated_client: ApiClient) -> None:
    query = '{ faq(key: "side-effects") { requestedLocale } }'

    response = gated_client.post_query(query, headers={**SCOPED, "Accept-Language": "en-CA"})

    assert response.json()["data"]["faq"]["requestedLocale"] == "fr-CA"
    assert response.headers["content-language"] == "fr-CA"
    unscoped = gated_client.data(query, headers={**UNSCOPED, "Accept-Language": "en-CA"})
    assert unscoped["faq"]["requestedLocale"] == "en-CA"


def test_the_locales_listed_are_those_of_the_scope(gated_client: ApiClient) -> None:
    query = "{ locales { tag isDefault } }"

    assert gated_client.data(query, headers=SCOPED) == {
        "locales": [{"tag": "fr-CA", "isDefault": True}]
    }
    assert len(gated_client.data(query, headers=UNSCOPED)["locales"]) == 2


def test_translation_status_covers_only_the_scope(gated_client: ApiClient) -> None:
    statuses = gated_client.data("{ translationStatus { key locale } }", headers=SCOPED)

    assert {(s["key"], s["locale"]) for s in statuses["translationStatus"]} == {
        ("ketamine-trd", "fr-CA"),
        ("side-effects", "fr-CA"),
        ("how-soon-it-works", "fr-CA"),
    }
