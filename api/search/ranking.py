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
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from whoosh.collectors import TimeLimit
from whoosh.matching import Matcher
from whoosh.searching import Searcher

from api.search.queries import Unit
from api.search.schema import ITEM_ID

# How much an item's other matching parts add to its best part's score, per unit.
OTHER_PARTS_WEIGHT = 0.1
# Documents scored between two checks of the time limit.
_DEADLINE_CHECK_EVERY = 512


@dataclass(frozen=True)
class RankedItem:
    item_id: str
    # How many of the query's units the item matches, and how many in the reader's text.
    words: int
    own_words: int
    # How many units its headline (an article's title, a FAQ's question) matches.
    headline_words: int
    score: float
    # The document (global number) of the item's best part: its deep link and snippets.
    best_document: int

    @property
    def cross_language_only(self) -> bool:
        return self.own_words == 0


# (own score, cross-language score) of each unit, for one document.
_UnitScores = list[float]


def rank_items(
    searcher: Searcher,
    units: Sequence[Unit],
    allowed: Callable[[Searcher], set[int]] | None,
    order_of: Callable[[str], tuple[int, str, str]],
    deadline: float,
) -> list[RankedItem]:
    """Every item matching the units, best first, by the rules above.

    ``allowed`` gives the documents a filter lets through in one segment (None: all).
    """
    if time.monotonic() > deadline:
        raise TimeLimit
    scores: dict[int, _UnitScores] = {}
    headlines: dict[int, set[int]] = {}
    item_of = searcher.reader().column_reader(ITEM_ID)
    context = searcher.context()
    for segment, offset in searcher.leaf_searchers():
        permitted = allowed(segment) if allowed is not None else None
        for number, unit in enumerate(units):
            for slot, query in ((2 * number, unit.own), (2 * number + 1, unit.cross)):
                if query is None:
                    continue
                for docnum, score in _scored(query.matcher(segment, context), deadline):
                    if permitted is not None and docnum not in permitted:
                        continue
                    per_unit = scores.get(offset + docnum)
                    if per_unit is None:
                        per_unit = scores[offset + docnum] = [0.0] * (2 * len(units))
                    per_unit[slot] += score
            if unit.headline is not None:
                for docnum in unit.headline.matcher(segment, context).all_ids():
                    if permitted is None or docnum in permitted:
                        headlines.setdefault(offset + docnum, set()).add(number)
    parts: dict[str, list[int]] = {}
    for document in scores:
        parts.setdefault(item_of[document], []).append(document)
    ranked = [
        _item(item, documents, scores, headlines, len(units)) for item, documents in parts.items()
    ]

    def rules(item: RankedItem) -> tuple[int, int, int, float, tuple[int, str, str]]:
        return (
            -item.words,
            -item.own_words,
            -item.headline_words,
            -round(item.score, 6),
            order_of(item.item_id),
        )

    return sorted(ranked, key=rules)


def _scored(matcher: Matcher, deadline: float) -> Iterator[tuple[int, float]]:
    count = 0
    while matcher.is_active():
        yield matcher.id(), matcher.score()
        matcher.next()
        count += 1
        if count % _DEADLINE_CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise TimeLimit


def _item(
    item_id: str,
    documents: list[int],
    scores: dict[int, _UnitScores],
    headlines: dict[int, set[int]],
    units: int,
) -> RankedItem:
    words = own_words = 0
    total = 0.0
    for slot in range(2 * units):
        part_scores = [scores[document][slot] for document in documents]
        best = max(part_scores)
        if best > 0:
            total += best + OTHER_PARTS_WEIGHT * (sum(part_scores) - best)
    for number in range(units):
        own = any(scores[document][2 * number] > 0 for document in documents)
        words += own or any(scores[document][2 * number + 1] > 0 for document in documents)
        own_words += own
    # The part matching most units, then the best scored: the one to link to and show.
    best_document = max(
        documents,
        key=lambda document: (
            sum(scores[document][2 * n] + scores[document][2 * n + 1] > 0 for n in range(units)),
            sum(scores[document]),
            -document,
        ),
    )
    headline_words = len(set().union(*(headlines.get(document, set()) for document in documents)))
    return RankedItem(item_id, words, own_words, headline_words, total, best_document)
