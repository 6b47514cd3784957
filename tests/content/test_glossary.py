"""The bilingual glossary (locales/glossary.yaml): loaded into the snapshot, checked at load."""

from __future__ import annotations

import pytest

from api.content import ContentError
from api.content.glossary import GLOSSARY_FILE
from api.content.snapshot import ContentSnapshot
from tests.conftest import ContentTree

GLOSSARY = f"locales/{GLOSSARY_FILE}"


def test_the_shipped_glossary_words_every_term_in_both_languages(
    shipped_content: ContentSnapshot,
) -> None:
    glossary = shipped_content.glossary
    assert len(glossary.terms) >= 8
    depression = glossary.term("treatment-resistant-depression")
    assert depression is not None
    assert depression.wordings["en-CA"].acronyms == ("TRD",)
    assert depression.wordings["fr-CA"].names[:2] == ("dépression résistante au traitement", "DRT")
    assert {term.id for term, _ in glossary.in_locale("fr-CA")} == {t.id for t in glossary.terms}


def test_a_tree_without_a_glossary_loads_with_an_empty_one(content_tree: ContentTree) -> None:
    content_tree.remove(GLOSSARY)
    assert content_tree.load().glossary.terms == ()


def test_the_glossary_is_part_of_the_content_version(content_tree: ContentTree) -> None:
    before = content_tree.load().version
    content_tree.replace(GLOSSARY, "synonyms: [drip]", "synonyms: [drip, perfusion line]")
    after = content_tree.load()
    assert after.version != before
    infusion = after.glossary.term("infusion")
    assert infusion is not None
    assert infusion.wordings["en-CA"].synonyms == ("drip", "perfusion line")


def _problems(content_tree: ContentTree) -> list[str]:
    with pytest.raises(ContentError) as caught:
        content_tree.load()
    return [str(problem) for problem in caught.value.problems]


def test_a_term_missing_a_locale_is_located(content_tree: ContentTree) -> None:
    content_tree.write(
        GLOSSARY,
        "terms:\n  - id: ketamine\n    en-CA:\n      preferred: ketamine\n",
    )
    assert _problems(content_tree) == [
        "locales/glossary.yaml:2:5: [terms[0].fr-CA] required field is missing"
    ]


def test_a_locale_that_is_not_enabled_is_refused_with_a_suggestion(
    content_tree: ContentTree,
) -> None:
    content_tree.write(
        GLOSSARY,
        "terms:\n  - id: ketamine\n    en-CA: {preferred: ketamine}\n"
        "    fr-CA: {preferred: kétamine}\n    fr-FR: {preferred: kétamine}\n",
    )
    [problem] = _problems(content_tree)
    assert problem.startswith("locales/glossary.yaml:5:5: [terms[0].fr-FR] unknown field 'fr-FR'")


def test_ids_wordings_and_avoided_forms_must_not_collide(content_tree: ContentTree) -> None:
    content_tree.write(
        GLOSSARY,
        """terms:
  - id: ketamine
    en-CA: {preferred: ketamine}
    fr-CA: {preferred: kétamine, avoid: [Perfusion]}
  - id: ketamine
    en-CA: {preferred: esketamine}
    fr-CA: {preferred: eskétamine}
  - id: infusion
    en-CA: {preferred: Ketamine}
    fr-CA: {preferred: perfusion}
""",
    )
    problems = _problems(content_tree)
    assert len(problems) == 3
    assert (
        "locales/glossary.yaml:5:5: [terms[1].id] term 'ketamine' is already defined (terms[0])"
        in problems
    )
    assert any("'Ketamine' already names the term 'ketamine' in en-CA" in p for p in problems)
    assert any(
        "[terms[0].fr-CA.avoid[0]] 'Perfusion' cannot be avoided: it names the term 'infusion'" in p
        for p in problems
    )


def test_an_empty_wording_is_refused(content_tree: ContentTree) -> None:
    content_tree.write(
        GLOSSARY,
        "terms:\n  - id: ketamine\n    en-CA: {preferred: '  '}\n"
        "    fr-CA: {preferred: kétamine}\n",
    )
    [problem] = _problems(content_tree)
    assert "[terms[0].en-CA.preferred]" in problem


def test_related_terms_must_be_other_terms_of_the_glossary(content_tree: ContentTree) -> None:
    content_tree.write(
        GLOSSARY,
        """terms:
  - id: ssri
    related: [antidepressant, ssri]
    en-CA: {preferred: SSRI}
    fr-CA: {preferred: ISRS}
""",
    )
    problems = _problems(content_tree)
    assert problems == [
        "locales/glossary.yaml:3:15: [terms[0].related[0]] related term 'antidepressant' is "
        "not another term of the glossary",
        "locales/glossary.yaml:3:31: [terms[0].related[1]] related term 'ssri' is "
        "not another term of the glossary",
    ]
