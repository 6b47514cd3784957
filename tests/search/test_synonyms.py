"""Synonym files: parsing, matching and their effect on searches."""

from __future__ import annotations

import pytest

from api.search.synonyms import SynonymsFileError, parse_synonyms, synonyms_for
from tests.search.conftest import Search, keys


def test_shipped_files_hold_the_required_groups() -> None:
    english = synonyms_for("en-CA")
    french = synonyms_for("fr-CA")
    assert english.match(["trd"], 0) is not None
    assert english.match(["iv"], 0) is not None
    assert english.match(["nmda"], 0) is not None
    assert french.match(["drt"], 0) is not None
    assert french.match(["iv"], 0) is not None


def test_longest_phrase_wins_ignoring_case_accents_and_hyphens() -> None:
    french = synonyms_for("fr-CA")
    found = french.match(["depression", "resistante", "au", "traitement", "grave"], 0)
    assert found is not None
    length, group = found
    assert length == 4
    assert "DRT" in group


@pytest.mark.parametrize("text", ["groups: nope", "groups: [[]]", "groups: [[1, 2]]", "- a"])
def test_malformed_files_are_refused_with_the_file_named(text: str) -> None:
    with pytest.raises(SynonymsFileError, match=r"custom\.yaml"):
        parse_synonyms(text, "en", "custom.yaml")


def test_trd_finds_the_article_through_its_spelled_out_form(search: Search) -> None:
    results = search("TRD")
    assert keys(results)[0] == "ketamine-trd"
    # "availability-in-canada" never says TRD, only "treatment-resistant depression".
    assert "availability-in-canada" in keys(results)


def test_drt_finds_french_text_that_spells_it_out(search: Search) -> None:
    results = search("DRT", "fr-CA")
    assert keys(results)[0] == "ketamine-trd"
    assert "availability-in-canada" in keys(results)


def test_spelled_out_form_finds_the_acronym(search: Search) -> None:
    plain = search("understanding treatment-resistant depression")
    assert plain.hits[0].section_id == "understanding-trd"
