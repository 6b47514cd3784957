"""Each built index version's manifest: every file, its size and SHA-256, checked, not trusted.

Written into the staging folder once a build is complete, before it is published, so
a version folder without a manifest is one nobody finished (or one from before
manifests: rebuilt once). Opening a version reads each file once, checks it against
its record, and serves the bytes read (``api/search/storage.py``); the start-up check
compares sizes, and ``content-api index`` the checksums too. A file missing, added,
truncated or changed makes the version damaged, which is refused rather than served.

A manifest also records a fingerprint of the code that decides what an index holds
(``api/search`` and ``api/content``). Versions are named by the content alone, so
without it a server upgraded to new indexing code would open the old code's index
for the same content and serve it silently, without what the new code indexes. A
version built by other code is refused as outdated, and rebuilt like a damaged one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import api.content
import api.search
from api.files.atomic import write_atomically

MANIFEST_FILE = "MANIFEST.json"
# 2: the manifest records the indexing code's fingerprint.
MANIFEST_FORMAT = 2


class IndexDamaged(RuntimeError):
    """An index version whose files are not those its manifest records (or has none)."""


class IndexOutdated(IndexDamaged):
    """An index version built by other indexing code than this server's."""


@cache
def indexing_code() -> str:
    """A digest of the source of the packages that decide what an index holds."""
    digest = hashlib.sha256()
    for package in (api.content, api.search):
        root = Path(str(package.__file__)).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.relative_to(root.parent).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class FileRecord:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    version: str
    # Paths relative to the version folder ("fr-CA/_MAIN_1.toc"), POSIX style.
    files: Mapping[str, FileRecord]

    @classmethod
    def of_folder(cls, folder: Path, version: str) -> Manifest:
        """The manifest of a complete build, from the files as they are now."""
        files = {
            relative: FileRecord(len(data), hashlib.sha256(data).hexdigest())
            for relative, data in _read_files(folder)
        }
        return cls(version, files)

    def write(self, folder: Path) -> None:
        entries = {name: {"size": r.size, "sha256": r.sha256} for name, r in self.files.items()}
        text = json.dumps(
            {
                "format": MANIFEST_FORMAT,
                "code": indexing_code(),
                "version": self.version,
                "files": entries,
            },
            indent=1,
            sort_keys=True,
        )
        write_atomically(folder / MANIFEST_FILE, text + "\n")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The folder's manifest; raises IndexDamaged when it is missing or unreadable."""
        path = folder / MANIFEST_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            files = {
                str(name): FileRecord(int(entry["size"]), str(entry["sha256"]))
                for name, entry in raw["files"].items()
            }
            if raw.get("format") != MANIFEST_FORMAT or raw.get("code") != indexing_code():
                raise IndexOutdated(f"{folder} was built by another version of the indexing code")
            return cls(str(raw["version"]), files)
        except FileNotFoundError:
            raise IndexDamaged(
                f"{folder} has no {MANIFEST_FILE}: its build never finished"
            ) from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise IndexDamaged(f"{path} is unreadable: {error}") from None

    def check_sizes(self, folder: Path) -> None:
        """Every recorded file present with its size, and no other: stat calls only."""
        present = dict(_file_sizes(folder))
        self._check_names(folder, set(present))
        for relative, record in self.files.items():
            if present[relative] != record.size:
                raise IndexDamaged(
                    f"{folder / relative} is {present[relative]} bytes; "
                    f"the manifest says {record.size}"
                )

    def read_checked(self, folder: Path, under: str = "") -> dict[str, bytes]:
        """The bytes of every recorded file (below ``under``, by name there), each checked."""
        prefix = f"{under}/" if under else ""
        wanted = {name for name in self.files if name.startswith(prefix)}
        found: dict[str, bytes] = {}
        for relative, data in _read_files(folder / under if under else folder):
            name = prefix + relative
            if name not in wanted:
                raise IndexDamaged(f"{folder / name} is not in the manifest")
            record = self.files[name]
            if len(data) != record.size or hashlib.sha256(data).hexdigest() != record.sha256:
                raise IndexDamaged(
                    f"{folder / name} does not match its checksum ({len(data)} bytes, "
                    f"the manifest says {record.size})"
                )
            found[relative] = data
        missing = sorted(wanted - {prefix + relative for relative in found})
        if missing:
            raise IndexDamaged(f"{folder / missing[0]} is missing")
        return found

    def verify(self, folder: Path) -> None:
        """Every file checked against its size and checksum; raises IndexDamaged."""
        self.read_checked(folder)

    def _check_names(self, folder: Path, present: set[str]) -> None:
        missing = sorted(set(self.files) - present)
        if missing:
            raise IndexDamaged(f"{folder / missing[0]} is missing")
        extra = sorted(present - set(self.files))
        if extra:
            raise IndexDamaged(f"{folder / extra[0]} is not in the manifest")


def _walk(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(folder / relative if relative else folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(name)
            elif name != MANIFEST_FILE:
                yield name, entry


def _file_sizes(folder: Path) -> Iterator[tuple[str, int]]:
    for name, entry in _walk(folder):
        yield name, entry.stat(follow_symlinks=False).st_size


def _read_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    for name, entry in _walk(folder):
        with open(entry.path, "rb") as file:  # noqa: PTH123 - a DirEntry's path
            yield name, file.read()
