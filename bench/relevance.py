"""Relevance on judged patient queries: nDCG@5 and MRR per locale, ours against SQLite FTS5.

The queries and their graded items are ``bench/judged/queries.yaml`` (see its header).
Both engines search the same documents: the shipped content's index documents (an
article's title and summary, each of its sections, each FAQ), and both are judged by
item, an article's parts collapsed to the article at the rank of its first part.
FTS5 gets each language's usual tokenizer (``porter unicode61 remove_diacritics 2`` for
English, ``unicode61 remove_diacritics 2`` for French), the same field weights as ours
(title 4, heading 2.5, body 1) and the same rule for many words: all of them, and any
of them when that finds nothing.

    .venv/bin/python -m bench.relevance               # the table
    .venv/bin/python -m bench.relevance --misses      # + each query whose first hit is wrong

The guard test (``tests/search/test_judged_relevance.py``) runs ``evaluate`` on the
shipped index and fails if either figure drops in a locale.
"""

from __future__ import annotations

import argparse
import math
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any

import yaml

from api.content import ContentSnapshot, load_content
from api.search import SearchIndex, SearchRequest, build_index, open_index
from api.search.documents import item_id, locale_documents
from api.search.schema import PART_BOOSTS, TextPart
from api.settings import Settings

JUDGED_FILE = Path(__file__).parent / "judged" / "queries.yaml"
PROJECT_ROOT = Path(__file__).parent.parent
CUTOFF = 5


@dataclass(frozen=True)
class JudgedQuery:
    text: str
    locale: str
    kind: str
    # Item id (``faq/side-effects``) -> grade, 3 (the answer) to 1 (related).
    grades: Mapping[str, int]

    @property
    def answers(self) -> frozenset[str]:
        """The items of the highest grade given: what should come first."""
        best = max(self.grades.values())
        return frozenset(item for item, grade in self.grades.items() if grade == best)


