"""How index files are read and held: a private copy per process, leased while read.

Whoosh reads segments through ``mmap``; a segment file truncated or rewritten under
a running process then killed it with SIGBUS, at the next search that touched the
lost pages, with no response and no log line. So opening a version copies its files,
each checked against the version's manifest as it is read, into a folder of the
process's own under the temporary directory, and Whoosh maps the copy: nothing done
to the index folder afterwards (a rebuild, a sync, a careless ``truncate``) reaches a
running searcher, and searching costs what it did. The copy goes when the version is
no longer referenced, or, after a crash, at the next open by any process (its owner's
pid is gone). docs/search.md has the measurements behind this choice, against
holding the files in memory and reading them without mmap (``bench.index_storage``).

Two kinds of lock files, ``flock``-ed, tell other processes what is in use; the
kernel releases them when a process dies, so a crash leaves nothing held:

- ``.readers/<version>``: held shared by every process serving that version, so that
  pruning (``api/search/lifecycle.py``) never deletes a version a live reader uses;
- ``<staging folder>.lock``: held by the build writing that staging folder, so that
  a folder whose build was killed can be told from one still being written.
"""

from __future__ import annotations

import fcntl
import logging
import multiprocessing.util
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from api.search.manifest import IndexDamaged, Manifest

logger = logging.getLogger("api.search")

READERS_DIR = ".readers"
LOCK_SUFFIX = ".lock"


# Under the temporary directory: content-api-index-<pid>-<random>/<locale>/...
PRIVATE_COPY_PREFIX = "content-api-index-"


class PrivateCopy:
    """A version's files, checked and copied to a folder only this process uses.

    Where no temporary folder can be written, the version's own folder is read in
    place, without mmap (``mapped`` False): a file damaged under it then fails its
    locale's searches (``/readyz`` says so) rather than killing the process.
    """

    def __init__(self, folder: Path, *, mapped: bool = True) -> None:
        self.folder = folder
        self.mapped = mapped
        # Removed once nothing refers to the copy (requests still finishing on an old
        # version keep it), when the app shuts down (``remove``), and otherwise at exit:
        # multiprocessing's finalizer also runs in worker processes, which skip atexit.
        self._finalizer = (
            multiprocessing.util.Finalize(
                self, shutil.rmtree, args=(str(folder), True), exitpriority=0
            )
            if mapped
            else None
        )

    @classmethod
    def of(cls, version_folder: Path, manifest: Manifest, locales: Iterable[str]) -> PrivateCopy:
        """Copy each locale's files, checked against the manifest; raises IndexDamaged."""
        remove_orphaned_copies()
        for sha256, earlier in list(_COPIED.items()):
            if not earlier.exists():
                del _COPIED[sha256]
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{PRIVATE_COPY_PREFIX}{os.getpid()}-"))
        except OSError as error:
            logger.warning("no private copy of the index (%s); reading it in place", error)
            for locale in locales:
                manifest.read_checked(version_folder, locale)
            return cls(version_folder, mapped=False)
        copy = cls(folder)
        for locale in locales:
            # One locale at a time: at most one locale's bytes are in memory at once.
            for relative, data in manifest.read_checked(version_folder, locale).items():
                target = folder / locale / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                _place(target, data, manifest.files[f"{locale}/{relative}"].sha256)
        return copy

    def remove(self) -> None:
        if self._finalizer is not None:
            self._finalizer()

    def open(self, locale: str) -> Index:
        try:
            storage = FileStorage(
                str(self.folder / locale), supports_mmap=self.mapped, readonly=True
            )
            return storage.open_index()
        except Exception as error:  # Whoosh raises whatever its unpickling or parsing meets
            raise IndexDamaged(f"the index of {locale} cannot be opened: {error!r}") from None


# Files of this process's live copies by checksum: a new version made by an incremental
# update shares most segment files with the one before, and a hard link to the copy
# already made costs no disk space. Only this process writes there, so sharing is safe.
_COPIED: dict[str, Path] = {}


def _place(target: Path, data: bytes, sha256: str) -> None:
    earlier = _COPIED.get(sha256)
    if earlier is not None:
        try:
            os.link(earlier, target)
            return
        except OSError:  # that copy is gone (its version was closed)
            del _COPIED[sha256]
    target.write_bytes(data)
    _COPIED[sha256] = target


def remove_orphaned_copies() -> None:
    """Delete private copies whose process is gone (killed before it could clean up)."""
    for entry in Path(tempfile.gettempdir()).glob(f"{PRIVATE_COPY_PREFIX}*"):
        owner = entry.name.removeprefix(PRIVATE_COPY_PREFIX).partition("-")[0]
        if owner.isdigit() and not _is_alive(int(owner)):
            shutil.rmtree(entry, ignore_errors=True)


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


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
