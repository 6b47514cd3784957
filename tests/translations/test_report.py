"""``content-api translations status``: states per item and field, with source diffs."""

from __future__ import annotations

import json

from click.testing import CliRunner, Result

from api.cli import main
from tests.conftest import PROJECT_ROOT, ContentTree
from tests.translations.conftest import commit_all

EN_FAQ = "locales/en-CA/faqs/side-effects.yaml"
FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"


def status(tree: ContentTree, *options: str) -> Result:
    return CliRunner().invoke(main, ["translations", "status", "--root", str(tree.root), *options])


def test_shipped_translations_are_all_current() -> None:
    result = CliRunner().invoke(
        main, ["translations", "status", "--root", str(PROJECT_ROOT), "--check"]
    )
    assert result.exit_code == 0, result.output
    assert "fr-CA: items 6 CURRENT, 0 STALE, 0 MISSING" in result.output


def test_stale_field_shows_a_word_diff_of_its_source(git_tree: ContentTree) -> None:
    git_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    commit_all(git_tree, "reword the answer")

    result = status(git_tree, "--locale", "fr-CA")
    assert result.exit_code == 0
    assert "STALE    faq side-effects" in result.output
    assert "usually [-temporary.-]{+brief.+}" in result.output

    report = json.loads(status(git_tree, "--locale", "fr-CA", "--format", "json").output)
    fr = report["locales"]["fr-CA"]
    assert fr["totals"]["items"] == {"CURRENT": 5, "STALE": 1, "MISSING": 0}
    [item] = [item for item in fr["items"] if item["key"] == "side-effects"]
    fields = {field["name"]: field for field in item["fields"]}
    # Only the answer's source changed: the question is still current.
    assert fields["question"]["state"] == "CURRENT"
    assert fields["answer"]["state"] == "STALE"
    assert {"change": "delete", "text": "temporary.\n"} in fields["answer"]["diff"]
    assert {"change": "insert", "text": "brief.\n"} in fields["answer"]["diff"]


def test_uncommitted_history_still_reports_stale_without_a_diff(content_tree: ContentTree) -> None:
    content_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    result = status(content_tree, "--format", "json")
    [item] = [
        item
        for item in json.loads(result.output)["locales"]["fr-CA"]["items"]
        if item["key"] == "side-effects"
    ]
    assert item["state"] == "STALE"
    assert item["previous_source_found"] is False
    assert {field["state"] for field in item["fields"]} == {"STALE"}
    assert "not in git history" in status(content_tree).output


def test_missing_translation_and_check_flag(content_tree: ContentTree) -> None:
    content_tree.remove(FR_FAQ)
    result = status(content_tree, "--check")
    assert result.exit_code == 1
    assert "MISSING  faq side-effects" in result.output
    assert "MISSING  question" in result.output


def test_unknown_locale_is_a_usage_error(content_tree: ContentTree) -> None:
    result = status(content_tree, "--locale", "de-DE")
    assert result.exit_code == 2
    assert "de-DE is not enabled (en-CA, fr-CA)" in result.output
