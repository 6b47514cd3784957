"""Whoosh searchers of one index version: one per locale, used by one thread at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from whoosh.index import Index
from whoosh.scoring import BM25F
from whoosh.searching import Searcher, TimeLimit

from api.search.types import SearchError


class SearcherPool:
    """Each locale's searcher, opened on first use and kept while the version lives.

    Whoosh searchers must not be shared between threads, and each copies the index's
    postings and stored fields into memory (about 55 MB at 10,000 documents per
    locale), so there is one per locale and searches take turns. That costs no
    throughput: Whoosh scores in pure Python, under the GIL, so searches in threads
    never ran in parallel anyway. (Searchers kept per thread piled up as worker
    threads came and went: 7.8 GB under bench/http_load.)
    """

    def __init__(self, indexes: Mapping[str, Index]) -> None:
        self._indexes = indexes
        self._turns = {locale: threading.Lock() for locale in indexes}
        self._open: dict[str, Searcher] = {}
        self._closed = False
        # Locales whose last search failed for a reason of the index's, not the query's.
        self.failures: dict[str, str] = {}

    def __len__(self) -> int:
        """How many searchers are open."""
        return len(self._open)

    @contextmanager
    def borrow(self, locale: str) -> Iterator[Searcher]:
        """The locale's searcher, for this thread alone until the block ends.

        A search that fails unexpectedly marks the locale as unable to serve (``failures``,
        which ``/readyz`` reports) until one succeeds again.
        """
        try:
            with self._searcher(locale) as searcher:
                yield searcher
        except (SearchError, TimeLimit):
            raise
        except Exception as error:
            self.failures[locale] = f"{type(error).__name__}: {error}"[:300]
            raise
        self.failures.pop(locale, None)

    @contextmanager
    def _searcher(self, locale: str) -> Iterator[Searcher]:
        with self._turns[locale]:
            if self._closed:
                # A request that outlived its version's retirement: served, not kept.
                with self._indexes[locale].searcher(weighting=BM25F()) as late:
                    yield late
                return
            searcher = self._open.get(locale)
            if searcher is None:
                searcher = self._indexes[locale].searcher(weighting=BM25F())
                self._open[locale] = searcher
            yield searcher

    def close(self) -> None:
        for locale, turn in self._turns.items():
            with turn:
                self._closed = True
                searcher = self._open.pop(locale, None)
                if searcher is not None:
                    searcher.close()
