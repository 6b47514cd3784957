"""Building, skipping, switching and incrementally updating versioned indexes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from api.content import ContentSnapshot, ContentType
from api.search import (
    IndexNotBuilt,
    SearchRequest,
    build_index,
    current_version,
    open_index,
    update_items,
)
from tests.conftest import ContentTree

QUESTION = "question: Is ketamine therapy covered by insurance?"


@pytest.fixture
def index_root(tmp_path: Path) -> Path:
    return tmp_path / "search_index"


def _keys(
    index_root: Path, snapshot: ContentSnapshot, text: str, locale: str = "en-CA"
) -> list[str]:
    with open_index(index_root, snapshot) as index:
        return [hit.key for hit in index.search(SearchRequest(text, locale)).hits]


def test_build_writes_one_index_per_locale_and_points_at_it(
    shipped_content: ContentSnapshot, index_root: Path
) -> None:
    built = build_index(shipped_content, index_root)
    assert built == index_root / shipped_content.version
    assert sorted(p.name for p in built.iterdir()) == ["MANIFEST.json", "en-CA", "fr-CA"]
    assert current_version(index_root) == shipped_content.version
    # No staging folder, no pointer temporary, no Whoosh lock file left anywhere.
    assert {p.name for p in index_root.iterdir()} == {"CURRENT", shipped_content.version}
    assert not list(index_root.rglob("*LOCK*"))


def test_an_already_built_version_is_not_rebuilt(
    shipped_content: ContentSnapshot, index_root: Path
) -> None:
    build_index(shipped_content, index_root)
    segment_files = sorted((index_root / shipped_content.version).rglob("*"))
    calls: list[int] = []
    build_index(shipped_content, index_root, progress=lambda done, total: calls.append(done))
    assert calls == []
    assert sorted((index_root / shipped_content.version).rglob("*")) == segment_files


def test_progress_reports_every_document(
    shipped_content: ContentSnapshot, index_root: Path
) -> None:
    reports: list[tuple[int, int]] = []
    build_index(
        shipped_content, index_root, progress=lambda done, total: reports.append((done, total))
    )
    total = reports[-1][1]
    assert [done for done, _ in reports] == list(range(1, total + 1))
    assert total == 2 * 12  # per locale: 5 FAQs, the article and its 6 sections


def test_a_new_version_switches_the_pointer_and_keeps_the_old_one(
    content_tree: ContentTree, index_root: Path
) -> None:
    old = content_tree.load()
    build_index(old, index_root)
    content_tree.replace(
        "locales/en-CA/faqs/insurance-coverage.yaml", QUESTION, "question: Does a plan pay?"
    )
    new = content_tree.load()
    build_index(new, index_root)
    assert current_version(index_root) == new.version != old.version
    assert "insurance-coverage" in _keys(index_root, old, "insurance")
    assert "insurance-coverage" in _keys(index_root, new, "plan")


class Interrupted(Exception):
    pass


def test_an_interrupted_build_leaves_the_previous_index_current(
    content_tree: ContentTree, index_root: Path
) -> None:
    old = content_tree.load()
    build_index(old, index_root)
    content_tree.replace(
        "locales/en-CA/faqs/insurance-coverage.yaml", QUESTION, "question: Does a plan pay?"
    )
    new = content_tree.load()

    def interrupt(done: int, total: int) -> None:
        if done == total - 1:
            raise Interrupted

    with pytest.raises(Interrupted):
        build_index(new, index_root, progress=interrupt)
    assert current_version(index_root) == old.version
    assert {p.name for p in index_root.iterdir()} == {"CURRENT", old.version}
    with pytest.raises(IndexNotBuilt):
        open_index(index_root, new)
    # And the next attempt builds it from scratch.
    build_index(new, index_root)
    assert "insurance-coverage" in _keys(index_root, new, "plan")


def test_incremental_update_reindexes_only_the_changed_item(
    content_tree: ContentTree, index_root: Path
) -> None:
    old = content_tree.load()
    build_index(old, index_root)
    content_tree.replace(
        "locales/en-CA/faqs/insurance-coverage.yaml", QUESTION, "question: Does a plan pay?"
    )
    content_tree.remove("locales/fr-CA/faqs/insurance-coverage.yaml")
    new = content_tree.load()

    updated = update_items(new, index_root, [(ContentType.FAQ, "insurance-coverage")])

    assert updated == index_root / new.version
    assert current_version(index_root) == new.version
    # Then the article, whose French text says "plan" (a cross-language match).
    assert _keys(index_root, new, "plan") == ["insurance-coverage", "ketamine-trd"]
    assert "insurance-coverage" not in _keys(index_root, new, "assurances", "fr-CA")
    with open_index(index_root, new) as index:
        fallback = index.search(SearchRequest("plan pay", "fr-CA")).hits[0]
        assert (fallback.key, fallback.is_fallback) == ("insurance-coverage", True)
        assert index.search(SearchRequest("ketamine", "en-CA")).total == 6
        # The vocabulary follows: new words complete, and correct misspellings.
        assert "plan" in index.suggest("pla", "en-CA")
        assert index.search(SearchRequest("does a plann pay", "en-CA")).suggestion == (
            "does a plan pay"
        )
    # The old version's files are untouched (they are shared by hard links).
    assert "insurance-coverage" in _keys(index_root, old, "insurance")
    assert "insurance-coverage" not in _keys(index_root, old, "plan")
    with open_index(index_root, old) as index:
        assert "plan" not in index.suggest("pla", "en-CA")
    assert not list(index_root.rglob("*LOCK*"))


def test_incremental_update_removes_a_deleted_item(
    content_tree: ContentTree, index_root: Path
) -> None:
    build_index(content_tree.load(), index_root)
    content_tree.replace("content/articles/ketamine-trd.yaml", "  - side-effects\n", "")
    for path in (
        "content/faqs/side-effects.yaml",
        "locales/en-CA/faqs/side-effects.yaml",
        "locales/fr-CA/faqs/side-effects.yaml",
    ):
        content_tree.remove(path)
    new = content_tree.load()
    update_items(new, index_root, [(ContentType.FAQ, "side-effects")])
    assert "side-effects" not in _keys(index_root, new, "side effects")


def test_open_index_refuses_an_unbuilt_version(
    shipped_content: ContentSnapshot, index_root: Path
) -> None:
    with pytest.raises(IndexNotBuilt, match="content-api index"):
        open_index(index_root, shipped_content)


def test_concurrent_searches_agree(shipped_content: ContentSnapshot, index_root: Path) -> None:
    build_index(shipped_content, index_root)
    queries = ["ketamine", "effets secondaires", "TRD", "insurence", "dépression"]
    with open_index(index_root, shipped_content) as index:

        def run() -> list[list[str]]:
            return [
                [hit.key for hit in index.search(SearchRequest(text, locale)).hits]
                for text in queries
                for locale in ("en-CA", "fr-CA")
            ]

        expected = run()
        outcomes: list[list[list[str]]] = []
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                for _ in range(5):
                    outcomes.append(run())
            except BaseException as error:  # report failures in threads to the test
                errors.append(error)

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(outcomes) == 30
    assert all(outcome == expected for outcome in outcomes)
