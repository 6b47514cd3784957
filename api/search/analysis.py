"""Text analysis per language: how text becomes index terms, and how words are spelled.

Every chain folds accents *before* stemming, so that ``ketamine`` and ``kétamine`` go
through the stemmer as the same string and cannot come out as different stems
(Snowball's French stemmer treats ``traitée`` and ``traitee`` differently).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

import Stemmer
from whoosh.analysis import Analyzer, Filter, RegexTokenizer
from whoosh.analysis.acore import Token

from api.content.words import TYPOGRAPHIC_APOSTROPHE, WORD_PATTERN
from api.search.stopwords import STOP_WORDS

# Words as the content counts them: an apostrophe inside one (``l'anesthésique``) keeps it
# whole, so that elision is decided on the whole word rather than on split pieces.
_WORD_RE = re.compile(WORD_PATTERN)

FRENCH_ELISIONS = ("l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu")
_ELISION_RE = re.compile(rf"^(?:{'|'.join(FRENCH_ELISIONS)})'(?=\w)")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})

SNOWBALL_NAMES = {"en": "english", "fr": "french"}


def language_of(locale: str) -> str:
    """``fr-CA`` -> ``fr``: analysis depends on the language, not the region."""
    return locale.split("-", 1)[0].lower()


@lru_cache(maxsize=65536)
def fold_accents(text: str) -> str:
    """``Kétamine`` -> ``Ketamine``, ``œdème`` -> ``oedeme``."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _normalize_apostrophes(word: str) -> str:
    return word.replace(TYPOGRAPHIC_APOSTROPHE, "'")


def strip_elision(word: str) -> str:
    """``l'anesthésique`` -> ``anesthésique``, ``jusqu'à`` -> ``à`` (either apostrophe)."""
    return _ELISION_RE.sub("", _normalize_apostrophes(word))


def strip_possessive(word: str) -> str:
    """``patient's`` -> ``patient`` (either apostrophe)."""
    word = _normalize_apostrophes(word)
    return word[:-2] if word.endswith("'s") else word


_NORMALIZERS = {"fr": strip_elision, "en": strip_possessive}


@lru_cache(maxsize=262_144)
def normalize_word(word: str, language: str) -> str:
    """A word as typed or written -> its lower-case, elision-free spelling (accents kept)."""
    return _NORMALIZERS.get(language, _normalize_apostrophes)(word.lower())


def words(text: str, language: str) -> list[str]:
    """The words of ``text`` in normalized spelling, accents kept (for display and spelling)."""
    return [w for w in (normalize_word(m, language) for m in _WORD_RE.findall(text)) if w]


def is_stop_word(folded_word: str, language: str) -> bool:
    return folded_word in _folded_stop_words(language)


@cache
def _folded_stop_words(language: str) -> frozenset[str]:
    return frozenset(fold_accents(word) for word in STOP_WORDS.get(language, ()))


def term_of(word: str, language: str) -> str | None:
    """A word as written -> its index term; None for a stop word.

    Lower case, elision or possessive off, accents folded, stop words out, stem.
    """
    return _term_of(word, language)


@lru_cache(maxsize=262_144)
def _term_of(word: str, language: str) -> str | None:
    folded = fold_accents(normalize_word(word, language))
    if not folded or folded in _folded_stop_words(language):
        return None
    stemmer = _stemmer(language)
    return join_family(stemmer.stemWord(folded), language) if stemmer is not None else folded


# Endings Snowball leaves on a stem that its word family's other members lack, per
# language: (ending, what replaces it). Each was kept because it helped the judged
# queries (bench/relevance.py) and hurt none: ``sécurité``/``sécuritaire`` -> ``secur``,
# ``glutamatergique`` -> ``glutamat``, ``différent``/``diffère`` -> ``differ``,
# ``assureur``/``assurance`` -> ``assur``, ``couverture``/``couvert``, ``safety``/``safe``.
_FAMILY_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("itair", ""), ("it", ""), ("erg", ""), ("ent", ""), ("eur", ""), ("ur", "")),
    "en": (("eti", "e"),),
}
# Shorter stems are left alone: ``petit`` is not a ``pet``.
_MIN_FAMILY_STEM = 4


def join_family(stem: str, language: str) -> str:
    """A Snowball stem -> the stem its word family shares (see ``_FAMILY_ENDINGS``)."""
    for ending, replacement in _FAMILY_ENDINGS.get(language, ()):
        if stem.endswith(ending) and len(stem) - len(ending) + len(replacement) >= _MIN_FAMILY_STEM:
            return stem[: -len(ending)] + replacement
    return stem


_STEMMERS = threading.local()


def _stemmer(language: str) -> Any:
    """This thread's PyStemmer stemmer (its objects are not thread-safe); None if none."""
    if language not in SNOWBALL_NAMES:
        return None
    stemmers: dict[str, Any] = _STEMMERS.__dict__.setdefault("by_language", {})
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(SNOWBALL_NAMES[language])
    return stemmers[language]


class TermFilter(Filter):  # type: ignore[misc]
    """Turns each token into its term (``term_of``), dropping stop words.

    One cached step instead of a chain of four filters: words repeat (Zipf), so most
    tokens cost one cache look-up. PyStemmer's C Snowball stemmers replace Whoosh's
    pure-Python ones, which are 50-75 times slower. Only the language is pickled
    into the index with the schema.
    """

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        language = self.language
        position = 0
        for token in tokens:
            term = _term_of(token.text, language)
            if term is None:
                # Highlighting asks to see stop words too, flagged as stopped.
                if not token.removestops:
                    token.stopped = True
                    yield token
                continue
            token.text = term
            token.stopped = False
            # Renumbered so that a phrase matches across a removed stop word.
            if token.positions:
                token.pos = position
                position += 1
            yield token


def text_analyzer(language: str) -> Analyzer:
    """The chain for searchable text: words, then each word's term (see ``term_of``)."""
    return RegexTokenizer(WORD_PATTERN) | TermFilter(language)


def analyze(analyzer: Analyzer, text: str) -> list[str]:
    """The terms ``analyzer`` makes of ``text`` for a query (stop words removed)."""
    return [token.text for token in analyzer(text, mode="query")]
