"""Item-level ranking: every part of an item scored together, then the ranking rules.

An article is indexed as parts (its title and summary, each section) so that a hit can
deep-link to the section that matched and BM25 is not skewed by length; but it is
*ranked* as one item, from all its parts, so that an article about ketamine beats a
short FAQ that only names ketamine in its question. The rules, in order (as
Meilisearch's, see docs/search.md):

1. **words**: items matching more of the query's units (words, phrases, glossary
   names) first. Every item matching one unit is a result, as with Meilisearch's
   default matching strategy: a question with a word no text uses still finds the
   items that answer the rest of it, below those that match it all.
2. **language**: matches in the reader's own text before matches found only in
   another language (another locale's text of the item, or a glossary name typed in
   another language).
3. **attribute**: more units in the item's headline (an article's title, a FAQ's
   question).
4. **relevance**: the item's BM25F score, summed over the units: for each unit, its
   best part's score plus ``OTHER_PARTS_WEIGHT`` of its other parts'. Typo, prefix and
   related-term matches are down-weighted inside it (queries.py), and field boosts
   (title 4, heading 2.5, body 1, tags 0.5) weigh where a word is.
5. **order**: the items' configured order, then type and key: a stable tie-break.

The part an article's hit links to is its part matching the most units, then the
best scored.

Everything is computed on arrays over the index's documents and items (numpy), from
the cached postings (``postings.py``): scoring every match of every unit costs about
as much as reading one, so totals and facets stay exact at 10,000 items.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from whoosh.collectors import TimeLimit
from whoosh.searching import Searcher

from api.content import ContentType, Item
from api.search.documents import item_id
from api.search.postings import PostingCache
from api.search.queries import Unit
from api.search.schema import ITEM_ID

# How much an item's other matching parts add to its best part's score, per unit.
OTHER_PARTS_WEIGHT = 0.1

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


class ItemTable:
    """The index's documents grouped by item, and what filters and facets need of items.

    Built once per index version and locale: documents sorted by item, so that sums
    and maxima per item are one ``reduceat`` each.
    """

    def __init__(self, searcher: Searcher, items: Sequence[Item]) -> None:
        self.items = tuple(items)
        position = {item_id(item): number for number, item in enumerate(self.items)}
        column = searcher.reader().column_reader(ITEM_ID)
        documents = searcher.doc_count_all()
        # Documents of items no longer published (deleted ones, kept by Whoosh until a
        # merge, match nothing) go to a last, empty group.
        gone = len(self.items)
        item_of = np.fromiter(
            (position.get(column[document], gone) for document in range(documents)),
            dtype=np.int64,
            count=documents,
        )
        self.by_item = np.argsort(item_of, kind="stable")
        grouped = item_of[self.by_item]
        self.groups = np.unique(grouped)
        self.starts = np.searchsorted(grouped, self.groups)
        self.ends = np.append(self.starts[1:], documents)
        self.live = self.groups < gone
        ranked = sorted(range(len(self.items)), key=lambda n: _order(self.items[n]))
        self.order_rank = np.empty(len(self.items) + 1, dtype=np.int64)
        self.order_rank[ranked] = np.arange(len(ranked))
        self.order_rank[gone] = len(ranked)
        # Facets: each group's type, and (group, tag) pairs, as numbers.
        live = [int(group) for group in self.groups if group < gone]
        self.type_names = sorted({kind.value for kind in ContentType})
        self.type_of = np.full(len(self.groups), -1, dtype=np.int64)
        self.type_of[: len(live)] = [self.type_names.index(self.items[g].type.value) for g in live]
        self.tag_names = sorted({tag for item in self.items for tag in item.tags})
        tag_number = {tag: number for number, tag in enumerate(self.tag_names)}
        pairs = [
            (group, tag_number[tag])
            for group, number in enumerate(live)
            for tag in self.items[number].tags
        ]
        self.tag_groups = np.asarray([group for group, _ in pairs], dtype=np.int64)
        self.tag_ids = np.asarray([tag for _, tag in pairs], dtype=np.int64)

    def documents_of(self, group: int) -> Ints:
        return self.by_item[self.starts[group] : self.ends[group]]

    def allowed(
        self,
        types: Collection[ContentType],
        tags: Collection[str],
        within: Collection[tuple[ContentType, str]] | None,
    ) -> npt.NDArray[np.bool_] | None:
        """Which groups the filters let through (None: all)."""
        if not types and not tags and within is None:
            return None
        wanted_tags = frozenset(tags)
        keep = [
            number < len(self.items)
            and (not types or self.items[number].type in types)
            and (not wanted_tags or not wanted_tags.isdisjoint(self.items[number].tags))
            and (within is None or (self.items[number].type, self.items[number].key) in within)
            for number in map(int, self.groups)
        ]
        return np.asarray(keep, dtype=np.bool_)


def _order(item: Item) -> tuple[int, str, str]:
    return item.order, item.type.value, item.key


@dataclass(frozen=True)
class Ranking:
    """The matching items, best first, with what the hits and the facets need."""

    table: ItemTable
    # Groups (indexes into the table's groups), best first.
    ranked: Ints
    own_words: Ints
    scores: Floats
    # Per unit and document: own and cross-language scores.
    own: Floats
    cross: Floats

    def __len__(self) -> int:
        return len(self.ranked)

    def item(self, rank: int) -> Item:
        return self.table.items[int(self.table.groups[self.ranked[rank]])]

    def score(self, rank: int) -> float:
        return float(self.scores[self.ranked[rank]])

    def cross_language_only(self, rank: int) -> bool:
        return bool(self.own_words[self.ranked[rank]] == 0)

    def best_document(self, rank: int) -> int:
        """The item's part matching the most units, then the best scored: its link."""
        documents = self.table.documents_of(int(self.ranked[rank]))
        per_unit = self.own[:, documents] + self.cross[:, documents]
        units = (per_unit > 0).sum(axis=0)
        totals = per_unit.sum(axis=0)
        best = max(range(len(documents)), key=lambda n: (units[n], totals[n], -documents[n]))
        return int(documents[best])

    def facets(self) -> tuple[dict[str, int], dict[str, int]]:
        """Matching items counted by type and by tag (counts above zero only)."""
        table = self.table
        types = np.bincount(table.type_of[self.ranked], minlength=len(table.type_names))
        matching = np.zeros(len(table.groups), dtype=np.bool_)
        matching[self.ranked] = True
        tags = np.bincount(
            table.tag_ids[matching[table.tag_groups]], minlength=len(table.tag_names)
        )
        return _named(table.type_names, types), _named(table.tag_names, tags)


