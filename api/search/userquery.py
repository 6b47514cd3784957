"""What a user typed -> the words and phrases to look for, without ever failing on syntax.

The query language is deliberately small: words, ``"quoted phrases"`` and a trailing
``*`` for a prefix. Everything else (``AND``, parentheses, ``field:value``, stray
quotes) is read as plain text, so no input can be a syntax error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from api.content.words import WORD_PATTERN
from api.errors import ErrorCode
from api.search.analysis import fold_accents, normalize_word
from api.search.types import SearchError
from api.settings import Settings

_QUOTES = re.compile(r"[\"“”«»„]")
_WORD_OR_PREFIX = re.compile(rf"({WORD_PATTERN})(\*?)")
# Operators of other query languages that people paste in; they mean nothing here.
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT"})


class ClauseKind(Enum):
    WORD = "word"
    PHRASE = "phrase"
    PREFIX = "prefix"


@dataclass(frozen=True)
class Clause:
    """One thing to look for: a word, a quoted phrase or a word prefix."""

    kind: ClauseKind
    # Normalized (lower case, elision-free, accents kept).
    words: tuple[str, ...]
    # Where the clause sits in the cleaned query text, to rewrite it for "did you mean".
    start: int
    end: int

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold_accents(word) for word in self.words)


@dataclass(frozen=True)
class UserQuery:
    text: str  # the input with control characters replaced by spaces
    clauses: tuple[Clause, ...]


def clean_text(text: str) -> str:
    """Control and format characters (NUL, escapes, bidi marks) become spaces."""
    return "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)


def parse_user_query(text: str, language: str, settings: Settings) -> UserQuery:
    if len(text) > settings.max_search_chars:
        raise SearchError(
            ErrorCode.QUERY_TOO_LONG,
            f"The search text has {len(text)} characters; at most "
            f"{settings.max_search_chars} are allowed.",
        )
    cleaned = clean_text(text)
    clauses: list[Clause] = []
    # Split at quotes: odd-numbered pieces were inside quotes. A final unmatched quote
    # leaves its piece as plain words, which is what the user most likely meant.
    pieces = _QUOTES.split(cleaned)
    offset = 0
    for number, piece in enumerate(pieces):
        inside_quotes = number % 2 == 1 and number < len(pieces) - 1
        clauses.extend(_piece_clauses(piece, offset, inside_quotes, language, settings))
        offset += len(piece) + 1
    word_count = sum(len(clause.words) for clause in clauses)
    if word_count > settings.max_search_terms:
        raise SearchError(
            ErrorCode.TOO_MANY_TERMS,
            f"The search has {word_count} words; at most {settings.max_search_terms} are allowed.",
        )
    return UserQuery(cleaned, tuple(clauses))


def _piece_clauses(
    piece: str, offset: int, as_phrase: bool, language: str, settings: Settings
) -> list[Clause]:
    found = [
        (normalize_word(match.group(1), language), match)
        for match in _WORD_OR_PREFIX.finditer(piece)
        if match.group(1) not in _OPERATOR_WORDS
    ]
    found = [(word, match) for word, match in found if word]
    if as_phrase and len(found) > 1:
        start, end = found[0][1].start(), found[-1][1].end()
        words = tuple(word for word, _ in found)
        return [Clause(ClauseKind.PHRASE, words, offset + start, offset + end)]
    clauses = []
    for word, match in found:
        is_prefix = bool(match.group(2)) and len(fold_accents(word)) >= settings.min_prefix_chars
        kind = ClauseKind.PREFIX if is_prefix else ClauseKind.WORD
        clauses.append(Clause(kind, (word,), offset + match.start(1), offset + match.end(1)))
    return clauses


def respell(typed: str, word: str, replacement: str) -> str:
    """``respell("l'anestesique", "anestesique", "anesthésique")`` -> ``l'anesthésique``.

    Keeps what normalization took off the front of the word (an elision).
    """
    kept = typed[: len(typed) - len(word)] if typed.lower().endswith(word) else ""
    return kept + replacement


def last_word(text: str) -> re.Match[str] | None:
    """The word ``text`` ends with, if it ends inside a word (what autocomplete completes)."""
    matches = list(_WORD_OR_PREFIX.finditer(text))
    if not matches or matches[-1].end(1) != len(text):
        return None
    return matches[-1]
