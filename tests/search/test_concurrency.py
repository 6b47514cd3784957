"""Searches from many threads: correct answers, and one open searcher per locale.

Worker threads come and go (anyio retires idle ones), so anything kept per thread
would pile up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from api.content import ContentSnapshot
from api.search import SearchIndex, SearchRequest

QUERIES = [("kétamine", "fr-CA"), ("ketamine", "en-CA"), ("effets secondaires", "fr-CA")]


def totals(index: SearchIndex) -> list[int]:
    return [
        index.search(SearchRequest(text=text, locale=locale, offset=0, limit=5)).total
        for text, locale in QUERIES
    ]


def test_searchers_stay_bounded_however_many_threads_come_and_go(
    shipped_index: SearchIndex, shipped_content: ContentSnapshot
) -> None:
    expected = totals(shipped_index)
    for _ in range(3):
        # A fresh pool each round: new threads, as when anyio retires idle workers.
        with ThreadPoolExecutor(max_workers=12) as pool:
            answers = list(pool.map(lambda _: totals(shipped_index), range(48)))
        assert all(answer == expected for answer in answers)

    assert len(shipped_index.searchers) == len(shipped_content.locales.enabled)


def test_a_searcher_is_never_used_by_two_threads_at_once(shipped_index: SearchIndex) -> None:
    in_use: set[int] = set()
    clashes: list[int] = []
    guard = threading.Lock()
    borrow = shipped_index.searchers.borrow

    def watched() -> None:
        with borrow("fr-CA") as searcher:
            with guard:
                if id(searcher) in in_use:
                    clashes.append(id(searcher))
                in_use.add(id(searcher))
            searcher.doc_count()
            with guard:
                in_use.discard(id(searcher))

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda _: watched(), range(200)))

    assert clashes == []


def test_a_search_after_close_still_answers_and_keeps_nothing_open(
    shipped_content: ContentSnapshot, index_snapshot: Callable[[ContentSnapshot], SearchIndex]
) -> None:
    index = index_snapshot(shipped_content)
    before = totals(index)
    index.close()

    assert totals(index) == before
    assert len(index.searchers) == 0
