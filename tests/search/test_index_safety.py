"""An index that is checked, not trusted: manifests, private copies, repair, clean-up, pruning.

The damage is done as an operator's disk or an interrupted build would do it: a
segment truncated, a vocabulary or TOC file garbled, a manifest missing, a staging
folder left behind. A file changed under a running server is tried on a real
``content-api serve`` process, since what it used to do was kill the process.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from api.app import create_app
from api.cli import main
from api.content import ContentSnapshot, ContentType
from api.search import (
    IndexDamaged,
    IndexNotBuilt,
    IndexState,
    SearchRequest,
    build_index,
    check_version,
    ensure_index,
    open_index,
    prune,
    update_items,
)
from api.search.lifecycle import remove_abandoned_staging
from api.search.manifest import MANIFEST_FILE, IndexOutdated, indexing_code
from api.search.storage import PRIVATE_COPY_PREFIX
from tests.api.conftest import ApiClient
from tests.api.servers import server_process
from tests.conftest import PROJECT_ROOT, ContentTree, settings_for

MakeClient = Callable[..., ApiClient]


@pytest.fixture
def make_client(tmp_path: Path) -> MakeClient:
    """An app over a content tree, its index in one folder for every app of the test."""

    def make(tree: ContentTree, **overrides: Any) -> ApiClient:
        settings = replace(settings_for(tree.root, tmp_path / "search_index"), **overrides)
        return ApiClient(create_app(settings))

    return make


SEARCH = '{ search(query: "kétamine", locale: "fr-CA") { totalCount } }'


def largest_segment(version_folder: Path, locale: str = "fr-CA") -> Path:
    return max((version_folder / locale).glob("*.seg"), key=lambda path: path.stat().st_size)


def truncate(path: Path) -> None:
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 3)


def total(index_root: Path, snapshot: ContentSnapshot) -> int:
    with open_index(index_root, snapshot) as index:
        return index.search(SearchRequest("kétamine", "fr-CA")).total


def test_a_build_records_every_file_with_its_size_and_checksum(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    folder = build_index(shipped_content, tmp_path / "index")

    manifest = json.loads((folder / MANIFEST_FILE).read_text())

    on_disk = {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and path.name != MANIFEST_FILE
    }
    assert manifest["version"] == shipped_content.version
    assert {name: entry["size"] for name, entry in manifest["files"].items()} == on_disk
    assert any(name.endswith("vocabulary.json") for name in on_disk)
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())


@pytest.mark.parametrize(
    "damage",
    ["truncated-segment", "missing-segment", "garbled-vocabulary", "garbled-toc", "no-manifest"],
)
def test_damage_is_found_when_the_version_is_checked(
    shipped_content: ContentSnapshot, tmp_path: Path, damage: str
) -> None:
    root = tmp_path / "index"
    folder = build_index(shipped_content, root)
    damage_version(folder, damage)

    with pytest.raises(IndexDamaged):
        check_version(root, shipped_content.version, checksums=True)
    with pytest.raises(IndexDamaged):
        open_index(root, shipped_content)


def damage_version(folder: Path, damage: str) -> None:
    match damage:
        case "truncated-segment":
            truncate(largest_segment(folder))
        case "missing-segment":
            largest_segment(folder).unlink()
        case "garbled-vocabulary":
            vocabulary = folder / "fr-CA" / "vocabulary.json"
            # Same size, different bytes: only the checksum can tell.
            text = vocabulary.read_bytes()
            vocabulary.write_bytes(b"{" * len(text))
        case "garbled-toc":
            toc = next((folder / "en-CA").glob("*.toc"))
            toc.write_bytes(b"\x00" * toc.stat().st_size)
        case "no-manifest":
            (folder / MANIFEST_FILE).unlink()
        case "other-code":
            # As left by a server whose indexing code differs (an upgrade, a rollback).
            manifest = folder / MANIFEST_FILE
            recorded = json.loads(manifest.read_text())
            manifest.write_text(json.dumps({**recorded, "code": "0123456789abcdef"}))


def test_a_damaged_version_is_rebuilt_at_start_when_building_is_allowed(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    build_index(shipped_content, root)
    expected = total(root, shipped_content)
    truncate(largest_segment(root / shipped_content.version))

    state = ensure_index(shipped_content, root, build=True)

    assert state is IndexState.REBUILT
    check_version(root, shipped_content.version, checksums=True)
    assert total(root, shipped_content) == expected > 0


def test_a_version_found_damaged_as_it_is_opened_is_rebuilt(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    settings = client.api.live.settings
    version = client.api.live.current.snapshot.version
    # Same size, other bytes: the start-up check (sizes) passes, the open (checksums) not.
    damage_version(settings.index_dir / version, "garbled-vocabulary")

    again = make_client(content_tree)

    answer = again.data(SEARCH)
    assert answer["search"]["totalCount"] > 0
    check_version(settings.index_dir, version, checksums=True)


def test_with_building_off_a_damaged_or_missing_index_is_refused(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    with pytest.raises(IndexNotBuilt):
        ensure_index(shipped_content, root, build=False)
    build_index(shipped_content, root)
    truncate(largest_segment(root / shipped_content.version))
    with pytest.raises(IndexDamaged):
        ensure_index(shipped_content, root, build=False)


@pytest.mark.parametrize(
    "damage", [None, "truncated-segment", "garbled-toc", "garbled-vocabulary", "other-code"]
)
def test_serve_refuses_a_missing_or_damaged_index_in_one_line(
    content_tree: ContentTree, tmp_path: Path, damage: str | None
) -> None:
    index_dir = tmp_path / "index"
    if damage is not None:
        damage_version(build_index(content_tree.load(), index_dir), damage)
    environment = {
        "CONTENT_API_CONTENT_DIR": str(content_tree.content_dir),
        "CONTENT_API_LOCALES_DIR": str(content_tree.locales_dir),
        "CONTENT_API_INDEX_DIR": str(index_dir),
        "CONTENT_API_BUILD_INDEX": "false",
    }

    result = CliRunner().invoke(main, ["serve", "--port", "0"], env=environment)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = [line for line in result.output.splitlines() if "was not started" in line]
    assert "content-api index" in line
    assert "no index" in line if damage is None else str(index_dir) in line


@pytest.mark.parametrize(
    "damage", ["truncated-segment", "garbled-vocabulary", "no-manifest", "other-code"]
)
def test_the_index_command_rebuilds_a_damaged_version(
    content_tree: ContentTree, damage: str
) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["index", "--root", str(content_tree.root)]).exit_code == 0
    version = content_tree.load().version
    damage_version(content_tree.root / "search_index" / version, damage)

    result = runner.invoke(main, ["index", "--root", str(content_tree.root)])

    assert result.exit_code == 0, result.output
    assert "Rebuilt the damaged search index" in result.output
    check_version(content_tree.root / "search_index", version, checksums=True)


def test_a_file_changed_under_a_running_server_cannot_kill_it(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    with server_process(PROJECT_ROOT, index_dir) as server:

        def search() -> httpx.Response:
            return httpx.post(f"{server.url}/graphql", json={"query": SEARCH}, timeout=10)

        before = search().json()["data"]["search"]["totalCount"]
        [version] = [
            p
            for p in index_dir.iterdir()
            if p.is_dir() and p.name != "snapshots" and not p.name.startswith(".")
        ]
        for segment in [*version.glob("*/*.seg")]:
            truncate(segment)
        after = [search() for _ in range(5)]
        ready = httpx.get(f"{server.url}/readyz", timeout=10)
        alive = server.process.poll() is None

    assert alive, server.output()
    assert [response.status_code for response in after] == [200] * 5
    assert {response.json()["data"]["search"]["totalCount"] for response in after} == {before}
    assert ready.status_code == 200


def test_stale_staging_folders_are_removed_and_live_ones_kept(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    root.mkdir()
    killed = root / f".staging-{shipped_content.version}-killed"
    (killed / "fr-CA").mkdir(parents=True)
    (killed / "fr-CA" / "_MAIN_1.toc").write_bytes(b"half a build")
    # The killed build's lock file is still there, but nobody holds it any more.
    (root / f"{killed.name}.lock").touch()
    running = root / f".staging-{shipped_content.version}-running"
    running.mkdir()
    lock = root / f"{running.name}.lock"
    descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        ensure_index(shipped_content, root, build=True)
        remaining = {path.name for path in root.iterdir()}
    finally:
        os.close(descriptor)

    assert killed.name not in remaining and f"{killed.name}.lock" not in remaining
    assert running.name in remaining
    assert remove_abandoned_staging(root) == [running]


def test_old_versions_are_pruned_but_never_one_a_reader_holds(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    snapshots = []
    for edit in range(5):
        content_tree.replace(
            "locales/en-CA/faqs/side-effects.yaml", "question: ", f"question: {edit} "
        )
        snapshots.append(content_tree.load())
        build_index(snapshots[-1], root)
        os.utime(root / snapshots[-1].version, (1000 + edit, 1000 + edit))
    oldest = snapshots[0]

    with open_index(root, oldest):
        deleted = prune(root, keep=1)
        still_there = (root / oldest.version).is_dir()
    deleted_after = prune(root, keep=1)

    # Served: the last one; kept: the one before it; the oldest was being read.
    assert sorted(deleted) == sorted(s.version for s in snapshots[1:3])
    assert still_there
    assert deleted_after == [oldest.version]
    versions = {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")}
    assert versions == {snapshots[3].version, snapshots[4].version}


def test_readyz_is_not_ready_while_a_locales_index_cannot_serve(
    content_tree: ContentTree, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client(content_tree, operator_token="op")
    operator = {"Authorization": "Bearer op"}
    index = client.api.live.current.search

    def broken(*args: object, **kwargs: object) -> object:
        raise OSError("the disk went away")

    with monkeypatch.context() as patched:
        patched.setattr(type(index._indexes["fr-CA"]), "searcher", broken)
        failed = client.post_query(SEARCH).json()["errors"][0]["extensions"]["code"]
        not_ready = client.get("/readyz")
        details = client.get("/readyz", headers=operator).json()
    client.data(SEARCH)
    ready = client.get("/readyz")

    assert failed == "INTERNAL_SERVER_ERROR"
    assert not_ready.status_code == 503
    assert not_ready.json()["status"] == "not ready"
    assert "disk" not in not_ready.text
    assert "the disk went away" in details["searchIndex"]["unavailableLocales"]["fr-CA"]
    assert ready.status_code == 200


def test_an_index_built_before_manifests_is_rebuilt_once(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    folder = build_index(shipped_content, root)
    (folder / MANIFEST_FILE).unlink()

    assert ensure_index(shipped_content, root, build=True) is IndexState.REBUILT
    assert ensure_index(shipped_content, root, build=True) is IndexState.SOUND


def test_an_index_built_by_other_indexing_code_is_rebuilt_not_served(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    folder = build_index(shipped_content, root)
    damage_version(folder, "other-code")

    with pytest.raises(IndexOutdated, match="another version of the indexing code"):
        check_version(root, shipped_content.version, checksums=False)
    assert ensure_index(shipped_content, root, build=True) is IndexState.REBUILT
    assert json.loads((folder / MANIFEST_FILE).read_text())["code"] == indexing_code()


def test_searches_read_a_private_copy_that_goes_with_the_index(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    build_index(shipped_content, root)
    index = open_index(root, shipped_content)
    copy = index._files.folder
    assert copy.is_dir() and not copy.is_relative_to(root)
    assert sorted(p.name for p in copy.iterdir()) == ["en-CA", "fr-CA"]

    index.close()
    del index
    gc.collect()

    assert not copy.exists()


def test_a_copy_left_by_a_dead_process_is_removed_at_the_next_open(
    shipped_content: ContentSnapshot, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    build_index(shipped_content, root)
    # Above the kernel's largest pid (pid_max is at most 2**22): no process has it.
    orphan = Path(tempfile.gettempdir()) / f"{PRIVATE_COPY_PREFIX}{2**22 + 7}-orphan"
    (orphan / "fr-CA").mkdir(parents=True)

    with open_index(root, shipped_content):
        assert not orphan.exists()


def test_successive_versions_share_their_unchanged_files_in_the_private_copy(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    root = tmp_path / "index"
    old = content_tree.load()
    build_index(old, root)
    content_tree.replace(
        "locales/en-CA/faqs/side-effects.yaml", "question: ", "question: Zygomatiques, "
    )
    new = content_tree.load()
    update_items(new, root, [(ContentType.FAQ, "side-effects")], base_version=old.version)

    with open_index(root, old) as first, open_index(root, new) as second:
        inodes = [
            {path.stat().st_ino for path in index._files.folder.rglob("*") if path.is_file()}
            for index in (first, second)
        ]
        totals = [
            index.search(SearchRequest("zygomatiques", "en-CA")).total for index in (first, second)
        ]

    # The French index did not change at all: its files are the same inodes.
    assert inodes[0] & inodes[1]
    assert totals == [0, 1]


def test_without_a_writable_temporary_folder_the_version_is_read_in_place(
    shipped_content: ContentSnapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "index"
    build_index(shipped_content, root)

    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    with open_index(root, shipped_content) as index:
        assert not index._files.mapped
        assert index.search(SearchRequest("kétamine", "fr-CA")).total > 0
        truncate(largest_segment(root / shipped_content.version))
        # Read in place without mmap: the damage fails the locale's searches, no SIGBUS.
        with pytest.raises(Exception):  # noqa: B017 - Whoosh raises bare Exceptions
            index.search(SearchRequest("kétamine effets", "fr-CA", highlight=True))
        assert "fr-CA" in index.unavailable_locales()


def test_a_server_that_stops_removes_its_private_copy(tmp_path: Path) -> None:
    with server_process(PROJECT_ROOT, tmp_path / "index") as server:
        pattern = f"{PRIVATE_COPY_PREFIX}{server.process.pid}-*"
        copies = list(Path(tempfile.gettempdir()).glob(pattern))

    # uvicorn ends the process by re-raising SIGTERM: no exit hook runs, the lifespan does.
    assert len(copies) == 1
    assert not copies[0].exists()
