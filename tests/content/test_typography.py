"""The translators' checks on locale files: house typography per locale, glossary, SEO."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.content.glossary import EMPTY_GLOSSARY
from api.content.textchecks import TextChecks, TextFinding
from api.content.typography import APOSTROPHE, EN_DASH, NARROW_NBSP, NBSP
from tests.conftest import PROJECT_ROOT, ContentTree

FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
QUESTION = "Quels sont les effets secondaires courants du traitement par kétamine?"


FRENCH = TextChecks("fr-CA", EMPTY_GLOSSARY)
ENGLISH = TextChecks("en-CA", EMPTY_GLOSSARY)


def check_file(path: Path, shown: Path, checks: TextChecks = FRENCH) -> list[TextFinding]:
    return checks.check_file(path, shown)


def fix_file(path: Path, shown: Path, checks: TextChecks = FRENCH) -> int:
    return checks.fix_file(path, shown)


def write_answer(tree: ContentTree, answer_yaml: str, relative: str = FR_FAQ) -> Path:
    """Replace the FAQ's answer block with ``answer_yaml`` (already YAML); keep the rest."""
    text = tree.read(relative)
    start = text.index("answer:")
    end = text.index("\nseo:", start) + 1
    tree.write(relative, text[:start] + answer_yaml + text[end:])
    return tree.path(relative)


@pytest.mark.parametrize(
    ("answer", "message", "column", "fixed"),
    [
        ("Vraiment ?", "no space before ; ! or ?", 11, "Vraiment?"),
        (f"Oui{NBSP}; non", "no space before ; ! or ?", 6, "Oui; non"),
        ("Note : lisez", "a no-break space goes before :", 7, f"Note{NBSP}: lisez"),
        ("Note: lisez", "a no-break space goes before :", 7, f"Note{NBSP}: lisez"),
        (f"« soulagement{NBSP}»", "a no-break space goes after «", 3, f"«{NBSP}soulagement{NBSP}»"),
        (
            f"«{NBSP}soulagement»",
            "a no-break space goes before »",
            16,
            f"«{NBSP}soulagement{NBSP}»",
        ),
        (
            'un "soulagement" rapide',
            "rather than straight quotes",
            6,
            f"un «{NBSP}soulagement{NBSP}» rapide",
        ),
        ("et ensuite...", "… rather than ...", 13, "et ensuite…"),
        ("chez 30% des gens", "no-break space goes before %", 10, f"chez 30{NBSP}% des gens"),
        ("chez 30 % des gens", "no-break space goes before %", 10, f"chez 30{NBSP}% des gens"),
        ("l'effet", "typographic apostrophe", 4, f"l{APOSTROPHE}effet"),
        (
            "un “soulagement” rapide",
            "rather than English quotation marks",
            6,
            f"un «{NBSP}soulagement{NBSP}» rapide",
        ),
        ("3 000 patients", "digit groups", 4, f"3{NBSP}000 patients"),
        ("rapide — souvent", "no-break space goes before the em dash", 9, f"rapide{NBSP}— souvent"),
        ("rapide - souvent", "not a hyphen or an en dash", 9, f"rapide{NBSP}— souvent"),
        (f"rapide {EN_DASH} souvent", "not a hyphen or an en dash", 9, f"rapide{NBSP}— souvent"),
    ],
)
def test_each_rule_is_found_at_its_line_and_column_and_fixed(
    content_tree: ContentTree, answer: str, message: str, column: int, fixed: str
) -> None:
    path = write_answer(content_tree, f"answer: |\n  {answer}\n")
    [finding] = check_file(path, Path(FR_FAQ))
    assert finding.line == 5
    assert finding.column == column
    assert finding.field == "answer"
    assert message in finding.message
    assert finding.fixable

    assert fix_file(path, Path(FR_FAQ)) >= 1
    assert f"answer: |\n  {fixed}\nseo:" in content_tree.read(FR_FAQ)
    assert check_file(path, Path(FR_FAQ)) == []
    content_tree.load()  # still valid content


@pytest.mark.parametrize(
    "space", [NBSP, NARROW_NBSP], ids=["no-break space", "narrow no-break space"]
)
def test_correct_french_has_no_findings_and_fix_changes_no_byte(
    content_tree: ContentTree, space: str
) -> None:
    answer = (
        f"answer: |\n  Oui; non! Note{space}: «{space}bien{space}» à 10:30 sur https://x.ca?q=1…"
        f" 30{space}% de 3{space}000 l{APOSTROPHE}effet{space}— souvent 2021-2026.\n"
    )
    path = write_answer(content_tree, answer)
    before = path.read_bytes()
    assert check_file(path, Path(FR_FAQ)) == []
    assert fix_file(path, Path(FR_FAQ)) == 0
    assert path.read_bytes() == before


def test_a_lone_straight_quote_is_reported_but_not_fixed(content_tree: ContentTree) -> None:
    path = write_answer(content_tree, 'answer: |\n  un pouce de 2" environ\n')
    [finding] = check_file(path, Path(FR_FAQ))
    assert not finding.fixable
    assert fix_file(path, Path(FR_FAQ)) == 0


def test_double_quoted_yaml_values_are_checked_but_left_to_a_human(
    content_tree: ContentTree,
) -> None:
    content_tree.replace(FR_FAQ, f"question: {QUESTION}", f'question: "{QUESTION[:-1]} ?"')
    path = content_tree.path(FR_FAQ)
    [finding] = check_file(path, Path(FR_FAQ))
    assert (finding.line, finding.field, finding.fixable) == (3, "question", False)
    assert fix_file(path, Path(FR_FAQ)) == 0


