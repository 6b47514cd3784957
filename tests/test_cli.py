"""The ``content-api validate`` command, as a translator or a CI job runs it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from api.cli import main
from tests.conftest import PROJECT_ROOT, ContentTree


def test_validate_prints_a_summary_of_the_shipped_content() -> None:
    result = CliRunner().invoke(main, ["validate", "--root", str(PROJECT_ROOT)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output
    assert "1 article(s), 5 FAQ(s)" in result.output
    assert "faq      fr-CA          5        0        0" in result.output


def test_validate_json_summary() -> None:
    result = CliRunner().invoke(main, ["validate", "--root", str(PROJECT_ROOT), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["valid"] is True
    assert report["counts"] == {"article": 1, "faq": 5, "notice": 1}
    assert report["translation_states"]["faq"]["fr-CA"] == {"CURRENT": 5, "STALE": 0, "MISSING": 0}


def test_validate_reports_file_line_and_field_and_fails(content_tree: ContentTree) -> None:
    content_tree.replace("locales/fr-CA/articles/ketamine-trd.yaml", "\ntitle:", "\ntitel:")
    result = CliRunner().invoke(main, ["validate", "--root", str(content_tree.root)])
    assert result.exit_code == 1
    assert (
        "locales/fr-CA/articles/ketamine-trd.yaml:3:1: [titel] unknown field 'titel'"
        in result.output
    )
    assert "1 problem found." in result.output


def test_validate_json_problems(content_tree: ContentTree) -> None:
    content_tree.replace("content/faqs/side-effects.yaml", "order: 3", "order: -1")
    result = CliRunner().invoke(
        main, ["validate", "--root", str(content_tree.root), "--format", "json"]
    )
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    [problem] = report["problems"]
    assert problem["file"] == "content/faqs/side-effects.yaml"
    assert problem["field"] == "order"
    assert problem["line"] == 6


def test_validate_separate_content_and_locales_folders(content_tree: ContentTree) -> None:
    result = CliRunner().invoke(
        main,
        [
            "validate",
            "--content-dir",
            str(content_tree.content_dir),
            "--locales-dir",
            str(content_tree.locales_dir),
        ],
    )
    assert result.exit_code == 0, result.output


def test_validate_a_missing_folder(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["validate", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "folder does not exist" in result.output
