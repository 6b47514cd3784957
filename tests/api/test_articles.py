"""Articles over HTTP, in both locales: text, provenance, links, dates, sections, FAQs."""

from __future__ import annotations

import pytest

from tests.api.conftest import ApiClient
from tests.conftest import PUBLIC_URL

ARTICLE_FIELDS = """
    id key contentType requestedLocale translationState slug url title summary
    fieldLocales { field locale } fallbackFields { field locale }
    alternates { hreflang locale slug url }
    published { iso formatted full } updated { iso formatted }
    review { isReviewed locale reviewed { iso } reviewer notice }
    readingTime { minutes words label text }
    seo { title description }
    tags
    sections { key anchor heading body { markdown html text locale } }
    faqs { key question requestedLocale }
"""
ARTICLE_BY_KEY = (
    'query($locale: String) { article(key: "ketamine-trd", locale: $locale) {'
    + ARTICLE_FIELDS
    + "} }"
)

EN_SLUG = "ketamine-treatment-resistant-depression"
FR_SLUG = "ketamine-depression-resistante-au-traitement"


@pytest.mark.parametrize(
    ("locale", "title_start", "slug", "published"),
    [
        ("en-CA", "Ketamine\u2019s Growing Promise", EN_SLUG, "December 1, 2026"),
        ("fr-CA", "La kétamine, une option", FR_SLUG, "1er décembre 2026"),
    ],
)
def test_article_is_served_in_each_locale(
    client: ApiClient, locale: str, title_start: str, slug: str, published: str
) -> None:
    article = client.data(ARTICLE_BY_KEY, {"locale": locale})["article"]

    assert article["title"].startswith(title_start)
    assert article["requestedLocale"] == locale
    assert article["translationState"] == "CURRENT"
    assert article["fallbackFields"] == []
    assert {entry["locale"] for entry in article["fieldLocales"]} == {locale}
    assert article["slug"] == slug
    assert article["url"] == f"{PUBLIC_URL}/{locale}/articles/{slug}"
    assert article["published"]["iso"] == "2026-12-01"
    assert article["published"]["formatted"] == published
    assert article["published"]["full"].endswith(published)
    assert article["updated"] is None
    assert article["contentType"] == "ARTICLE"


def test_alternates_list_every_locale_then_x_default(client: ApiClient) -> None:
    article = client.data(ARTICLE_BY_KEY, {"locale": "fr-CA"})["article"]

    assert article["alternates"] == [
        {
            "hreflang": "en-CA",
            "locale": "en-CA",
            "slug": EN_SLUG,
            "url": f"{PUBLIC_URL}/en-CA/articles/{EN_SLUG}",
        },
        {
            "hreflang": "fr-CA",
            "locale": "fr-CA",
            "slug": FR_SLUG,
            "url": f"{PUBLIC_URL}/fr-CA/articles/{FR_SLUG}",
        },
        {
            "hreflang": "x-default",
            "locale": "en-CA",
            "slug": EN_SLUG,
            "url": f"{PUBLIC_URL}/en-CA/articles/{EN_SLUG}",
        },
    ]


def test_section_anchors_are_the_same_in_both_locales(client: ApiClient) -> None:
    english = client.data(ARTICLE_BY_KEY, {"locale": "en-CA"})["article"]["sections"]
    french = client.data(ARTICLE_BY_KEY, {"locale": "fr-CA"})["article"]["sections"]

    assert [s["key"] for s in english] == [s["key"] for s in french]
    assert english[0]["anchor"] == "#understanding-trd"
    assert english[0]["heading"] != french[0]["heading"]


def test_bodies_come_as_html_markdown_and_text(client: ApiClient) -> None:
    section = client.data(ARTICLE_BY_KEY, {"locale": "fr-CA"})["article"]["sections"][0]
    body = section["body"]

    assert body["locale"] == "fr-CA"
    assert body["html"].startswith("<p>La dépression touche")
    assert "<" not in body["text"]
    assert body["text"].split() == body["markdown"].split()


def test_reading_time_review_and_seo(client: ApiClient) -> None:
    english = client.data(ARTICLE_BY_KEY, {"locale": "en-CA"})["article"]
    french = client.data(ARTICLE_BY_KEY, {"locale": "fr-CA"})["article"]

    assert english["readingTime"]["words"] > 300
    assert english["readingTime"]["minutes"] >= 2
    assert english["readingTime"]["label"] == f"{english['readingTime']['minutes']} minutes"
    # The seed records no medical review.
    assert english["review"] == {
        "isReviewed": False,
        "locale": "en-CA",
        "reviewed": None,
        "reviewer": None,
        "notice": "This content has not yet been medically reviewed.",
    }
    assert french["review"]["locale"] == "fr-CA"
    assert french["review"]["notice"] == (
        "Ce contenu n\u2019a pas encore été validé sur le plan médical."
    )
    assert english["readingTime"]["text"] == f"{english['readingTime']['minutes']} minute read"
    assert french["readingTime"]["text"] == f"{french['readingTime']['minutes']} minutes de lecture"
    assert french["seo"]["title"].startswith("Kétamine et dépression résistante")


def test_article_faqs_come_in_the_article_order_and_locale(client: ApiClient) -> None:
    faqs = client.data(ARTICLE_BY_KEY, {"locale": "fr-CA"})["article"]["faqs"]

    assert [faq["key"] for faq in faqs] == [
        "how-ketamine-differs",
        "availability-in-canada",
        "side-effects",
        "how-soon-it-works",
        "insurance-coverage",
    ]
    assert {faq["requestedLocale"] for faq in faqs} == {"fr-CA"}
    assert faqs[1]["question"] == "Le traitement par kétamine est-il offert au Canada?"


@pytest.mark.parametrize(
    ("slug", "locale", "title_start"),
    [
        (EN_SLUG, "en-CA", "Ketamine"),
        (FR_SLUG, "fr-CA", "La kétamine"),
        # A language switcher keeps the URL's slug and changes the locale.
        (EN_SLUG, "fr-CA", "La kétamine"),
    ],
)
def test_article_by_slug(client: ApiClient, slug: str, locale: str, title_start: str) -> None:
    query = (
        "query($slug: String, $locale: String) { article(slug: $slug, locale: $locale) { title } }"
    )
    article = client.data(query, {"slug": slug, "locale": locale})["article"]

    assert article["title"].startswith(title_start)


def test_unknown_article_is_null(client: ApiClient) -> None:
    data = client.data('{ article(slug: "no-such-article") { title } }')

    assert data == {"article": None}


@pytest.mark.parametrize("locale", ["en-CA", "fr-CA"])
def test_articles_connection(client: ApiClient, locale: str) -> None:
    query = """query($locale: String) { articles(locale: $locale) {
        totalCount edges { cursor node { key requestedLocale } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    articles = client.data(query, {"locale": locale})["articles"]

    assert articles["totalCount"] == 1
    assert [edge["node"] for edge in articles["edges"]] == [
        {"key": "ketamine-trd", "requestedLocale": locale}
    ]
    assert articles["pageInfo"]["hasNextPage"] is False
    assert articles["pageInfo"]["endCursor"] == articles["edges"][0]["cursor"]


@pytest.mark.parametrize(("tag", "count"), [("ketamine", 1), ("no-such-tag", 0)])
def test_articles_filter_by_tag(client: ApiClient, tag: str, count: int) -> None:
    query = "query($tag: String) { articles(tag: $tag) { totalCount } }"

    assert client.data(query, {"tag": tag})["articles"]["totalCount"] == count
