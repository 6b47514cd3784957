"""The on-disk snapshot cache: hits on unchanged files, misses on any change, never wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.content import ContentError, ContentSnapshot, snapshot_cache
from api.content.snapshot_cache import SUFFIX, is_cached, load_content_cached
from tests.conftest import ContentTree


def load(tree: ContentTree, cache: Path) -> ContentSnapshot:
    return load_content_cached(tree.root / "content", tree.root / "locales", cache)


def test_unchanged_files_are_not_parsed_again(
    content_tree: ContentTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(content_tree, tmp_path)
    assert is_cached(content_tree.root / "content", content_tree.root / "locales", tmp_path)

    def refuse(*_: object) -> None:
        raise AssertionError("the files were parsed again")

    monkeypatch.setattr(snapshot_cache, "load_content", refuse)
    second = load(content_tree, tmp_path)

    assert second == first
    assert second.version == first.version
    assert second.faqs.keys() == first.faqs.keys()


def test_any_edit_misses_the_cache(content_tree: ContentTree, tmp_path: Path) -> None:
    first = load(content_tree, tmp_path)
    path = content_tree.root / "locales" / "fr-CA" / "faqs" / "side-effects.yaml"
    path.write_text(path.read_text().replace("question: ", "question: Vraiment, ", 1))

    second = load(content_tree, tmp_path)

    assert second.version != first.version
    assert len(list(tmp_path.glob(f"*{SUFFIX}"))) == 2


def test_invalid_content_is_never_cached(content_tree: ContentTree, tmp_path: Path) -> None:
    path = content_tree.root / "content" / "faqs" / "side-effects.yaml"
    path.write_text(path.read_text() + "unknown_field: 1\n")

    with pytest.raises(ContentError):
        load(content_tree, tmp_path)
    assert not list(tmp_path.glob(f"*{SUFFIX}"))


def test_a_damaged_cache_file_is_ignored(content_tree: ContentTree, tmp_path: Path) -> None:
    first = load(content_tree, tmp_path)
    [cached] = tmp_path.glob(f"*{SUFFIX}")
    cached.write_bytes(b"not a pickle")

    assert load(content_tree, tmp_path) == first


def test_a_cache_that_cannot_be_written_is_a_warning(
    content_tree: ContentTree, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be")

    snapshot = load(content_tree, not_a_folder)

    assert snapshot.faqs
    assert "could not keep the validated snapshot" in caplog.text


def test_a_cache_not_kept_is_not_written(content_tree: ContentTree, tmp_path: Path) -> None:
    load_content_cached(
        content_tree.root / "content", content_tree.root / "locales", tmp_path, keep=False
    )

    assert not list(tmp_path.glob(f"*{SUFFIX}"))
