"""The index's own words, unstemmed: typo tolerance, "did you mean" and autocomplete.

Whoosh's spelling correction works on a field's indexed terms, which for stemmed
fields are stems (``hypertens``). We keep the real words instead (accents folded for
matching, with the spellings documents use for display), and their document
frequencies, in ``vocabulary.json`` beside each locale's index. Kept as a Whoosh
field, these words doubled build time and index size; as a file they cost little,
and are read once when the index is opened.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh.automata import lev
from whoosh.automata.fsa import find_all_matches

from api.files.atomic import write_atomically
from api.search.analysis import fold_accents, is_stop_word, words
from api.settings import Settings

VOCABULARY_FILE = "vocabulary.json"
# Words shorter than this are not offered as corrections or completions.
MIN_WORD_LENGTH = 3

# Typo tolerance: words of 5 to 8 letters may have 1 edit, words of 9 or more 2
# (insertion, deletion, substitution or transposition of adjacent letters).
ONE_TYPO_FROM = 5
TWO_TYPOS_FROM = 9

# A document's words: folded word -> the spellings the document writes it with.
DocumentWords = Mapping[str, frozenset[str]]


def allowed_typos(word: str) -> int:
    if len(word) >= TWO_TYPOS_FROM:
        return 2
    return 1 if len(word) >= ONE_TYPO_FROM else 0


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def document_words(texts: Iterable[tuple[str, str]]) -> DocumentWords:
    """The vocabulary words of a document's (text, language) pieces."""
    found: dict[str, set[str]] = {}
    for text, language in texts:
        for word in dict.fromkeys(words(text, language)):
            folded = fold_accents(word)
            if len(folded) < MIN_WORD_LENGTH or folded.isdigit():
                continue
            if not is_stop_word(folded, language):
                found.setdefault(folded, set()).add(word)
    return {folded: frozenset(spellings) for folded, spellings in found.items()}


class WordCounts:
    """Document frequencies of words and of their spellings, as an index is written.

    Plain dicts, written as they are: loading and saving them is most of the time an
    incremental update takes.
    """

    def __init__(
        self,
        documents: dict[str, int] | None = None,
        spellings: dict[str, dict[str, int]] | None = None,
    ) -> None:
        self.documents = documents or {}
        self.spellings = spellings or {}

    def add(self, document: DocumentWords) -> None:
        self._count(document, 1)

    def remove(self, document: DocumentWords) -> None:
        self._count(document, -1)

    def _count(self, document: DocumentWords, step: int) -> None:
        for folded, spellings in document.items():
            _bump(self.documents, folded, step)
            per_spelling = self.spellings.setdefault(folded, {})
            for spelling in spellings:
                _bump(per_spelling, spelling, step)
            if not per_spelling:
                del self.spellings[folded]

    def save(self, index_dir: Path) -> None:
        data = {"documents": self.documents, "spellings": self.spellings}
        # A new file rather than rewriting: after an update it may be a hard link into
        # the previous version, which must not change.
        write_atomically(index_dir / VOCABULARY_FILE, json.dumps(data, ensure_ascii=False))

    @classmethod
    def load(cls, index_dir: Path) -> WordCounts:
        data: dict[str, Any] = json.loads((index_dir / VOCABULARY_FILE).read_text("utf-8"))
        return cls(data["documents"], data["spellings"])


def _bump(counts: dict[str, int], key: str, step: int) -> None:
    """Add ``step`` to a count, forgetting it at zero."""
    count = counts.get(key, 0) + step
    if count > 0:
        counts[key] = count
    else:
        counts.pop(key, None)


class Vocabulary:
    """Read-only word look-ups for one locale's index; safe to share between threads."""

    def __init__(
        self, counts: WordCounts, settings: Settings, corrections: DocumentWords | None = None
    ) -> None:
        """``corrections``: more words a misspelling may be corrected to (the glossary's),
        never offered as completions since no text holds them."""
        self._frequency: dict[str, int] = dict(counts.documents)
        self._spelling = {
            folded: max(spellings, key=lambda s: (spellings[s], s))
            for folded, spellings in counts.spellings.items()
            if spellings
        }
        for folded, spellings in (corrections or {}).items():
            self._spelling.setdefault(folded, min(spellings))
        self._sorted = sorted(self._frequency)
        self._correctable = sorted({*self._frequency, *(corrections or {})})
        self.max_prefix_scan = settings.max_prefix_scan

    @classmethod
    def load(cls, index_dir: Path, settings: Settings) -> Vocabulary:
        return cls(WordCounts.load(index_dir), settings)

    def frequency(self, folded_word: str) -> int:
        return self._frequency.get(folded_word, 0)

    def near(self, folded_word: str) -> list[str]:
        """Words within the typo allowance, closest then most common first.

        Misspellings rarely change the first letter; requiring it keeps the search small.
        """
        maxdist = allowed_typos(folded_word)
        if maxdist == 0:
            return []
        # Whoosh's automaton counts a swap of two letters as two edits; add swaps here.
        found = {
            *find_all_matches(_levenshtein_dfa(folded_word, maxdist), self._first_from),
            *(swap for swap in _adjacent_swaps(folded_word) if self._is_correctable(swap)),
        }
        distances = {w: edit_distance(w, folded_word) for w in found if w != folded_word}
        return sorted(distances, key=lambda w: (distances[w], -self.frequency(w), w))

    def completions(self, folded_prefix: str, limit: int) -> list[str]:
        """The most common words starting with the prefix (a bounded scan)."""
        if not folded_prefix:
            return []
        start = bisect_left(self._sorted, folded_prefix)
        scanned = islice(self._sorted, start, start + self.max_prefix_scan)
        matching = [word for word in scanned if word.startswith(folded_prefix)]
        return sorted(matching, key=lambda w: (-self.frequency(w), w))[:limit]

    def spelling(self, folded_word: str) -> str:
        """The word as most documents write it (``ketamine`` -> ``kétamine``)."""
        return self._spelling.get(folded_word, folded_word)

    def _is_correctable(self, folded_word: str) -> bool:
        position = bisect_left(self._correctable, folded_word)
        return position < len(self._correctable) and self._correctable[position] == folded_word

    def _first_from(self, text: str) -> str | None:
        """The first word >= ``text``: how the automaton walks the sorted words."""
        position = bisect_left(self._correctable, text)
        return self._correctable[position] if position < len(self._correctable) else None


@lru_cache(maxsize=4096)
def _levenshtein_dfa(word: str, maxdist: int) -> Any:
    return lev.levenshtein_automaton(word, maxdist, prefix=1).to_dfa()


def _adjacent_swaps(word: str) -> Iterator[str]:
    for i in range(1, len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
