"""The judged patient queries (bench/judged/queries.yaml) score no lower than they do today.

The floors are the figures ``python -m bench.relevance`` printed when they were set,
rounded down: raise them when a change does better, and never lower one to let a change
pass without saying why in its commit.
"""

from __future__ import annotations

import pytest

from api.search import SearchIndex
from bench.relevance import (
    Evaluation,
    evaluate,
    load_judged,
    ndcg,
    reciprocal_rank,
    service_ranker,
)

# locale -> (nDCG@5, MRR)
FLOORS = {"en-CA": (0.97, 0.95), "fr-CA": (0.96, 0.96)}


@pytest.fixture(scope="module")
def judged(shipped_index: SearchIndex) -> Evaluation:
    return evaluate(service_ranker(shipped_index), load_judged())


@pytest.mark.parametrize("locale", sorted(FLOORS))
def test_judged_queries_keep_their_scores(judged: Evaluation, locale: str) -> None:
    scores = judged.per_locale()[locale]
    ndcg_floor, mrr_floor = FLOORS[locale]
    misses = [query.text for query, _ in judged.misses() if query.locale == locale]
    assert scores.ndcg >= ndcg_floor, f"nDCG@5 {scores.ndcg:.3f}; first item wrong: {misses}"
    assert scores.mrr >= mrr_floor, f"MRR {scores.mrr:.3f}; first item wrong: {misses}"


def test_the_judged_set_covers_both_locales_and_every_class() -> None:
    queries = load_judged()
    assert len(queries) >= 80
    assert {query.locale for query in queries} == set(FLOORS)
    kinds = {query.kind for query in queries}
    assert {"bare", "question", "typo", "contraction", "acronym", "cross-language"} <= kinds
    assert {"word-family", "everyday"} <= kinds


def test_the_scorer_rewards_the_answer_first() -> None:

    grades = {"faq/a": 3, "article/b": 2}
    assert ndcg(["faq/a", "article/b"], grades) == pytest.approx(1.0)
    assert ndcg(["article/b", "faq/a"], grades) < 1.0
    assert reciprocal_rank(["faq/x", "faq/a"], frozenset({"faq/a"})) == 0.5
    assert reciprocal_rank([], frozenset({"faq/a"})) == 0.0