def test_slugs_ids_and_keys_are_not_prose(content_tree: ContentTree) -> None:
    content_tree.replace(FR_FAQ, "\nquestion:", "\nid: a-b_c\nquestion:")
    assert check_file(content_tree.path(FR_FAQ), Path(FR_FAQ)) == []


def test_shipped_french_content_has_no_findings() -> None:
    result = CliRunner().invoke(main, ["validate", "--root", str(PROJECT_ROOT)])
    assert result.exit_code == 0
    assert "warning" not in result.output


def test_validate_warns_and_fix_repairs(content_tree: ContentTree) -> None:
    content_tree.replace(FR_FAQ, QUESTION, QUESTION[:-1] + " ?")
    warned = CliRunner().invoke(main, ["validate", "--root", str(content_tree.root)])
    assert warned.exit_code == 0
    assert (
        f"warning: locales/fr-CA/faqs/side-effects.yaml:3:{len('question: ' + QUESTION)}: "
        "[question] no space before ; ! or ?" in warned.output
    )
    fixed = CliRunner().invoke(main, ["validate", "--root", str(content_tree.root), "--fix"])
    assert fixed.exit_code == 0
    assert "Applied 1 typography fix." in fixed.output
    assert f"question: {QUESTION}\n" in content_tree.read(FR_FAQ)


@pytest.mark.parametrize(
    ("answer", "message", "fixed"),
    [
        ("symptoms — often", "em dashes are closed", "symptoms—often"),
        ("symptoms - often", "a dash between words", "symptoms—often"),
        ("it's", "typographic apostrophe", f"it{APOSTROPHE}s"),
        ("about 30 % of people", "no space before %", "about 30% of people"),
        ("Really ?", "no space before ; : ! or ?", "Really?"),
        ('a "quick" relief', "curly quotation marks", "a “quick” relief"),
    ],
)
def test_english_has_its_own_house_rules(
    content_tree: ContentTree, answer: str, message: str, fixed: str
) -> None:
    relative = "locales/en-CA/faqs/side-effects.yaml"
    path = write_answer(content_tree, f"answer: |\n  {answer}\n", relative)
    [finding] = check_file(path, Path(relative), ENGLISH)
    assert message in finding.message
    assert fix_file(path, Path(relative), ENGLISH) == 1
    assert f"answer: |\n  {fixed}\nseo:" in content_tree.read(relative)
    assert check_file(path, Path(relative), ENGLISH) == []


def test_french_rules_do_not_apply_to_english(content_tree: ContentTree) -> None:
    relative = "locales/en-CA/faqs/side-effects.yaml"
    path = write_answer(content_tree, "answer: |\n  Note: 30% of 3,000 people—often.\n", relative)
    assert check_file(path, Path(relative), ENGLISH) == []


def test_a_dash_starting_a_line_is_reported_for_a_human(content_tree: ContentTree) -> None:
    path = write_answer(content_tree, "answer: |\n  rapide\n  — souvent\n")
    [finding] = check_file(path, Path(FR_FAQ))
    assert "a line starts with an em dash" in finding.message
    assert not finding.fixable


def test_a_narrow_no_break_space_survives_fix(content_tree: ContentTree) -> None:
    answer = f"answer: |\n  Note{NARROW_NBSP}: «{NARROW_NBSP}bien{NARROW_NBSP}» Vraiment ?\n"
    path = write_answer(content_tree, answer)
    assert fix_file(path, Path(FR_FAQ)) == 1
    assert f"Note{NARROW_NBSP}: «{NARROW_NBSP}bien{NARROW_NBSP}» Vraiment?\n" in content_tree.read(
        FR_FAQ
    )


def test_a_wording_the_glossary_avoids_is_reported_with_the_preferred_one(
    content_tree: ContentTree,
) -> None:
    snapshot = content_tree.load()
    checks = TextChecks("fr-CA", snapshot.glossary)
    # Found whatever the case and the line wrapping; never fixed (the sentence may change).
    path = write_answer(content_tree, "answer: |\n  Sous Supervision\n  médicale, en tout temps.\n")
    [finding] = check_file(path, Path(FR_FAQ), checks)
    assert finding.message == (
        "glossary: avoid 'supervision médicale', write 'surveillance médicale' "
        "(term medical-monitoring)"
    )
    assert (finding.line, finding.column, finding.fixable) == (5, 8, False)
    # The same wording in English is not French's concern.
    assert check_file(path, Path(FR_FAQ), TextChecks("en-CA", snapshot.glossary)) == []


def test_seo_fields_too_long_or_missing_are_reported(content_tree: ContentTree) -> None:
    text = content_tree.read(FR_FAQ)
    seo_start = text.index("seo:")
    content_tree.write(FR_FAQ, text[:seo_start] + "seo:\n  title: " + "Kétamine " * 8 + "fin\n")
    findings = check_file(content_tree.path(FR_FAQ), Path(FR_FAQ))
    assert [(finding.field, finding.message) for finding in findings] == [
        ("seo.description", "missing: search engines will show text of their own choosing"),
        ("seo.title", "75 characters: search results show about 60; shorten it"),
    ]


@pytest.mark.parametrize(
    ("wording", "preferred"),
    [
        ("les antidépresseurs standards", "antidépresseurs classiques"),
        ("une révision médicale", "validation médicale"),
    ],
)
def test_the_review_s_terms_are_in_the_glossary(
    content_tree: ContentTree, wording: str, preferred: str
) -> None:
    checks = TextChecks("fr-CA", content_tree.load().glossary)
    path = write_answer(content_tree, f"answer: |\n  Selon {wording}.\n")
    [finding] = check_file(path, Path(FR_FAQ), checks)
    assert f"write {preferred!r}" in finding.message
