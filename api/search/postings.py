"""Postings as arrays: each probe's matching documents and their BM25F scores, cached.

Whoosh decodes and scores postings one document at a time in pure Python; at 10,000
items a common word's postings cost milliseconds on every search. An index version
never changes, so each (field, terms) is read once, scored once with Whoosh's own
BM25F statistics (idf, average and per-document field lengths), and kept as two
arrays; ranking then adds arrays (``ranking.py``). The cache is bounded by the
number of postings it holds, the least recently used going first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from api.search.queries import Probe

# BM25F's parameters, as Whoosh's defaults (the scores of earlier versions).
_B = 0.75
_K1 = 1.2
# Postings kept per locale: 4 million is 48 MB of arrays at most (int32 + float64).
MAX_CACHED_POSTINGS = 4_000_000

Documents = npt.NDArray[np.int32]
Scores = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Postings:
    """The documents (global numbers, ascending) a probe matches, and their scores.

    Scores are unboosted: the probe's boost is applied by whoever adds them up.
    """

    documents: Documents
    scores: Scores

    @property
    def size(self) -> int:
        return len(self.documents)

    def holds(self, document: int) -> bool:
        position = int(np.searchsorted(self.documents, document))
        return position < self.size and int(self.documents[position]) == document


_EMPTY = Postings(np.zeros(0, np.int32), np.zeros(0, np.float64))


class PostingCache:
    """One index version's postings as arrays, shared by the searches of one locale."""

    def __init__(self, documents: int, max_postings: int = MAX_CACHED_POSTINGS) -> None:
        self.documents = documents
        self.max_postings = max_postings
        self._cached: OrderedDict[tuple[str, tuple[str, ...], int], Postings] = OrderedDict()
        self._held = 0
        self._lengths: dict[str, npt.NDArray[np.float64]] = {}
        self._lock = threading.Lock()

    def postings(self, searcher: Searcher, probe: Probe) -> Postings:
        key = (probe.field, probe.terms, probe.slop if len(probe.terms) > 1 else 1)
        with self._lock:
            found = self._cached.get(key)
            if found is not None:
                self._cached.move_to_end(key)
                return found
        found = self._read(searcher, probe)
        with self._lock:
            if key not in self._cached:
                self._cached[key] = found
                self._held += found.size
                while self._held > self.max_postings and len(self._cached) > 1:
                    _, dropped = self._cached.popitem(last=False)
                    self._held -= dropped.size
        return found

    def _read(self, searcher: Searcher, probe: Probe) -> Postings:
        if len(probe.terms) > 1:
            return _phrase_postings(searcher, probe)
        field, text = probe.field, probe.terms[0]
        if (field, text) not in searcher.reader():
            return _EMPTY
        documents: list[int] = []
        weights: list[float] = []
        for segment, offset in searcher.leaf_searchers():
            if (field, text) not in segment.reader():
                continue
            segment_ids, segment_weights = _term_postings(segment.postings(field, text))
            documents.extend(offset + document for document in segment_ids)
            weights.extend(segment_weights)
        ids = np.asarray(documents, dtype=np.int32)
        tf = np.asarray(weights, dtype=np.float64)
        lengths = self._field_lengths(searcher, field)[ids]
        average = searcher.avg_field_length(field) or 1
        idf = searcher.idf(field, text)
        scores = idf * (tf * (_K1 + 1)) / (tf + _K1 * ((1 - _B) + _B * lengths / average))
        return Postings(ids, scores)

    def _field_lengths(self, searcher: Searcher, field: str) -> npt.NDArray[np.float64]:
        """Every document's length in ``field``, as Whoosh stores it (quantized)."""
        lengths = self._lengths.get(field)
        if lengths is None:
            values: list[int] = []
            for segment, _ in searcher.leaf_searchers():
                reader = segment.reader()
                values.extend(
                    reader.doc_field_length(docnum, field, 0)
                    for docnum in range(reader.doc_count_all())
                )
            lengths = self._lengths[field] = np.asarray(values, dtype=np.float64)
        return lengths


def _term_postings(matcher: Matcher) -> tuple[Sequence[int], Sequence[float]]:
    """A term's document numbers and weights (term frequencies), block by block.

    Whoosh's posting reader decodes a block of ids and weights at a time, then hands
    them out one call per posting; taking its decoded blocks whole is 10-50 times
    faster for a common word. These are private attributes of whoosh-reloaded's
    ``W3LeafMatcher`` (pinned exactly in pyproject.toml); any other matcher (a segment
    with deleted documents wraps it in a filter) is read posting by posting.
    """
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _phrase_postings(searcher: Searcher, probe: Probe) -> Postings:
    """A phrase's matches, scored by Whoosh (phrases are rarer and need positions)."""
    phrase = wq.Phrase(probe.field, list(probe.terms), slop=probe.slop)
    documents: list[int] = []
    scores: list[float] = []
    context = searcher.context(weighting=BM25F(B=_B, K1=_K1))
    for segment, offset in searcher.leaf_searchers():
        matcher = phrase.matcher(segment, context)
        while matcher.is_active():
            documents.append(offset + matcher.id())
            scores.append(matcher.score())
            matcher.next()
    if not documents:
        return _EMPTY
    return Postings(np.asarray(documents, np.int32), np.asarray(scores, np.float64))