def load_judged(path: Path = JUDGED_FILE) -> tuple[JudgedQuery, ...]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        JudgedQuery(
            text=str(entry["text"]),
            locale=entry["locale"],
            kind=entry["class"],
            grades={str(item): int(grade) for item, grade in entry["grades"].items()},
        )
        for entry in data["queries"]
    )


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], cutoff: int = CUTOFF) -> float:
    """Normalized discounted cumulative gain of the first ``cutoff`` items (gain 2^grade - 1)."""

    def dcg(gains: Iterable[int]) -> float:
        return sum((2.0**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(gains))

    ideal = dcg(sorted(grades.values(), reverse=True)[:cutoff])
    return dcg(grades.get(item, 0) for item in ranked[:cutoff]) / ideal


def reciprocal_rank(ranked: Sequence[str], answers: frozenset[str]) -> float:
    """1 / the rank of the first answer (an item of the top grade); 0 if none is found."""
    return next((1 / rank for rank, item in enumerate(ranked, start=1) if item in answers), 0.0)


@dataclass(frozen=True)
class Scores:
    ndcg: float
    mrr: float
    queries: int

    @classmethod
    def of(cls, judged: Sequence[tuple[JudgedQuery, Sequence[str]]]) -> Scores:
        return cls(
            ndcg=fmean(ndcg(ranked, query.grades) for query, ranked in judged),
            mrr=fmean(reciprocal_rank(ranked, query.answers) for query, ranked in judged),
            queries=len(judged),
        )


# A search engine as the scorer sees it: a query -> item ids, best first.
Ranker = Callable[[JudgedQuery], list[str]]


@dataclass(frozen=True)
class Evaluation:
    ranked: tuple[tuple[JudgedQuery, list[str]], ...]

    def scores(self, keep: Callable[[JudgedQuery], bool] = lambda query: True) -> Scores:
        return Scores.of([(query, ranked) for query, ranked in self.ranked if keep(query)])

    def per_locale(self) -> dict[str, Scores]:
        return self._grouped(lambda query: query.locale)

    def per_kind(self) -> dict[str, Scores]:
        return self._grouped(lambda query: query.kind)

    def _grouped(self, key: Callable[[JudgedQuery], str]) -> dict[str, Scores]:
        groups: dict[str, list[tuple[JudgedQuery, list[str]]]] = {}
        for query, ranked in self.ranked:
            groups.setdefault(key(query), []).append((query, ranked))
        return {name: Scores.of(groups[name]) for name in sorted(groups)}

    def misses(self) -> list[tuple[JudgedQuery, list[str]]]:
        """Queries whose first item is not an answer."""
        return [
            (query, ranked)
            for query, ranked in self.ranked
            if not ranked or ranked[0] not in query.answers
        ]


def evaluate(rank: Ranker, queries: Sequence[JudgedQuery]) -> Evaluation:
    return Evaluation(tuple((query, rank(query)) for query in queries))


def service_ranker(index: SearchIndex) -> Ranker:
    """This service's search, as a client sees it (items in the order of the hits)."""

    def rank(query: JudgedQuery) -> list[str]:
        request = SearchRequest(query.text, query.locale, limit=10, highlight=False)
        return [f"{hit.type.value}/{hit.key}" for hit in index.search(request).hits]

    return rank


class Fts5Ranker:
    """The same index documents in SQLite FTS5, one in-memory table per locale."""

    TOKENIZERS: Mapping[str, str] = {
        "en": "porter unicode61 remove_diacritics 2",
        "fr": "unicode61 remove_diacritics 2",
    }
    _WORD = re.compile(r"\w+")

    def __init__(self, snapshot: ContentSnapshot) -> None:
        self.db = sqlite3.connect(":memory:")
        for locale in snapshot.locales.enabled:
            tokenizer = self.TOKENIZERS[locale.split("-")[0]]
            table = self._table(locale)
            self.db.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(item UNINDEXED, title, heading, body, "
                f"tokenize = '{tokenizer}')"
            )
            rows = []
            for document in locale_documents(snapshot, locale):
                parts = {
                    part: "\n".join(p.text for p in document.pieces if p.part is part)
                    for part in TextPart
                }
                rows.append((item_id(document.item), *(parts[part] for part in TextPart)))
            self.db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", rows)

    @staticmethod
    def _table(locale: str) -> str:
        return "docs_" + locale.replace("-", "_").lower()

    def __call__(self, query: JudgedQuery) -> list[str]:
        words = [f'"{word}"' for word in self._WORD.findall(query.text)]
        weights = ", ".join(str(PART_BOOSTS[part]) for part in TextPart)
        table = self._table(query.locale)
        for joined in (" AND ".join(words), " OR ".join(words)):
            if not joined:
                return []
            rows = self.db.execute(
                f"SELECT item FROM {table} WHERE {table} MATCH ? "
                f"ORDER BY bm25({table}, 0, {weights})",
                (joined,),
            ).fetchall()
            if rows:
                return list(dict.fromkeys(item for (item,) in rows))[:10]
        return []


def _row(name: str, scores: Scores) -> str:
    return f"{name:<34}{scores.queries:>8}{scores.ndcg:>10.3f}{scores.mrr:>8.3f}"


def report(evaluations: Mapping[str, Evaluation], show_misses: bool) -> None:
    print(f"{'engine / locale':<34}{'queries':>8}{'nDCG@5':>10}{'MRR':>8}")
    for engine, evaluation in evaluations.items():
        for locale, scores in evaluation.per_locale().items():
            print(_row(f"{engine}  {locale}", scores))
        print(_row(f"{engine}  both", evaluation.scores()))
    print(f"\nby class: {'  '.join(f'{name} nDCG@5 / MRR' for name in evaluations)}")
    per_kind = {engine: evaluation.per_kind() for engine, evaluation in evaluations.items()}
    for kind in next(iter(per_kind.values())):
        cells = "   ".join(
            f"{kinds[kind].ndcg:.3f} / {kinds[kind].mrr:.3f}" for kinds in per_kind.values()
        )
        print(f"  {kind:<16} ({next(iter(per_kind.values()))[kind].queries:>2})  {cells}")
    if show_misses:
        for engine, evaluation in evaluations.items():
            misses = evaluation.misses()
            print(f"\n{engine}: {len(misses)} queries whose first item is not an answer")
            for query, ranked in misses:
                print(
                    f"  {query.locale} {query.text!r}: {ranked[:3]} (want {sorted(query.answers)})"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--misses", action="store_true", help="list the queries answered wrong")
    options = parser.parse_args()
    queries = load_judged()
    with tempfile.TemporaryDirectory(prefix="bench-relevance-") as index_dir:
        settings = Settings(
            content_dir=PROJECT_ROOT / "content",
            locales_dir=PROJECT_ROOT / "locales",
            index_dir=Path(index_dir),
        )
        snapshot = load_content(settings.content_dir, settings.locales_dir)
        build_index(snapshot, settings.index_dir)
        with open_index(settings.index_dir, snapshot, settings) as index:
            evaluations = {
                "this service": evaluate(service_ranker(index), queries),
                "SQLite FTS5": evaluate(Fts5Ranker(snapshot), queries),
            }
    report(evaluations, options.misses)


if __name__ == "__main__":
    main()
