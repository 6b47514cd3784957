"""Typos, "did you mean", autocomplete, filters, facets, pagination and highlights."""

# French is written with the typographic apostrophe (U+2019); these tests must type it.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import pytest

from api.content import ContentType
from api.search import SearchIndex
from api.search.vocabulary import allowed_typos, edit_distance
from tests.search.conftest import Search, keys


@pytest.mark.parametrize(
    ("word", "typos"),
    [("nmda", 0), ("dose", 0), ("drugs", 1), ("ketamine", 1), ("dépressio", 2), ("intravenous", 2)],
)
def test_typo_allowance_grows_with_word_length(word: str, typos: int) -> None:
    assert allowed_typos(word) == typos


def test_a_swap_of_two_letters_is_one_edit() -> None:
    assert edit_distance("ketamnie", "ketamine") == 1
    assert edit_distance("depresion", "depression") == 1
    assert edit_distance("kitten", "sitting") == 3


@pytest.mark.parametrize(
    ("typo", "locale", "expected"),
    [
        ("ketamnie", "en-CA", "ketamine-trd"),
        ("ketamien", "fr-CA", "ketamine-trd"),
        ("insurence", "en-CA", "insurance-coverage"),
        ("secondiares", "fr-CA", "side-effects"),
        ("antidepresants", "en-CA", "how-ketamine-differs"),
    ],
)
def test_misspelled_words_still_find(search: Search, typo: str, locale: str, expected: str) -> None:
    assert expected in keys(search(typo, locale))


def test_short_words_get_no_typo_allowance(search: Search) -> None:
    # "nmdz" is one edit from "nmda", but four letters are too few to guess from.
    assert search("nmdz").total == 0


def test_a_typo_match_counts_for_less_than_the_exact_word(search: Search) -> None:
    # ("insurence" would not do: English Snowball stems it as it stems "insurance".)
    exact = search("nausea").hits[0]
    typo = search("nausae").hits[0]
    assert exact.key == typo.key == "side-effects"
    assert typo.score < exact.score / 2


def test_did_you_mean_offers_real_words_with_accents(search: Search) -> None:
    assert search("depresion", "fr-CA").suggestion == "dépression"
    assert search("ketamnie").suggestion == "ketamine"
    assert search("l’anestesique", "fr-CA").suggestion == "l’anesthésique"


def test_did_you_mean_keeps_the_rest_of_the_query(search: Search) -> None:
    assert search("effets secondiares", "fr-CA").suggestion == "effets secondaires"


def test_no_suggestion_when_every_word_is_found(search: Search) -> None:
    # "assurance" appears only as "assurances", which shares its stem: nothing to correct.
    assert search("assurance", "fr-CA").suggestion is None
    assert search("hypertension").suggestion is None  # no close word either


@pytest.mark.parametrize(
    ("prefix", "locale", "expected"),
    [
        ("ket", "fr-CA", "kétamine"),
        ("ket", "en-CA", "ketamine"),
        ("KÉT", "fr-CA", "kétamine"),
        ("dép", "fr-CA", "dépression"),
        ("depr", "fr-CA", "dépression"),
        ("l’anesth", "fr-CA", "l’anesthésique"),
        ("effets sec", "fr-CA", "effets secondaires"),
    ],
)
def test_autocomplete_completes_the_last_word(
    shipped_index: SearchIndex, prefix: str, locale: str, expected: str
) -> None:
    assert expected in shipped_index.suggest(prefix, locale)


@pytest.mark.parametrize("prefix", ["", " ", "ket ", "😀", "x" * 10_000, "zzzq"])
def test_autocomplete_of_nothing_useful_is_empty(shipped_index: SearchIndex, prefix: str) -> None:
    assert shipped_index.suggest(prefix, "en-CA") == ()


def test_autocomplete_respects_the_limit(shipped_index: SearchIndex) -> None:
    assert len(shipped_index.suggest("c", "en-CA", limit=3)) == 3


def test_filters_by_type_and_tag(search: Search) -> None:
    faqs = search("ketamine", types=frozenset({ContentType.FAQ}))
    assert faqs.total == 5
    assert {hit.type for hit in faqs.hits} == {ContentType.FAQ}
    safety = search("ketamine", tags=frozenset({"safety"}))
    assert keys(safety) == ["side-effects"]


def test_facets_count_items_by_type_and_tag(search: Search) -> None:
    results = search("ketamine")
    assert {(f.value, f.count) for f in results.type_facets} == {("faq", 5), ("article", 1)}
    tag_counts = {facet.value: facet.count for facet in results.tag_facets}
    assert tag_counts["ketamine"] == 6
    assert tag_counts["safety"] == 1
    counts = [facet.count for facet in results.tag_facets]
    assert counts == sorted(counts, reverse=True)


def test_pages_cover_every_hit_once_with_the_total(search: Search) -> None:
    everything = keys(search("ketamine", limit=10))
    pages = [search("ketamine", offset=offset, limit=2) for offset in (0, 2, 4)]
    assert [key for page in pages for key in keys(page)] == everything
    assert {page.total for page in pages} == {6}
    assert search("ketamine", offset=6, limit=2).hits == ()


def test_snippets_mark_matches_and_name_their_field(search: Search) -> None:
    hit = search("effets secondaires", "fr-CA").hits[0]
    question = hit.snippets[0]
    assert question.field == "question"
    assert "<mark>effets</mark> <mark>secondaires</mark>" in question.html
    assert any(s.field == "answer" for s in hit.snippets)


def test_section_snippets_name_the_section_fields(search: Search) -> None:
    hit = search("NMDA").hits[0]
    fields = [snippet.field for snippet in hit.snippets]
    assert "sections.what-makes-ketamine-different.body" in fields


def test_no_snippets_without_highlighting(search: Search) -> None:
    assert all(hit.snippets == () for hit in search("ketamine", highlight=False).hits)


def test_query_markup_never_reaches_snippets(search: Search) -> None:
    for hit in search('<script>alert("x")</script> ketamine <b>').hits:
        for snippet in hit.snippets:
            assert "<script" not in snippet.html
            assert "<b>" not in snippet.html
            assert re.sub(r"</?mark>", "", snippet.html).count("<") == 0


def test_a_misspelt_glossary_name_is_corrected_though_no_text_spells_it(
    search: Search, shipped_index: SearchIndex
) -> None:
    # The French texts say "assurances" and "assureur", never "assurance": the glossary does.
    assert keys(search("asurance", "fr-CA"))[0] == "insurance-coverage"
    # Completions offer only words some text holds ("plan" is only the glossary's).
    assert "plan" not in shipped_index.suggest("pla", "en-CA")
