"""What a draft preview costs at startup and reload, against the public index (by hand).

On a copy of the shipped content in which one FAQ is a draft (as a clinic with one text
in review would have), each round times, in this process:

- ``public``: building and opening the public index (``build_index`` + ``open_index``),
  the baseline every server pays;
- ``preview``: what ``Services.for_snapshot`` adds with ``CONTENT_API_PREVIEW_TOKEN``
  set: the snapshot with drafts shown, and its own index built and opened
  (``PreviewIndex.build``);

each searched once per locale (so that its searchers are open), and measures the Python
memory each keeps (tracemalloc, after a full collection) and
the preview's files on disk (its build folder and its private copy). It prints each
round and the median ratio preview / public.

    .venv/bin/python -m bench.previews [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from api.content import ContentSnapshot, load_content
from api.search import SearchIndex, SearchRequest, build_index, open_index
from api.serving.previews import PreviewIndex, with_drafts_shown
from api.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DRAFT = "availability-in-canada"

_T = TypeVar("_T")


def content_with_a_draft(root: Path) -> ContentSnapshot:
    for folder in ("content", "locales"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    faq = root / "content" / "faqs" / f"{DRAFT}.yaml"
    faq.write_text(faq.read_text().replace("status: published", "status: draft"))
    return load_content(root / "content", root / "locales")


def measured(make: Callable[[], _T]) -> tuple[_T, float, int]:
    """What ``make`` returns, the seconds it took, and the bytes it still holds after."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    made = make()
    seconds = time.perf_counter() - started
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return made, seconds, kept


def searched(index: SearchIndex) -> SearchIndex:
    """The index with each locale's searcher open, as after a server's first searches."""
    for locale in ("en-CA", "fr-CA"):
        index.search(SearchRequest(text="ketamine", locale=locale))
    return index


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        snapshot = content_with_a_draft(Path(scratch))
        ratios_time, ratios_memory = [], []
        for round_number in range(1, rounds + 1):
            public_root = Path(scratch) / f"public-{round_number}"

            def public(root: Path = public_root) -> SearchIndex:
                build_index(snapshot, root)
                return searched(open_index(root, snapshot, settings))

            def preview_index() -> PreviewIndex:
                built = PreviewIndex.build(with_drafts_shown(snapshot), settings)
                searched(built.search)
                return built

            public_index, public_seconds, public_bytes = measured(public)
            preview, preview_seconds, preview_bytes = measured(preview_index)
            disk = folder_bytes(preview.folder) + folder_bytes(preview.search._files.folder)
            print(
                f"round {round_number}: public {public_seconds * 1000:.0f} ms, "
                f"{public_bytes / 1024:.0f} KiB kept; preview {preview_seconds * 1000:.0f} ms, "
                f"{preview_bytes / 1024:.0f} KiB kept, {disk / 1024:.0f} KiB on disk"
            )
            ratios_time.append(preview_seconds / public_seconds)
            ratios_memory.append(preview_bytes / public_bytes)
            preview.close()
            public_index.close()
            public_index.remove_copy()
        print(
            f"median preview / public: time {statistics.median(ratios_time):.2f}, "
            f"memory kept {statistics.median(ratios_memory):.2f}"
        )


if __name__ == "__main__":
    main()
