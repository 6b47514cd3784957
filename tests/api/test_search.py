"""search and suggest over HTTP: hits in the response locale, snippets, facets, paging."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import ContentTree

SEARCH = """query($q: String!, $locale: String, $types: [ContentType!], $tags: [String!],
               $first: Int! = 10, $after: String) {
  search(query: $q, locale: $locale, types: $types, tags: $tags, first: $first, after: $after) {
    totalCount suggestion
    pageInfo { hasNextPage hasPreviousPage endCursor }
    facets { types { value count } tags { value count } }
    hits {
      cursor score textLocale isFallback matchedLocale
      section { key heading }
      snippets { field html }
      content { __typename key requestedLocale ... on Faq { question } ... on Article { title } }
    }
  }
}"""


def search(client: ApiClient, text: str, **variables: Any) -> dict[str, Any]:
    results: dict[str, Any] = client.data(SEARCH, {"q": text, **variables})["search"]
    return results


@pytest.mark.parametrize(
    ("locale", "text", "marked"),
    [
        ("en-CA", "side effects", "<mark>side</mark> <mark>effects</mark>"),
        ("fr-CA", "effets secondaires", "<mark>effets</mark> <mark>secondaires</mark>"),
    ],
)
def test_search_finds_and_highlights_in_each_locale(
    client: ApiClient, locale: str, text: str, marked: str
) -> None:
    results = search(client, text, locale=locale)

    top = results["hits"][0]
    assert top["content"]["key"] == "side-effects"
    assert top["content"]["requestedLocale"] == locale
    assert top["textLocale"] == locale
    assert top["isFallback"] is False
    assert any(marked in snippet["html"] for snippet in top["snippets"])


def test_accent_free_query_finds_french_text(client: ApiClient) -> None:
    results = search(client, "ketamine", locale="fr-CA")

    assert results["totalCount"] == 6
    assert "kétamine" in results["hits"][0]["snippets"][0]["html"]


def test_article_hits_name_the_matching_section(client: ApiClient) -> None:
    results = search(client, "NMDA receptors glutamate", locale="en-CA", types=["ARTICLE"])

    [hit] = results["hits"]
    assert hit["content"]["__typename"] == "Article"
    assert hit["section"]["key"] == "what-makes-ketamine-different"
    assert hit["section"]["heading"] == "What Makes Ketamine Different?"


def test_facets_and_filters(client: ApiClient) -> None:
    everything = search(client, "ketamine", locale="en-CA")
    faqs_only = search(client, "ketamine", locale="en-CA", types=["FAQ"])
    safety = search(client, "ketamine", locale="en-CA", tags=["safety"])

    assert {"value": "article", "count": 1} in everything["facets"]["types"]
    assert {"value": "faq", "count": 5} in everything["facets"]["types"]
    assert faqs_only["totalCount"] == 5
    assert {hit["content"]["__typename"] for hit in faqs_only["hits"]} == {"Faq"}
    assert [hit["content"]["key"] for hit in safety["hits"]] == ["side-effects"]


def test_search_pages_with_cursors(client: ApiClient) -> None:
    first_page = search(client, "ketamine", locale="en-CA", first=4)
    second_page = search(
        client, "ketamine", locale="en-CA", first=4, after=first_page["pageInfo"]["endCursor"]
    )
    counted = search(client, "ketamine", locale="en-CA", first=0)

    assert first_page["pageInfo"]["hasNextPage"] is True
    assert len(first_page["hits"]) == 4
    assert len(second_page["hits"]) == 2
    assert second_page["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": second_page["hits"][-1]["cursor"],
    }
    keys = [hit["content"]["key"] for hit in first_page["hits"] + second_page["hits"]]
    assert len(set(keys)) == 6
    assert counted["hits"] == []
    assert counted["totalCount"] == 6


def test_did_you_mean(client: ApiClient) -> None:
    results = search(client, "depresion", locale="en-CA")

    assert results["suggestion"] == "depression"


@pytest.mark.parametrize("text", ['"unbalanced', "AND", "*", "ket* OR (", "x" * 400])
def test_odd_input_still_answers(client: ApiClient, text: str) -> None:
    results = search(client, text, locale="en-CA")

    assert results["totalCount"] >= 0


def test_overlong_query_is_a_clear_error(client: ApiClient) -> None:
    [error] = client.errors(SEARCH, {"q": "ketamine " * 60, "locale": "en-CA"})

    assert error["extensions"]["code"] == "QUERY_TOO_LONG"
    assert error["message"]


def test_search_bad_cursor_and_locale(client: ApiClient) -> None:
    [bad_cursor] = client.errors(SEARCH, {"q": "ketamine", "after": "nope"})
    [bad_locale] = client.errors(SEARCH, {"q": "ketamine", "locale": "de"})

    assert bad_cursor["extensions"]["code"] == "BAD_USER_INPUT"
    assert bad_locale["extensions"]["code"] == "UNSUPPORTED_LOCALE"


def test_search_follows_accept_language(client: ApiClient) -> None:
    response = client.post_query(SEARCH, {"q": "kétamine"}, headers={"Accept-Language": "fr-FR"})

    assert response.headers["Content-Language"] == "fr-CA"
    hits = response.json()["data"]["search"]["hits"]
    assert {hit["content"]["requestedLocale"] for hit in hits} == {"fr-CA"}


@pytest.mark.parametrize(
    ("locale", "prefix", "expected"),
    [("fr-CA", "kéta", "kétamine"), ("fr-CA", "keta", "kétamine"), ("en-CA", "ketam", "ketamine")],
)
def test_suggest_completes_the_last_word(
    client: ApiClient, locale: str, prefix: str, expected: str
) -> None:
    query = "query($p: String!, $l: String) { suggest(prefix: $p, locale: $l) }"

    assert expected in client.data(query, {"p": prefix, "l": locale})["suggest"]


def test_suggest_limit_is_checked(client: ApiClient) -> None:
    [error] = client.errors('{ suggest(prefix: "ket", first: 51) }')

    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_search_on_fallback_text_says_so(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.remove("locales/fr-CA/faqs/side-effects.yaml")
    client = make_client(content_tree)

    results = search(client, "dissociation nausea", locale="fr-CA")

    hit, *others = results["hits"]
    assert hit["content"]["key"] == "side-effects"
    assert hit["content"]["requestedLocale"] == "fr-CA"
    assert hit["textLocale"] == "en-CA"
    assert hit["isFallback"] is True
    assert hit["matchedLocale"] == "en-CA"
    # The article says "dissociation" in French; "nausea" only in its English text.
    assert [other["content"]["key"] for other in others] == ["ketamine-trd"]
    assert others[0]["matchedLocale"] == "fr-CA"


def test_a_cross_language_hit_says_which_language_matched(client: ApiClient) -> None:
    results = search(client, "side effects", locale="fr-CA")

    top = results["hits"][0]
    assert top["content"]["key"] == "side-effects"
    assert top["content"]["requestedLocale"] == "fr-CA"
    assert (top["textLocale"], top["isFallback"], top["matchedLocale"]) == (
        "fr-CA",
        False,
        "en-CA",
    )
