"""Synonym groups per locale, read from ``api/search/synonyms/<locale>.yaml``.

Synonyms are expanded when a query is built, not when text is indexed: a group can
hold phrases of different lengths, and an edit to a file needs no index rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import yaml

from api.search.analysis import fold_accents, language_of, words

SYNONYMS_DIR = Path(__file__).parent / "synonyms"

# A phrase as matched: its words lower-cased, elision-free and accent-folded.
Phrase = tuple[str, ...]


class SynonymsFileError(ValueError):
    """A synonyms file that is not a list of groups of strings."""


class Synonyms:
    """Groups of equivalent phrases, found in a run of query words by longest match."""

    def __init__(self, groups: tuple[tuple[str, ...], ...], language: str) -> None:
        self.groups = groups
        self.language = language
        self._group_of: dict[Phrase, int] = {}
        for number, group in enumerate(groups):
            for phrase in group:
                self._group_of.setdefault(self.phrase_key(phrase), number)
        self._longest = max((len(phrase) for phrase in self._group_of), default=0)

    def phrase_key(self, text: str) -> Phrase:
        return tuple(fold_accents(word) for word in words(text, self.language))

    def match(self, folded_words: Sequence[str], start: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest phrase starting at ``start``: (its length in words, its group)."""
        for length in range(min(self._longest, len(folded_words) - start), 0, -1):
            number = self._group_of.get(tuple(folded_words[start : start + length]))
            if number is not None:
                return length, self.groups[number]
        return None


def parse_synonyms(text: str, language: str, source: str = "<string>") -> Synonyms:
    data = yaml.safe_load(text) or {}
    groups = data.get("groups", []) if isinstance(data, dict) else None
    if not isinstance(groups, list) or not all(
        isinstance(group, list) and group and all(isinstance(p, str) and p for p in group)
        for group in groups
    ):
        raise SynonymsFileError(f"{source}: expected 'groups:' holding lists of non-empty strings")
    return Synonyms(tuple(tuple(group) for group in groups), language)


@cache
def synonyms_for(locale: str) -> Synonyms:
    """The locale's synonyms; none when it has no file."""
    path = SYNONYMS_DIR / f"{locale}.yaml"
    if not path.exists():
        return Synonyms((), language_of(locale))
    return parse_synonyms(path.read_text(encoding="utf-8"), language_of(locale), str(path))
