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
