"""``content-api index``: builds, reports, skips and refuses invalid content."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from api.search import current_version
from tests.conftest import ContentTree


def test_index_builds_then_reports_up_to_date(content_tree: ContentTree) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["index", "--root", str(content_tree.root)])
    assert first.exit_code == 0, first.output
    version = content_tree.load().version
    assert f"Built search index for content version {version}: 24 documents" in first.output
    assert current_version(content_tree.root / "search_index") == version

    second = runner.invoke(main, ["index", "--root", str(content_tree.root)])
    assert second.exit_code == 0, second.output
    assert "is up to date" in second.output


def test_index_dir_option_chooses_where(content_tree: ContentTree) -> None:
    target = content_tree.root / "elsewhere"
    result = CliRunner().invoke(
        main, ["index", "--root", str(content_tree.root), "--index-dir", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert current_version(target) == content_tree.load().version
    assert not (content_tree.root / "search_index").exists()


def test_invalid_content_is_not_indexed(content_tree: ContentTree) -> None:
    content_tree.replace("content/faqs/side-effects.yaml", "status: published", "status: maybe")
    result = CliRunner().invoke(main, ["index", "--root", str(content_tree.root)])
    assert result.exit_code == 1
    assert "side-effects.yaml" in result.output
    assert "not built" in result.output
    assert not (content_tree.root / "search_index").exists()


def test_index_reads_the_same_settings_as_the_server(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    target = tmp_path / "configured-index"
    environment = {
        "CONTENT_API_CONTENT_DIR": str(content_tree.content_dir),
        "CONTENT_API_LOCALES_DIR": str(content_tree.locales_dir),
        "CONTENT_API_INDEX_DIR": str(target),
    }

    result = CliRunner().invoke(main, ["index"], env=environment)

    assert result.exit_code == 0, result.output
    assert current_version(target) == content_tree.load().version


def test_a_bad_setting_is_a_usage_error_naming_it(content_tree: ContentTree) -> None:
    result = CliRunner().invoke(
        main,
        ["index", "--root", str(content_tree.root)],
        env={"CONTENT_API_MAX_SEARCH_TERMS": "many"},
    )

    assert result.exit_code == 2
    assert "CONTENT_API_MAX_SEARCH_TERMS" in result.output
