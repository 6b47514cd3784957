"""Index versions on disk over time: checked at start, repaired, cleaned up, pruned.

``builder.py`` makes versions; this module decides what to do with those found under
the index root:

- the version the content needs is checked against its manifest; a damaged one is
  moved aside and rebuilt when building is allowed, and refused otherwise;
- staging folders left by killed builds (their lock file free) are removed;
- versions other than the one served beyond ``CONTENT_API_INDEX_VERSIONS_KEPT`` (the
  most recent first) are deleted, unless a live process holds their reader lease.
"""

from __future__ import annotations

import logging
import shutil
import time
import uuid
from enum import StrEnum
from pathlib import Path

from api.content import ContentSnapshot
from api.search.builder import (
    CURRENT_FILE,
    STAGING_PREFIX,
    IndexNotBuilt,
    Progress,
    build_index,
    current_version,
    is_built,
    version_dir,
)
from api.search.manifest import IndexDamaged, Manifest
from api.search.searcher import SearchIndex, open_index
from api.search.storage import READERS_DIR, exclusively, readers_lock, staging_lock
from api.settings import Settings

logger = logging.getLogger("api.search")

# Names under the index root that are not index versions.
_NOT_VERSIONS = frozenset({"snapshots", READERS_DIR, CURRENT_FILE})
DISCARDED_PREFIX = ".discarded-"
# A staging folder without a lock file is a build killed between mkdtemp and the lock,
# or one being renamed right now: only one older than this is taken for abandoned.
ABANDONED_AFTER_SECONDS = 3600.0


class IndexState(StrEnum):
    """What ``ensure_index`` found."""

    SOUND = "sound"  # built, and its files match the manifest
    BUILT = "built"  # missing, now built
    REBUILT = "rebuilt"  # damaged, now built again


def check_version(index_root: Path, version: str, *, checksums: bool) -> None:
    """Raise IndexNotBuilt or IndexDamaged unless the version's files match its manifest.

    Without ``checksums``, sizes only (stat calls): opening checks every byte anyway.
    """
    folder = version_dir(index_root, version)
    if not is_built(index_root, version):
        raise IndexNotBuilt(
            f"no index for content version {version} in {index_root}; run `content-api index`"
        )
    manifest = Manifest.read(folder)
    if checksums:
        manifest.verify(folder)
    else:
        manifest.check_sizes(folder)


def ensure_index(
    snapshot: ContentSnapshot,
    index_root: Path,
    *,
    build: bool,
    checksums: bool = False,
    keep: int | None = None,
    progress: Progress | None = None,
) -> IndexState:
    """Make sure the snapshot's version is built and sound, building it if need be.

    A missing or damaged version is built when ``build`` is on; otherwise IndexNotBuilt
    or IndexDamaged says why, in one line. Cleans abandoned staging folders, and prunes
    to ``keep`` older versions when given.
    """
    remove_abandoned_staging(index_root)
    version = snapshot.version
    state = IndexState.SOUND
    try:
        check_version(index_root, version, checksums=checksums)
    except IndexNotBuilt:
        if not build:
            raise
        logger.info("building the search index for content version %s", version)
        build_index(snapshot, index_root, progress)
        state = IndexState.BUILT
    except IndexDamaged as damage:
        if not build:
            raise IndexDamaged(f"{damage}; run `content-api index` to rebuild it") from None
        logger.warning("the search index %s is damaged (%s); rebuilding it", version, damage)
        discard(index_root, version)
        build_index(snapshot, index_root, progress)
        state = IndexState.REBUILT
    if keep is not None:
        prune(index_root, keep)
    return state


def open_checked(snapshot: ContentSnapshot, settings: Settings) -> SearchIndex:
    """``open_index``; a version found damaged as it is read is rebuilt, if building is on."""
    try:
        return open_index(settings.index_dir, snapshot, settings)
    except IndexDamaged as damage:
        if not settings.build_index:
            raise IndexDamaged(f"{damage}; run `content-api index` to rebuild it") from None
        logger.warning(
            "the search index %s is damaged (%s); rebuilding it", snapshot.version, damage
        )
        discard(settings.index_dir, snapshot.version)
        build_index(snapshot, settings.index_dir)
        return open_index(settings.index_dir, snapshot, settings)


def discard(index_root: Path, version: str) -> None:
    """Move a version out of readers' way at once (a rename), then delete it."""
    folder = version_dir(index_root, version)
    aside = index_root / f"{DISCARDED_PREFIX}{version}-{uuid.uuid4().hex[:8]}"
    try:
        folder.replace(aside)
    except FileNotFoundError:
        return
    shutil.rmtree(aside, ignore_errors=True)


def remove_abandoned_staging(index_root: Path) -> list[Path]:
    """Delete staging folders whose build is gone (and folders discarded earlier).

    Clean-up is never a reason not to serve: on a read-only folder it only warns.
    """
    try:
        return _remove_abandoned_staging(index_root)
    except OSError as error:
        logger.warning("could not remove abandoned index builds: %s", error)
        return []


def _remove_abandoned_staging(index_root: Path) -> list[Path]:
    removed: list[Path] = []
    if not index_root.is_dir():
        return removed
    now = time.time()
    for entry in index_root.iterdir():
        if entry.name.startswith(DISCARDED_PREFIX) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
            continue
        if not entry.name.startswith(STAGING_PREFIX) or not entry.is_dir():
            continue
        lock_file = staging_lock(entry)
        if not lock_file.exists() and now - entry.stat().st_mtime < ABANDONED_AFTER_SECONDS:
            continue
        with exclusively(lock_file) as abandoned:
            if abandoned:
                shutil.rmtree(entry, ignore_errors=True)
                lock_file.unlink(missing_ok=True)
                removed.append(entry)
    if removed:
        logger.info("removed %d abandoned index build folder(s)", len(removed))
    return removed


def prune(index_root: Path, keep: int) -> list[str]:
    """Delete versions beyond the served one and the ``keep`` most recent others.

    A version some process still reads (its reader lease held) is kept. On a
    read-only folder it only warns.
    """
    try:
        return _prune(index_root, keep)
    except OSError as error:
        logger.warning("could not prune old index versions: %s", error)
        return []


def _prune(index_root: Path, keep: int) -> list[str]:
    serving = current_version(index_root)
    versions = sorted(
        (
            entry
            for entry in index_root.iterdir()
            if entry.is_dir() and not entry.name.startswith(".") and entry.name not in _NOT_VERSIONS
        ),
        key=lambda entry: entry.stat().st_mtime_ns,
        reverse=True,
    )
    others = [entry.name for entry in versions if entry.name != serving]
    deleted = []
    for version in others[keep:]:
        lease = readers_lock(index_root, version)
        with exclusively(lease) as unread:
            if not unread:
                continue
            discard(index_root, version)
            lease.unlink(missing_ok=True)
            deleted.append(version)
    if deleted:
        logger.info("pruned %d old index version(s): %s", len(deleted), ", ".join(deleted))
    return deleted
