"""What reading the index from memory costs against Whoosh's mmap (run by hand, not a test).

Builds the synthetic corpus of ``bench.search`` once, then opens it in fresh child
processes, alternately the way the service does (each file read, checked against the
manifest and held in memory: ``api/search/storage.py``), the way it did before (Whoosh's
``open_dir``, segments through mmap, no checks), and the alternative not taken (plain
file reads, no mmap). Each child reports the time to open
both locales, search latency over the same query set, and the resident memory it holds
once every query ran; the parent prints each run and the median ratios.

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
from pathlib import Path
from unittest import mock

from whoosh import index as whoosh_index
from whoosh.index import Index

from api.search import SearchRequest, build_index, open_index
from api.search.manifest import Manifest
from api.search.storage import open_for_update, open_in_memory
from bench.search import query_set, resident_megabytes, synthetic_snapshot, time_queries
from bench.vocabulary import LOCALES

WAYS = ("memory", "mmap", "files")


def _open_with_mmap(version_folder: Path, locale: str, _manifest: Manifest) -> Index:
    return whoosh_index.open_dir(str(version_folder / locale))


def _open_without_mmap(version_folder: Path, locale: str, _manifest: Manifest) -> Index:
    # The alternative not taken: plain reads from the files, which may still change.
    return open_for_update(version_folder / locale)


def measure(way: str, index_root: Path, size: int, rounds: int) -> dict[str, float]:
    """One child's figures, for one way of opening the index."""
    snapshot = synthetic_snapshot(size)
    queries = {locale: query_set(snapshot, locale) for locale in LOCALES}
    opener = {"memory": open_in_memory, "mmap": _open_with_mmap, "files": _open_without_mmap}[way]
    rss_before = resident_megabytes()
    with mock.patch("api.search.searcher.open_in_memory", opener):
        start = time.perf_counter()
        index = open_index(index_root, snapshot)
        opened = time.perf_counter() - start
    with index:
        latency = time_queries(
            lambda text, locale: index.search(SearchRequest(text, locale, highlight=True)),
            queries,
            rounds,
        )
        held = resident_megabytes() - rss_before
    return {"open_ms": opened * 1000, "p50": latency.p50, "p95": latency.p95, "rss_mb": held}


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
                    f"resident {figures['rss_mb']:5.0f} MB",
                    flush=True,
                )
    for way in ("memory", "files"):
        print(f"medians, {way} against mmap (before):")
        for name, label in (
            ("open_ms", "open, ms"),
            ("p50", "search p50"),
            ("p95", "search p95"),
            ("rss_mb", "resident MB"),
        ):
            ours = statistics.median(r[name] for r in results[way])
            theirs = statistics.median(r[name] for r in results["mmap"])
            print(f"  {label:<12} {ours:8.2f} vs {theirs:8.2f}   {ours / theirs:5.2f}x")


if __name__ == "__main__":
    main()
