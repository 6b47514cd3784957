"""OQLF typography checks on French locale files, and the safe fixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.content.typography import NBSP, check_file, fix_file
from tests.conftest import PROJECT_ROOT, ContentTree

FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
QUESTION = "Quels sont les effets secondaires du traitement par kétamine?"


def write_answer(tree: ContentTree, answer_yaml: str) -> Path:
    """Replace the FAQ's answer block with ``answer_yaml`` (already YAML)."""
    text = tree.read(FR_FAQ)
    tree.write(FR_FAQ, text[: text.index("answer:")] + answer_yaml)
    return tree.path(FR_FAQ)


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
    assert content_tree.read(FR_FAQ).endswith(f"answer: |\n  {fixed}\n")
    assert check_file(path, Path(FR_FAQ)) == []
    content_tree.load()  # still valid content


def test_correct_french_has_no_findings_and_fix_changes_no_byte(content_tree: ContentTree) -> None:
    answer = (
        f"answer: |\n  Oui; non! Note{NBSP}: «{NBSP}bien{NBSP}» à 10:30 sur https://x.ca?q=1…\n"
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
    content_tree.replace(FR_FAQ, "\nquestion:", "\nseo:\n  title: Effets secondaires\nquestion:")
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
        "warning: locales/fr-CA/faqs/side-effects.yaml:3:71: [question] no space before ; ! or ?"
        in warned.output
    )
    fixed = CliRunner().invoke(main, ["validate", "--root", str(content_tree.root), "--fix"])
    assert fixed.exit_code == 0
    assert "Applied 1 typography fix." in fixed.output
    assert f"question: {QUESTION}\n" in content_tree.read(FR_FAQ)
