"""FAQs over HTTP, in both locales: lookups, filters, the article's FAQs."""

from __future__ import annotations

import pytest

from tests.api.conftest import ApiClient
from tests.conftest import PUBLIC_URL

FAQ_BY_KEY = """query($key: String, $locale: String) { faq(key: $key, locale: $locale) {
    key question slug url requestedLocale translationState
    answer { markdown html text locale }
    published { formatted } readingTime { minutes }
    alternates { hreflang slug }
} }"""


@pytest.mark.parametrize(
    ("locale", "question", "slug"),
    [
        (
            "en-CA",
            "What are the common side effects of ketamine treatment?",
            "what-are-the-side-effects-of-ketamine-treatment",
        ),
        (
            "fr-CA",
            "Quels sont les effets secondaires courants du traitement par kétamine?",
            "effets-secondaires-du-traitement-par-ketamine",
        ),
    ],
)
def test_faq_is_served_in_each_locale(
    client: ApiClient, locale: str, question: str, slug: str
) -> None:
    faq = client.data(FAQ_BY_KEY, {"key": "side-effects", "locale": locale})["faq"]

    assert faq["question"] == question
    assert faq["slug"] == slug
    assert faq["url"] == f"{PUBLIC_URL}/{locale}/faqs/{slug}"
    assert faq["answer"]["locale"] == locale
    assert faq["answer"]["html"].startswith("<p>")
    assert faq["translationState"] == "CURRENT"
    assert faq["readingTime"]["minutes"] == 1
    assert [alternate["hreflang"] for alternate in faq["alternates"]] == [
        "en-CA",
        "fr-CA",
        "x-default",
    ]


def test_faq_by_french_slug(client: ApiClient) -> None:
    query = (
        '{ faq(slug: "effets-secondaires-du-traitement-par-ketamine", locale: "fr-CA") { key } }'
    )

    assert client.data(query)["faq"] == {"key": "side-effects"}


@pytest.mark.parametrize("locale", ["en-CA", "fr-CA"])
def test_faqs_connection_lists_every_published_faq(client: ApiClient, locale: str) -> None:
    query = """query($locale: String) { faqs(locale: $locale) {
        totalCount edges { node { key requestedLocale } } } }"""
    faqs = client.data(query, {"locale": locale})["faqs"]

    assert faqs["totalCount"] == 5
    assert {edge["node"]["requestedLocale"] for edge in faqs["edges"]} == {locale}


def test_faqs_filter_by_tag(client: ApiClient) -> None:
    query = '{ faqs(tag: "safety") { edges { node { key tags } } } }'
    nodes = [edge["node"] for edge in client.data(query)["faqs"]["edges"]]

    assert [node["key"] for node in nodes] == ["side-effects"]


def test_faqs_of_an_article_follow_its_order(client: ApiClient) -> None:
    query = '{ faqs(article: "ketamine-trd", first: 2) { totalCount edges { node { key } } } }'
    faqs = client.data(query)["faqs"]

    assert faqs["totalCount"] == 5
    assert [edge["node"]["key"] for edge in faqs["edges"]] == [
        "how-ketamine-differs",
        "availability-in-canada",
    ]


def test_faqs_of_an_unknown_article_are_empty(client: ApiClient) -> None:
    query = '{ faqs(article: "no-such-article") { totalCount } }'

    assert client.data(query)["faqs"]["totalCount"] == 0


def test_locales_and_translation_status(client: ApiClient) -> None:
    query = """{ locales { tag name isDefault fallbacks }
        translationStatus(locale: "fr-CA") {
            contentType key locale state fields { field state } } }"""
    data = client.data(query)

    assert data["locales"] == [
        {"tag": "en-CA", "name": "English (Canada)", "isDefault": True, "fallbacks": []},
        {"tag": "fr-CA", "name": "français (Canada)", "isDefault": False, "fallbacks": ["en-CA"]},
    ]
    statuses = data["translationStatus"]
    assert len(statuses) == 6
    assert {status["state"] for status in statuses} == {"CURRENT"}
    assert {status["locale"] for status in statuses} == {"fr-CA"}
    side_effects = next(status for status in statuses if status["key"] == "side-effects")
    assert {"field": "answer", "state": "CURRENT"} in side_effects["fields"]


def test_translation_status_without_locale_covers_every_locale(client: ApiClient) -> None:
    statuses = client.data("{ translationStatus { locale } }")["translationStatus"]

    assert sorted({status["locale"] for status in statuses}) == ["en-CA", "fr-CA"]
    assert len(statuses) == 12
