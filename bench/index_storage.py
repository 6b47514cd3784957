"""What the index's private copy costs against the ways it could be read (by hand, not a test).

Builds the synthetic corpus of ``bench.search`` once, then opens it in fresh child
processes, in turn each way:

- ``copy``: the service's (``api/search/storage.py``): each file read, checked
  against the manifest and copied to a private folder, which Whoosh maps;
- ``mmap``: as before this change: Whoosh's ``open_dir`` maps the index folder itself,
  unchecked (a file truncated under it killed the process with SIGBUS);
- ``memory``: the files checked and held in memory (Whoosh's ``RamStorage``);
- ``files``: the index folder read with plain reads, no mmap.

Each child reports the time to open both locales, search latency over the same query
set, and its resident memory (anonymous, and file-backed: the page cache it maps,
shared and reclaimable) once every query ran; the parent prints each run and the
median ratios against ``mmap``.

    .venv/bin/python -m bench.index_storage [--size 10000] [--rounds 3] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from unittest import mock

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import Index

from api.search import SearchRequest, build_index, open_index
from api.search.manifest import Manifest
from api.search.storage import PrivateCopy
from bench.search import query_set, synthetic_snapshot, time_queries
from bench.vocabulary import LOCALES

WAYS = ("copy", "mmap", "memory", "files")


class _InPlace:
    """Stands in for PrivateCopy: reads the version folder itself, one way or another."""

    def __init__(self, folder: Path, open_locale: Callable[[Path, str], Index]) -> None:
        self.folder = folder
        self._open_locale = open_locale

    def open(self, locale: str) -> Index:
        return self._open_locale(self.folder, locale)


def _in_place(open_locale: Callable[[Path, str], Index]) -> Callable[..., _InPlace]:
    def of(version_folder: Path, manifest: Manifest, locales: Iterable[str]) -> _InPlace:
        return _InPlace(version_folder, open_locale)

    return of


def _in_memory(folder: Path, locale: str) -> Index:
    storage = RamStorage()
    storage.files = Manifest.read(folder).read_checked(folder, locale)
    return storage.open_index()


OPENERS: dict[str, Callable[..., object]] = {
    "copy": PrivateCopy.of,
    "mmap": _in_place(lambda folder, locale: whoosh_index.open_dir(str(folder / locale))),
    "memory": _in_place(_in_memory),
    "files": _in_place(
        lambda folder, locale: FileStorage(str(folder / locale), supports_mmap=False).open_index()
    ),
}


def resident() -> dict[str, float]:
    """This process's resident memory, anonymous and file-backed, in MB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in {"RssAnon", "RssFile"}:
            found[name] = int(value.split()[0]) / 1024
    return found


def measure(way: str, index_root: Path, size: int, rounds: int) -> dict[str, float]:
    """One child's figures, for one way of opening the index."""
    snapshot = synthetic_snapshot(size)
    queries = {locale: query_set(snapshot, locale) for locale in LOCALES}
    before = resident()
    with mock.patch.object(PrivateCopy, "of", OPENERS[way]):
        start = time.perf_counter()
        index = open_index(index_root, snapshot)
        opened = time.perf_counter() - start
    with index:
        latency = time_queries(
            lambda text, locale: index.search(SearchRequest(text, locale, highlight=True)),
            queries,
            rounds,
        )
        after = resident()
    return {
        "open_ms": opened * 1000,
        "p50": latency.p50,
        "p95": latency.p95,
        "anon_mb": after["RssAnon"] - before["RssAnon"],
        "file_mb": after["RssFile"] - before["RssFile"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=WAYS, help=argparse.SUPPRESS)
    parser.add_argument("--index-root", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child is not None:
        figures = measure(arguments.child, arguments.index_root, arguments.size, arguments.rounds)
        print(json.dumps(figures))
        return
    with tempfile.TemporaryDirectory(prefix="index-storage-") as workdir:
        index_root = Path(workdir) / "index"
        print(f"building {arguments.size:,} documents per locale ...", flush=True)
        build_index(synthetic_snapshot(arguments.size), index_root)
        results: dict[str, list[dict[str, float]]] = {way: [] for way in WAYS}
        for run in range(arguments.runs):
            for way in WAYS:
                command = [
                    sys.executable, "-m", "bench.index_storage", "--child", way,
                    "--index-root", str(index_root), "--size", str(arguments.size),
                    "--rounds", str(arguments.rounds),
                ]  # fmt: skip
                output = subprocess.run(command, check=True, capture_output=True, text=True)
                figures = json.loads(output.stdout.strip().splitlines()[-1])
                results[way].append(figures)
                print(
                    f"run {run + 1} {way:>6}: open {figures['open_ms']:7.0f} ms   "
                    f"search p50 {figures['p50']:6.2f} ms  p95 {figures['p95']:6.2f} ms   "
                    f"resident {figures['anon_mb']:5.0f} MB anonymous, "
                    f"{figures['file_mb']:5.0f} MB mapped files",
                    flush=True,
                )
    for way in ("copy", "memory", "files"):
        print(f"medians, {way} against mmap (before):")
        for name, label in (
            ("open_ms", "open, ms"),
            ("p50", "search p50"),
            ("p95", "search p95"),
            ("anon_mb", "anonymous MB"),
            ("file_mb", "mapped MB"),
        ):
            ours = statistics.median(r[name] for r in results[way])
            theirs = statistics.median(r[name] for r in results["mmap"])
            ratio = f"{ours / theirs:5.2f}x" if theirs > 1 else ""
            print(f"  {label:<13} {ours:8.2f} vs {theirs:8.2f}   {ratio}")


if __name__ == "__main__":
    main()
