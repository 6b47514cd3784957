"""Fallback and translation state, on edited copies of the content."""

from __future__ import annotations

from tests.api.conftest import MakeClient
from tests.conftest import ContentTree

FAQ_QUERY = """query($key: String) { faq(key: $key, locale: "fr-CA") {
    question slug requestedLocale translationState
    fieldLocales { field locale } fallbackFields { field locale }
    answer { locale } alternates { hreflang slug } url canonicalUrl
} }"""


def test_missing_french_file_falls_back_to_english_visibly(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.remove("locales/fr-CA/faqs/side-effects.yaml")
    client = make_client(content_tree)

    faq = client.data(FAQ_QUERY, {"key": "side-effects"})["faq"]

    assert faq["requestedLocale"] == "fr-CA"
    assert faq["translationState"] == "MISSING"
    assert faq["question"] == "What are the common side effects of ketamine treatment?"
    assert faq["answer"]["locale"] == "en-CA"
    assert {"field": "question", "locale": "en-CA"} in faq["fallbackFields"]
    assert {"field": "answer", "locale": "en-CA"} in faq["fallbackFields"]
    assert faq["fallbackFields"] == faq["fieldLocales"]
    # The French page exists (in English) under the English slug, but it is the English
    # text: not an alternate of its own, and its canonical page is the English one.
    english_slug = "what-are-the-side-effects-of-ketamine-treatment"
    assert faq["slug"] == english_slug
    assert faq["url"] == f"https://clinic.example/fr-CA/faqs/{english_slug}"
    assert faq["canonicalUrl"] == f"https://clinic.example/en-CA/faqs/{english_slug}"
    assert faq["alternates"] == [
        {"hreflang": "en-CA", "slug": english_slug},
        {"hreflang": "x-default", "slug": english_slug},
    ]


def test_missing_field_falls_back_per_field(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.replace(
        "locales/fr-CA/faqs/side-effects.yaml",
        "question: Quels sont les effets secondaires courants du traitement par kétamine?\n",
        "",
    )
    client = make_client(content_tree)

    faq = client.data(FAQ_QUERY, {"key": "side-effects"})["faq"]

    assert faq["question"] == "What are the common side effects of ketamine treatment?"
    assert faq["answer"]["locale"] == "fr-CA"
    assert faq["fallbackFields"] == [{"field": "question", "locale": "en-CA"}]
    assert faq["translationState"] == "MISSING"


def test_edited_source_makes_the_translation_stale(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.replace(
        "locales/en-CA/faqs/side-effects.yaml", "usually temporary", "usually short-lived"
    )
    client = make_client(content_tree)

    faq = client.data(FAQ_QUERY, {"key": "side-effects"})["faq"]
    statuses = client.data('{ translationStatus(locale: "fr-CA") { key state } }')

    assert faq["translationState"] == "STALE"
    # A stale translation is still served: in French, not from the fallback.
    assert faq["question"].startswith("Quels sont")
    assert faq["fallbackFields"] == []
    assert {"key": "side-effects", "state": "STALE"} in statuses["translationStatus"]


def test_drafts_are_never_served(content_tree: ContentTree, make_client: MakeClient) -> None:
    content_tree.replace("content/faqs/side-effects.yaml", "status: published", "status: draft")
    client = make_client(content_tree)

    data = client.data(
        """{ faq(key: "side-effects") { key }
            faqs { totalCount edges { node { key } } }
            article(key: "ketamine-trd") { faqs { key } } }"""
    )

    assert data["faq"] is None
    assert data["faqs"]["totalCount"] == 4
    assert "side-effects" not in {edge["node"]["key"] for edge in data["faqs"]["edges"]}
    assert "side-effects" not in {faq["key"] for faq in data["article"]["faqs"]}


REVIEW_QUERY = """query($locale: String) { faq(key: "side-effects", locale: $locale) {
    review { isReviewed locale reviewer reviewed { iso formatted } }
} }"""


def review_the_english(tree: ContentTree) -> None:
    tree.replace(
        "locales/en-CA/faqs/side-effects.yaml",
        "\nquestion:",
        "\nreview:\n  reviewed: 2026-12-01\n  reviewer: Dr. Example\nquestion:",
    )


def test_a_review_covers_the_language_it_was_made_in(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    review_the_english(content_tree)
    client = make_client(content_tree)
    english = client.data(REVIEW_QUERY, {"locale": "en-CA"})["faq"]["review"]
    french = client.data(REVIEW_QUERY, {"locale": "fr-CA"})["faq"]["review"]
    assert english == {
        "isReviewed": True,
        "locale": "en-CA",
        "reviewer": "Dr. Example",
        "reviewed": {"iso": "2026-12-01", "formatted": "December 1, 2026"},
    }
    # The English sign-off does not make the French text reviewed.
    assert french == {"isReviewed": False, "locale": "fr-CA", "reviewer": None, "reviewed": None}


def test_a_missing_translation_shows_the_review_of_the_text_served(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    review_the_english(content_tree)
    content_tree.remove("locales/fr-CA/faqs/side-effects.yaml")
    client = make_client(content_tree)
    french = client.data(REVIEW_QUERY, {"locale": "fr-CA"})["faq"]["review"]
    # Served in English, so the English review holds, its date written in French.
    assert french == {
        "isReviewed": True,
        "locale": "en-CA",
        "reviewer": "Dr. Example",
        "reviewed": {"iso": "2026-12-01", "formatted": "1er décembre 2026"},
    }
