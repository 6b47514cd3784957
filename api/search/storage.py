"""How index files are read and held: copied into memory when opened, leased while read.

Whoosh reads segments through ``mmap``; a segment file truncated or rewritten under
a running process then kills it with SIGBUS, at the next search that touches the
lost pages, with no response and no log line. So each locale's files are read once,
checked against the version's manifest, and served from memory (Whoosh's
``RamStorage``): what happens to the files afterwards cannot reach a running
searcher. The cost is measured in docs/search.md (``bench.search``).

Two kinds of lock files, ``flock``-ed, tell other processes what is in use; the
kernel releases them when a process dies, so a crash leaves nothing held:

- ``.readers/<version>``: held shared by every process serving that version, so that
  pruning (``api/search/lifecycle.py``) never deletes a version a live reader uses;
- ``<staging folder>.lock``: held by the build writing that staging folder, so that
  a folder whose build was killed can be told from one still being written.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import Index

from api.search.manifest import IndexDamaged, Manifest

READERS_DIR = ".readers"
LOCK_SUFFIX = ".lock"


def open_in_memory(version_folder: Path, locale: str, manifest: Manifest) -> Index:
    """A locale's index from its files, each checked against the manifest, held in memory."""
    storage = RamStorage()
    storage.files = manifest.read_checked(version_folder, locale)
    try:
        return storage.open_index()
    except Exception as error:  # Whoosh raises whatever its unpickling or parsing meets
        raise IndexDamaged(f"{version_folder / locale} cannot be opened: {error!r}") from None


def open_for_update(folder: Path) -> Index:
    """A locale's index on disk, to write a new version from: read without mmap."""
    return FileStorage(str(folder), supports_mmap=False).open_index()


class ReaderLease:
    """A shared lock on a version, held while a process may read it."""

    def __init__(self, descriptor: int | None) -> None:
        self._descriptor = descriptor

    @classmethod
    def take(cls, index_root: Path, version: str) -> ReaderLease:
        """The lease; a no-op one when the index folder is read-only (nothing prunes it)."""
        path = index_root / READERS_DIR / version
        try:
            path.parent.mkdir(exist_ok=True)
            descriptor = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
        except OSError:
            return cls(None)
        fcntl.flock(descriptor, fcntl.LOCK_SH)
        return cls(descriptor)

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


@contextmanager
def exclusively(lock_file: Path) -> Iterator[bool]:
    """Try to hold ``lock_file`` exclusively: True (held for the block) unless someone
    else holds it; True too when it does not exist (nobody can hold it)."""
    try:
        descriptor = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        yield True
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(descriptor)


def readers_lock(index_root: Path, version: str) -> Path:
    return index_root / READERS_DIR / version


@contextmanager
def building(staging: Path) -> Iterator[None]:
    """Hold the staging folder's lock file while the build writes into it."""
    lock_file = staging_lock(staging)
    descriptor = os.open(lock_file, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        with suppress(FileNotFoundError):
            lock_file.unlink()
        os.close(descriptor)


def staging_lock(staging: Path) -> Path:
    return staging.with_name(staging.name + LOCK_SUFFIX)
