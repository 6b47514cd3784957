"""Loading the shipped content: what the clinic publishes today."""

from __future__ import annotations

from api.content import ContentSnapshot, Status, TranslationState
from api.content.fields import CALL_TO_ACTION, SECTION_BODY, SECTION_HEADING
from api.content.translation import translation_state
from tests.conftest import ContentTree

FAQ_KEYS = (
    "how-ketamine-differs",
    "availability-in-canada",
    "side-effects",
    "how-soon-it-works",
    "insurance-coverage",
)


def test_shipped_content_has_one_article_and_five_faqs(shipped_content: ContentSnapshot) -> None:
    assert list(shipped_content.articles) == ["ketamine-trd"]
    assert tuple(shipped_content.faqs) == FAQ_KEYS


def test_every_item_is_written_in_both_locales_and_current(
    shipped_content: ContentSnapshot,
) -> None:
    assert shipped_content.locales.enabled == ("en-CA", "fr-CA")
    for item in shipped_content.items():
        assert set(item.texts) == {"en-CA", "fr-CA"}
        assert item.status is Status.PUBLISHED
        for locale in shipped_content.locales.enabled:
            assert translation_state(item, locale) is TranslationState.CURRENT, item.key


def test_article_lists_its_faqs_in_order(shipped_content: ContentSnapshot) -> None:
    article = shipped_content.articles["ketamine-trd"]
    assert tuple(faq.key for faq in shipped_content.faqs_of(article)) == FAQ_KEYS


def test_article_has_the_six_sections_of_the_seed_in_both_languages(
    shipped_content: ContentSnapshot,
) -> None:
    article = shipped_content.articles["ketamine-trd"]
    english = shipped_content.localize(article, "en-CA")
    french = shipped_content.localize(article, "fr-CA")
    assert [section[SECTION_HEADING].value for section in english.sections] == [
        "Understanding Treatment-Resistant Depression (TRD)",
        "What Makes Ketamine Different?",
        "Clinical Evidence for Ketamine in Depression Treatment",
        "Ketamine Therapy in Canada",
        "Safety and Medical Supervision",
        "Conclusion",
    ]
    assert [section.id for section in french.sections] == list(article.section_ids)
    assert french.sections[0][SECTION_HEADING].value.startswith(
        "Comprendre la dépression résistante"
    )
    assert all(section[SECTION_BODY].locale == "fr-CA" for section in french.sections)
    call_to_action = english.text(CALL_TO_ACTION)
    assert call_to_action is not None
    assert "BrainStim" in call_to_action.value


def test_no_review_is_invented(shipped_content: ContentSnapshot) -> None:
    for item in shipped_content.items():
        for text in item.texts.values():
            assert text.review.reviewed is None
            assert text.review.reviewer is None


def test_slugs_differ_per_locale(shipped_content: ContentSnapshot) -> None:
    article = shipped_content.articles["ketamine-trd"]
    assert article.texts["en-CA"].slug == "ketamine-treatment-resistant-depression"
    assert article.texts["fr-CA"].slug == "ketamine-depression-resistante-au-traitement"


def test_item_by_slug_finds_items_in_their_locale_only(shipped_content: ContentSnapshot) -> None:
    article = shipped_content.articles["ketamine-trd"]
    french_slug = article.texts["fr-CA"].slug
    assert shipped_content.item_by_slug(article.type, "fr-CA", french_slug) is article
    assert shipped_content.item_by_slug(article.type, "en-CA", french_slug) is None


def test_content_version_changes_with_any_file_and_comes_back(content_tree: ContentTree) -> None:
    original = content_tree.load().version
    content_tree.replace("locales/fr-CA/faqs/side-effects.yaml", "nausées", "nausées ")
    edited = content_tree.load().version
    content_tree.replace("locales/fr-CA/faqs/side-effects.yaml", "nausées ", "nausées")
    assert edited != original
    assert content_tree.load().version == original


def test_content_version_covers_the_locales_file(content_tree: ContentTree) -> None:
    original = content_tree.load().version
    content_tree.replace("locales/locales.yaml", "default: en-CA", "default: en-CA  # edited")
    assert content_tree.load().version != original
