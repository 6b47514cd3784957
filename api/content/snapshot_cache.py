"""Validated snapshots kept on disk, so that a restart on unchanged files skips parsing.

Parsing and validating YAML is pure Python: 10,000 items take about a minute, far
more than a restart or a new worker may take. The files decide the snapshot, so a
digest of every file's path, size and modification time (and of the code, whose
classes are pickled) names a pickle of it. Stat-ing 30,000 files takes a tenth of a
second where reading them took half a second; an edit always changes the size or
the modification time, and a checkout that restores old bytes only costs a miss.

The pickles live in the service's own index folder and are only ever read from
there: pickle must never load files that someone else can write. ``content-api index``
writes them, so that a server started on a read-only tree starts warm; a server only
writes them when it may write (live reload), and a failed write only costs the next
start its speed.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import logging
import os
import pickle
from pathlib import Path
from types import MappingProxyType
from typing import Any

import api
from api.content.loader import load_content
from api.content.snapshot import ContentSnapshot
from api.files.atomic import atomic_writer

logger = logging.getLogger("api.content")

SUFFIX = ".snapshot.pickle"
# Kept after a write: the current snapshot and a few before it, for quick rollbacks.
KEEP = 3


def _mapping_proxy(entries: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(entries)


# The snapshot's read-only mappings; pickle cannot rebuild them by itself.
copyreg.pickle(MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))


def _digest_tree(digest: Any, root: Path, *, by_bytes: bool, suffix: str = "") -> None:
    # os.scandir and plain strings: pathlib in this loop cost more than the stat calls.
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(root / relative) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir():
                pending.append(name)
            elif entry.name.endswith(suffix):
                digest.update(name.encode() + b"\0")
                if by_bytes:
                    with open(entry.path, "rb") as file:  # noqa: PTH123 - see above
                        digest.update(file.read() + b"\0")
                else:
                    stat = entry.stat()
                    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}\0".encode())


def sources_fingerprint(content_dir: Path, locales_dir: Path) -> str:
    """A digest of the files under both folders, and of the code that reads them."""
    digest = hashlib.sha256()
    # The code by its bytes (installing a package resets modification times), and its
    # source files only: compiled ones come and go without the code changing.
    _digest_tree(digest, Path(api.__file__).parent, by_bytes=True, suffix=".py")
    for root in (content_dir, locales_dir):
        digest.update(b"\1")
        _digest_tree(digest, root, by_bytes=False)
    return digest.hexdigest()[:32]


def is_cached(content_dir: Path, locales_dir: Path, cache_dir: Path) -> bool:
    """Whether these exact files were loaded (and so found valid) before."""
    if not (content_dir.is_dir() and locales_dir.is_dir()):
        return False
    return (cache_dir / f"{sources_fingerprint(content_dir, locales_dir)}{SUFFIX}").is_file()


def load_content_cached(
    content_dir: Path, locales_dir: Path, cache_dir: Path, *, keep: bool = True
) -> ContentSnapshot:
    """``load_content``, from the cache when the files are unchanged; raises ContentError.

    A snapshot parsed here is written to the cache only when ``keep`` is true.
    """
    if not (content_dir.is_dir() and locales_dir.is_dir()):
        # The loader names the missing folder.
        return load_content(content_dir, locales_dir)
    fingerprint = sources_fingerprint(content_dir, locales_dir)
    path = cache_dir / f"{fingerprint}{SUFFIX}"
    cached = _read(path)
    if cached is not None:
        return cached
    snapshot = load_content(content_dir, locales_dir)
    if not keep:
        logger.warning(
            "no validated snapshot of these files in %s: the content was parsed in full "
            "(run `content-api index` beforehand to start warm)",
            cache_dir,
        )
    # Written only if nothing changed during the load: the pickle must match its name.
    elif sources_fingerprint(content_dir, locales_dir) == fingerprint:
        _write(path, snapshot)
    return snapshot


def _read(path: Path) -> ContentSnapshot | None:
    # Unpickling 10,000 items set the cycle collector off over and over: 40% faster without.
    gc.disable()
    try:
        with path.open("rb") as file:
            snapshot = pickle.load(file)  # our own file, in our own folder (see above)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged cache is only a slower start
        logger.warning("ignoring the unreadable snapshot cache %s", path, exc_info=True)
        return None
    finally:
        gc.enable()
    return snapshot if isinstance(snapshot, ContentSnapshot) else None


def _write(path: Path, snapshot: ContentSnapshot) -> None:
    try:
        # A reader (another worker starting) sees the whole file or none.
        with atomic_writer(path) as file:
            pickle.dump(snapshot, file, protocol=pickle.HIGHEST_PROTOCOL)
        stale = sorted(path.parent.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime)[:-KEEP]
        for old in stale:
            old.unlink(missing_ok=True)
    except OSError as error:
        # A read-only or full disk: the snapshot is served all the same, only not kept.
        logger.warning("could not keep the validated snapshot in %s: %s", path.parent, error)
