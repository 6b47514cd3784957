"""Invented vocabularies that look like English or French, sampled with Zipf frequencies.

Real stop words and health-domain words sit at the top of each language's ranking,
so that common queries look like real ones; below them, words made of each
language's syllables (accents included) fill the long tail.
"""

from __future__ import annotations

import random
from itertools import accumulate

from api.search.stopwords import STOP_WORDS

LOCALES = ("en-CA", "fr-CA")
LANGUAGE = {"en-CA": "en", "fr-CA": "fr"}
VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.07
# Syllables that make invented words look like each language (accents included).
SYLLABLES = {
    "en": "ab ac ad al an ar as at be ca ce co de di el en er es ex in is it la le li lo ma "
    "me mi mo ne no on or pa pe pi po pre pro ra re ri ro se si so st ta te ti to tr un ur",
    "fr": "ai an au ba be bi ca ce ch co da de di dé é en er es et eu fa fi ge gr il in la "
    "le li lo ma me mi mo ne ni no ou pa pe pi po pr qu ra re ri ro sa se si so ta te ti tr",
}
SUFFIXES = {
    "en": ["", "", "s", "ing", "ed", "tion", "ness", "ly", "ment", "ity"],
    "fr": ["", "", "s", "tion", "ment", "ique", "ée", "er", "eux", "ité", "ère", "ènes"],
}
# Real words near the top of each language, so common queries look like real ones.
DOMAIN_WORDS = {
    "en": [
        "ketamine",
        "depression",
        "treatment",
        "therapy",
        "patients",
        "clinical",
        "infusion",
        "effects",
        "brain",
        "receptors",
        "symptoms",
        "relief",
        "canada",
        "safety",
        "dose",
        "medical",
        "research",
        "studies",
    ],
    "fr": [
        "kétamine",
        "dépression",
        "traitement",
        "thérapie",
        "patients",
        "clinique",
        "perfusion",
        "effets",
        "cerveau",
        "récepteurs",
        "symptômes",
        "soulagement",
        "canada",
        "sécurité",
        "dose",
        "médical",
        "recherche",
        "études",
    ],
}


class Vocabulary:
    """A language's words by rank, sampled with Zipf frequencies."""

    def __init__(self, language: str, rng: random.Random) -> None:
        words = sorted(STOP_WORDS[language]) + DOMAIN_WORDS[language]
        seen = set(words)
        syllables = SYLLABLES[language].split()
        while len(words) < VOCABULARY_SIZE:
            stem = "".join(rng.choice(syllables) for _ in range(rng.choice((2, 2, 3, 3, 4))))
            word = stem + rng.choice(SUFFIXES[language])
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.language = language
        self.words = words
        self._cumulative_weights = list(
            accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(words) + 1))
        )
        self._rng = rng

    @property
    def content_words(self) -> list[str]:
        """The words by rank without the stop words: what people search for."""
        return self.words[len(STOP_WORDS[self.language]) :]

    def sample(self, count: int) -> list[str]:
        return self._rng.choices(self.words, cum_weights=self._cumulative_weights, k=count)

    def sentence(self, words: int, end: str = ".") -> str:
        return " ".join(self.sample(words)).capitalize() + end
