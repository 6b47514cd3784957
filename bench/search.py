"""Search benchmark (run by hand, not a test): our Whoosh indexes against SQLite FTS5.

Builds synthetic bilingual corpora (``bench/corpus.py``: N FAQs, each with an English
and a French text, a question and a ~400-word answer, drawn from Zipf-distributed
vocabularies per language), indexes them with ``build_index`` and with SQLite FTS5
(stdlib ``sqlite3``, one table per locale, ``porter``/``unicode61`` tokenizers with
diacritics removed), runs the same fixed query set on both and prints build time,
docs/s, index size, search latency p50/p95/p99 with and without highlights, the
ratios, and the time of a one-item incremental update.

    .venv/bin/python -m bench.search [--sizes 1000 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

from api.content import ContentSnapshot, ContentType, Faq, Status
from api.content.fields import ANSWER, QUESTION
from api.content.model import LocalizedText
from api.locales import LocaleConfig
from api.search import SearchIndex, SearchRequest, build_index, open_index, update_items
from bench.corpus import synthetic_corpus
from bench.latency import Latency
from bench.vocabulary import DOMAIN_WORDS, LANGUAGE, LOCALES


def synthetic_snapshot(size: int, seed: int = 7) -> ContentSnapshot:
    """The synthetic corpus's FAQs as a snapshot in memory (no files: faster to build)."""
    faqs: dict[str, Faq] = {}
    for synthetic in synthetic_corpus(size, seed=seed).faqs:
        texts = {
            locale: LocalizedText(
                locale=locale,
                slug=text.slug,
                fields=MappingProxyType({QUESTION.name: text.question, ANSWER.name: text.answer}),
                source_digest="bench",
                path=Path(f"{locale}/{synthetic.key}.yaml"),
            )
            for locale, text in synthetic.texts.items()
        }
        faqs[synthetic.key] = Faq(
            key=synthetic.key,
            source_locale="en-CA",
            status=Status.PUBLISHED,
            published=datetime.date(2026, 12, 1),
            updated=None,
            order=synthetic.order,
            tags=synthetic.tags,
            texts=MappingProxyType(texts),
            source_digest="bench",
            legacy_source_digest="bench",
            path=Path(f"content/{synthetic.key}.yaml"),
        )
    return ContentSnapshot(
        version=f"bench-{size}-v1",
        locales=LocaleConfig("en-CA", LOCALES, {"en-CA": (), "fr-CA": ("en-CA",)}),
        articles={},
        faqs=faqs,
        content_dir=Path("content"),
        locales_dir=Path("locales"),
    )


def query_set(snapshot: ContentSnapshot, locale: str) -> list[str]:
    """A fixed mix: common, mid and rare words, pairs, phrases, a typo and a prefix."""
    language = LANGUAGE[locale]
    domain = DOMAIN_WORDS[language]
    rare = [
        f.texts[locale].fields[QUESTION.name].split()[3].strip("?")
        for f in list(snapshot.faqs.values())[:5]
    ]
    return [
        domain[0],
        domain[1],
        f"{domain[0]} {domain[2]}",
        f"{domain[3]} {domain[4]} {domain[5]}",
        f'"{domain[6]} {domain[7]}"',
        *rare,
        f"{rare[0]} {domain[2]}",
        domain[0][:4] + "*",
        domain[1][:3] + domain[1][4:] if len(domain[1]) > 5 else domain[1],  # a typo
        f"{domain[8]} {domain[9]} {domain[10]} {domain[11]}",
    ]


def time_queries(
    run: Callable[[str, str], object], queries: dict[str, list[str]], rounds: int
) -> Latency:
    for locale, texts in queries.items():  # warm caches once
        for text in texts:
            run(text, locale)
    timings = []
    for _ in range(rounds):
        for locale, texts in queries.items():
            for text in texts:
                start = time.perf_counter()
                run(text, locale)
                timings.append(time.perf_counter() - start)
    return Latency.of(timings)


def folder_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


class Fts5:
    """The same corpus in SQLite FTS5, one table per locale."""

    TOKENIZERS: ClassVar[dict[str, str]] = {
        "en-CA": "porter unicode61 remove_diacritics 2",
        "fr-CA": "unicode61 remove_diacritics 2",
    }

    def __init__(self, path: Path, snapshot: ContentSnapshot) -> None:
        self.db = sqlite3.connect(path)
        for locale in LOCALES:
            table = self.table(locale)
            self.db.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(key UNINDEXED, question, answer, "
                f"tokenize = '{self.TOKENIZERS[locale]}')"
            )
            self.db.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?)",
                (
                    (
                        f.key,
                        f.texts[locale].fields[QUESTION.name],
                        f.texts[locale].fields[ANSWER.name],
                    )
                    for f in snapshot.faqs.values()
                ),
            )
        self.db.commit()

    @staticmethod
    def table(locale: str) -> str:
        return "docs_" + LANGUAGE[locale]

    @staticmethod
    def match_expression(text: str) -> str:
        if text.startswith('"'):
            return text
        return " ".join(
            f'"{word[:-1]}"*' if word.endswith("*") else f'"{word}"' for word in text.split()
        )

    def search(self, text: str, locale: str, highlight: bool) -> list[tuple[str, ...]]:
        table, match = self.table(locale), self.match_expression(text)
        columns = (
            f"key, highlight({table}, 1, '<mark>', '</mark>'), "
            f"snippet({table}, 2, '<mark>', '</mark>', '…', 24)"
            if highlight
            else "key"
        )
        # The total, as our search computes it for every request.
        self.db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,)).fetchone()
        return self.db.execute(
            f"SELECT {columns} FROM {table} WHERE {table} MATCH ? "
            f"ORDER BY bm25({table}, 4.0, 1.0) LIMIT 10",
            (match,),
        ).fetchall()


