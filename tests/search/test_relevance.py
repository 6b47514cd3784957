"""What patients type finds what they meant, in both languages, on the shipped content."""

# French is written with the typographic apostrophe (U+2019); these tests must type it.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from api.content import ContentType
from tests.search.conftest import Search, keys


@pytest.mark.parametrize(
    ("text", "locale", "first"),
    [
        ("effets secondaires", "fr-CA", "side-effects"),
        ("side effects", "en-CA", "side-effects"),
        ("assurance", "fr-CA", "insurance-coverage"),
        ("insurance", "en-CA", "insurance-coverage"),
        ("Quels sont les effets secondaires?", "fr-CA", "side-effects"),
        ("What are the side effects of ketamine?", "en-CA", "side-effects"),
        ("la kétamine est-elle offerte au Canada", "fr-CA", "availability-in-canada"),
        ("how quickly does it work", "en-CA", "how-soon-it-works"),
    ],
)
def test_the_matching_faq_ranks_first(search: Search, text: str, locale: str, first: str) -> None:
    results = search(text, locale)
    assert results.hits, f"nothing found for {text!r}"
    assert results.hits[0].type is ContentType.FAQ
    assert results.hits[0].key == first


def test_ketamine_without_accent_finds_french_items(search: Search) -> None:
    results = search("ketamine", "fr-CA")
    assert results.total == 6
    assert all(hit.text_locale == "fr-CA" and not hit.is_fallback for hit in results.hits)
    assert any("<mark>kétamine</mark>" in s.html for h in results.hits for s in h.snippets)


def test_depression_without_accent_finds_depression(search: Search) -> None:
    assert "ketamine-trd" in keys(search("depression resistante", "fr-CA"))


def test_typed_question_with_curly_elision_finds_the_section(search: Search) -> None:
    results = search("l’anesthésique", "fr-CA")
    assert results.hits[0].key == "ketamine-trd"
    assert results.hits[0].section_id == "what-makes-ketamine-different"


def test_quest_ce_que_question_is_reduced_to_its_topic(search: Search) -> None:
    results = search("qu'est-ce que la kétamine?", "fr-CA")
    assert results.total == search("kétamine", "fr-CA").total > 0


def test_section_hits_deep_link_to_their_anchor(search: Search) -> None:
    results = search("NMDA receptors")
    assert results.hits[0].key == "ketamine-trd"
    assert results.hits[0].section_id == "what-makes-ketamine-different"


def test_an_article_appears_once_however_many_sections_match(search: Search) -> None:
    results = search("ketamine")
    assert keys(results).count("ketamine-trd") == 1
    assert results.total == len(set(keys(results)))


def test_question_matches_outrank_body_matches(search: Search) -> None:
    # Only one FAQ asks about Canada; the others and the article mention it in bodies.
    results = search("Canada")
    assert results.hits[0].key == "availability-in-canada"
    assert results.hits[0].snippets[0].field == "question"
    assert results.total > 1


def test_equal_scores_keep_a_stable_order(search: Search) -> None:
    first = keys(search("kétamine", "fr-CA", highlight=False))
    assert all(keys(search("kétamine", "fr-CA", highlight=False)) == first for _ in range(3))
    scores = [hit.score for hit in search("kétamine", "fr-CA").hits]
    assert scores == sorted(scores, reverse=True)


def test_an_article_ranks_first_for_its_own_subject(search: Search) -> None:
    # Every FAQ names ketamine in its question; the article is about nothing else.
    for text, locale in [("ketamine", "en-CA"), ("kétamine", "fr-CA"), ("dépression", "fr-CA")]:
        assert keys(search(text, locale))[0] == "ketamine-trd", text


def test_any_word_fallback_ranks_by_how_many_words_match(search: Search) -> None:
    # No item has "zebra": those with two of the other words come before those with one.
    results = search("zebra nausea dissociation ketamine")
    assert results.hits, "the any-word fallback found nothing"
    first_two = keys(results)[:2]
    assert set(first_two) == {"side-effects", "ketamine-trd"}
    assert results.total == 6


def test_a_query_in_the_other_language_finds_the_item_below_own_language_matches(
    search: Search,
) -> None:
    english_on_french = search("nausea", "fr-CA")
    assert keys(english_on_french)[0] == "side-effects"
    hit = english_on_french.hits[0]
    assert (hit.text_locale, hit.is_fallback, hit.matched_locale) == ("fr-CA", False, "en-CA")
    # Shown in the requested locale: the French question, unmarked.
    assert "Quels sont les effets secondaires" in hit.snippets[0].html
    french_on_english = search("effets secondaires", "en-CA")
    assert keys(french_on_english)[0] == "side-effects"
    assert french_on_english.hits[0].matched_locale == "fr-CA"
    # "Canada" is a word of both languages: own-language matches, not cross-language ones.
    assert all(hit.matched_locale == "fr-CA" for hit in search("Canada", "fr-CA").hits)


def test_an_own_language_match_outranks_a_cross_language_one(search: Search) -> None:
    # "plan" is French text of the article only ("sur le plan de la sécurité").
    results = search("plan sécurité", "fr-CA")
    assert keys(results)[0] == "ketamine-trd"
    assert results.hits[0].matched_locale == "fr-CA"
