"""Per-language analysis: elision, accents, stop words and stems."""

# French is written with the typographic apostrophe (U+2019); these tests must type it.
# ruff: noqa: RUF001

from __future__ import annotations

import pickle

import pytest

from api.search.analysis import analyze, fold_accents, term_of, text_analyzer, words

FRENCH = text_analyzer("fr")
ENGLISH = text_analyzer("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'anesthésique", ["anesthes"]),
        ("l’anesthésique", ["anesthes"]),
        ("d’autres", ["autr"]),
        ("qu'est-ce que", []),
        ("jusqu’à lorsqu'il puisqu’elle", []),
        ("aujourd'hui", ["aujourd'hui"]),
        ("s'accompagner n’apportent", ["accompagn", "apport"]),
    ],
)
def test_french_removes_elisions_with_either_apostrophe(text: str, expected: list[str]) -> None:
    assert analyze(FRENCH, text) == expected


def test_accents_are_folded_so_unaccented_typing_matches() -> None:
    assert analyze(FRENCH, "kétamine dépression traitée") == analyze(
        FRENCH, "ketamine depression traitee"
    )
    assert analyze(ENGLISH, "Kétamine naïve") == analyze(ENGLISH, "ketamine naive")


def test_french_stop_list_is_french_only() -> None:
    # Whoosh's stock French list holds the English one too: "or" and "an" would vanish.
    assert analyze(FRENCH, "les effets de la kétamine") == ["effet", "ketamin"]
    assert analyze(FRENCH, "the") == ["the"]
    assert analyze(ENGLISH, "the side effects of ketamine") == ["side", "effect", "ketamin"]
    assert analyze(ENGLISH, "les") == ["les"]


def test_stemming_joins_word_forms() -> None:
    assert analyze(FRENCH, "intraveineuse") == analyze(FRENCH, "intraveineuses")
    assert analyze(ENGLISH, "infusions") == analyze(ENGLISH, "infusion")
    assert analyze(ENGLISH, "patient’s") == ["patient"]


def test_analyzers_survive_the_pickle_whoosh_stores_them_in() -> None:
    restored = pickle.loads(pickle.dumps(FRENCH))
    assert analyze(restored, "l’anesthésique des récepteurs") == analyze(
        FRENCH, "l’anesthésique des récepteurs"
    )


def test_words_keep_accents_for_display() -> None:
    assert words("L’Anesthésique d’Été, œdème", "fr") == ["anesthésique", "été", "œdème"]
    assert fold_accents("œdème") == "oedeme"


@pytest.mark.parametrize(
    ("language", "family"),
    [
        ("fr", ["sécurité", "sécuritaire"]),
        ("fr", ["glutamate", "glutamatergique"]),
        ("fr", ["différent", "diffère", "différence"]),
        ("fr", ["assurance", "assureur"]),
        ("fr", ["couverture", "couvert"]),
        ("en", ["safe", "safety"]),
    ],
)
def test_word_families_snowball_misses_share_a_term(language: str, family: list[str]) -> None:
    assert len({term_of(word, language) for word in family}) == 1


def test_short_stems_are_not_cut_into_other_words() -> None:
    # "lit" (a bed) keeps its "it": what would remain is too short to be a family's stem.
    assert term_of("lit", "fr") == "lit"