def edited(snapshot: ContentSnapshot) -> tuple[ContentSnapshot, str]:
    """The snapshot with one FAQ's English question changed, as a new version."""
    faq = next(iter(snapshot.faqs.values()))
    text = faq.texts["en-CA"]
    fields = MappingProxyType({**text.fields, QUESTION: "An edited question about ketamine?"})
    texts = MappingProxyType({**faq.texts, "en-CA": replace(text, fields=fields)})
    faqs = {**snapshot.faqs, faq.key: replace(faq, texts=texts)}
    version = snapshot.version.replace("-v1", "-v2")
    return replace(snapshot, version=version, faqs=faqs), faq.key


def bench(size: int, rounds: int, workdir: Path) -> None:
    print(f"\n== {size:,} documents per locale ({size * len(LOCALES):,} in all) ==")
    snapshot = synthetic_snapshot(size)
    queries = {locale: query_set(snapshot, locale) for locale in LOCALES}
    documents = size * len(LOCALES)

    index_root = workdir / f"whoosh-{size}"
    start = time.perf_counter()
    built = build_index(snapshot, index_root)
    whoosh_build = time.perf_counter() - start
    whoosh_size = folder_size(built)

    database = workdir / f"fts5-{size}.sqlite"
    start = time.perf_counter()
    fts = Fts5(database, snapshot)
    fts_build = time.perf_counter() - start
    fts_size = database.stat().st_size

    rss_before = resident_megabytes()
    start = time.perf_counter()
    with open_index(index_root, snapshot) as index:
        open_time = time.perf_counter() - start

        def whoosh(highlight: bool) -> Callable[[str, str], object]:
            return lambda text, locale: _search(index, text, locale, highlight)

        whoosh_plain = time_queries(whoosh(False), queries, rounds)
        whoosh_marked = time_queries(whoosh(True), queries, rounds)
        # Both locales' searchers open and every query run: what a serving process holds.
        rss_held = resident_megabytes() - rss_before
    fts_plain = time_queries(lambda t, loc: fts.search(t, loc, False), queries, rounds)
    fts_marked = time_queries(lambda t, loc: fts.search(t, loc, True), queries, rounds)

    new_snapshot, key = edited(snapshot)
    start = time.perf_counter()
    update_items(new_snapshot, index_root, [(ContentType.FAQ, key)])
    update_time = time.perf_counter() - start

    count = sum(len(texts) for texts in queries.values())
    print(f"queries: {count} per round x {rounds} rounds, top 10, with totals and facets")
    print(f"{'':24}{'Whoosh (ours)':>18}{'SQLite FTS5':>18}{'ratio':>10}")
    print(
        f"{'build time':24}{whoosh_build:>16.2f} s{fts_build:>16.2f} s"
        f"{whoosh_build / fts_build:>9.1f}x"
    )
    print(
        f"{'build docs/s':24}{documents / whoosh_build:>18,.0f}{documents / fts_build:>18,.0f}"
        f"{(documents / whoosh_build) / (documents / fts_build):>9.2f}x"
    )
    print(
        f"{'index size':24}{whoosh_size / 2**20:>15.1f} MB{fts_size / 2**20:>15.1f} MB"
        f"{whoosh_size / fts_size:>9.1f}x"
    )
    for label, ours, theirs in (
        ("search, no highlights", whoosh_plain, fts_plain),
        ("search, highlights", whoosh_marked, fts_marked),
    ):
        print(f"{label}:")
        print(f"  Whoosh  {ours}")
        print(f"  FTS5    {theirs}")
        print(
            f"  ratio   p50 {ours.p50 / theirs.p50:.1f}x  p95 {ours.p95 / theirs.p95:.1f}x  "
            f"p99 {ours.p99 / theirs.p99:.1f}x"
        )
    print(f"one-item incremental update (both locales): {update_time * 1000:.0f} ms")
    print(f"opening the index (both locales): {open_time * 1000:.0f} ms")
    print(f"resident memory held by the open index after the queries: {rss_held:.0f} MB")


def resident_megabytes() -> float:
    """This process's resident set (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _search(index: SearchIndex, text: str, locale: str, highlight: bool) -> object:
    return index.search(SearchRequest(text, locale, highlight=highlight))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        for size in arguments.sizes:
            bench(size, arguments.rounds, Path(workdir))


if __name__ == "__main__":
    main()