def _named(names: Sequence[str], counts: Ints) -> dict[str, int]:
    return {name: int(count) for name, count in zip(names, counts, strict=True) if count}


def rank_items(
    searcher: Searcher,
    *,
    postings: PostingCache,
    table: ItemTable,
    units: Sequence[Unit],
    allowed: npt.NDArray[np.bool_] | None,
    deadline: float,
) -> Ranking:
    """Every item matching a unit, by the rules above."""
    size = postings.documents
    own = np.zeros((len(units), size))
    cross = np.zeros((len(units), size))
    headline = np.zeros((len(units), size), dtype=np.bool_)
    for number, unit in enumerate(units):
        for probe in unit.probes:
            if time.monotonic() > deadline:
                raise TimeLimit
            matched = postings.postings(searcher, probe)
            if not matched.size:
                continue
            target = cross if probe.cross else own
            target[number, matched.documents] += matched.scores * probe.boost
            if probe.headline:
                headline[number, matched.documents] = True
    # Own and cross-language rows reduced per item together: one pass of each kind.
    grouped = np.concatenate((own, cross))[:, table.by_item]
    totals = np.add.reduceat(grouped, table.starts, axis=1)
    best = np.maximum.reduceat(grouped, table.starts, axis=1)
    own_matched, cross_matched = np.split(totals > 0, 2)
    words = (own_matched | cross_matched).sum(axis=0)
    own_words = own_matched.sum(axis=0)
    headline_words = np.logical_or.reduceat(headline[:, table.by_item], table.starts, axis=1)
    headline_count = headline_words.sum(axis=0)
    # Per unit and item, the best part's score plus a little of the other parts'.
    scores = (best + OTHER_PARTS_WEIGHT * (totals - best)).sum(axis=0)
    candidates = (words > 0) & table.live
    if allowed is not None:
        candidates &= allowed
    found = np.flatnonzero(candidates)
    order = np.lexsort(
        (
            table.order_rank[table.groups[found]],
            -np.round(scores[found], 6),
            -headline_count[found],
            -own_words[found],
            -words[found],
        )
    )
    return Ranking(table, found[order], own_words, scores, own, cross)
