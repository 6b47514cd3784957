"""The glossary as search's synonyms: matching names, and their effect on searches."""

from __future__ import annotations

from api.content import ContentSnapshot
from api.content.glossary import Glossary, Term, TermWording
from api.search.synonyms import Synonyms
from tests.search.conftest import Search, keys


def _term(term_id: str, english: TermWording, french: TermWording, **extra: object) -> Term:
    return Term(term_id, {"en-CA": english, "fr-CA": french}, **extra)  # type: ignore[arg-type]


def test_the_shipped_glossary_gives_the_acronyms_in_both_locales(
    shipped_content: ContentSnapshot,
) -> None:
    english = Synonyms(shipped_content.glossary, "en-CA")
    french = Synonyms(shipped_content.glossary, "fr-CA")
    for words, term_id in [(["trd"], "treatment-resistant-depression"), (["iv"], "intravenous")]:
        found = english.match(words, 0)
        assert found is not None and found.term.id == term_id
        assert found.typed_locale == "en-CA"
    drt = french.match(["drt"], 0)
    assert drt is not None and drt.term.id == "treatment-resistant-depression"
    # Both locales write IV: on the French site it is a French name, not a cross-language one.
    iv = french.match(["iv"], 0)
    assert iv is not None and iv.typed_locale == "fr-CA"


def test_longest_name_wins_ignoring_case_accents_stop_words_and_endings() -> None:
    glossary = Glossary(
        (
            _term(
                "trd",
                TermWording("treatment-resistant depression", acronyms=("TRD",)),
                TermWording("dépression résistante au traitement", acronyms=("DRT",)),
            ),
        )
    )
    french = Synonyms(glossary, "fr-CA")
    found = french.match(["dépressions", "resistantes", "au", "traitement", "grave"], 0)
    assert found is not None
    assert found.length == 4
    assert "DRT" in french.names(found.term)
    # The English wording typed on the French site is found, as the other language.
    english_typed = french.match(["treatment", "resistant", "depression"], 0)
    assert english_typed is not None and english_typed.typed_locale == "en-CA"
    # An acronym's plural, and nothing from a stop word.
    assert french.match(["DRTs"], 0) is not None
    assert french.match(["au", "traitement"], 0) is None


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


def test_a_narrower_term_finds_its_related_one(search: Search) -> None:
    # No text says SSRI: the glossary relates it to "antidepressant", which they do say.
    assert keys(search("SSRI"))[0] == "how-ketamine-differs"
    assert keys(search("ISRS", "fr-CA"))[0] == "how-ketamine-differs"


def test_provincial_insurance_words_find_the_coverage_faq(search: Search) -> None:
    assert keys(search("OHIP"))[0] == "insurance-coverage"
    assert keys(search("carte soleil", "fr-CA"))[0] == "insurance-coverage"
