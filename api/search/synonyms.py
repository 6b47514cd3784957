"""The glossary as search sees it: a term's names found in what a user typed.

``locales/glossary.yaml`` (``ContentSnapshot.glossary``) is the one source. For a search
in one locale, a term's names in that locale (preferred wording, acronyms, synonyms, and
the wordings translators are asked to avoid, which texts and patients still use) are
synonyms: typing any of them finds the others. Its names in the other locales are the
same concept in the other language: typing ``side effects`` on the French site finds
``effets secondaires``, as a cross-language match. A term's ``related`` terms are found
too, ranked lower (``SSRI`` also finds "antidepressant").

Names are matched by their terms (``term_of``: case, accents, elisions, stop words and
endings aside), so ``SSRIs`` matches ``SSRI`` and ``side effect`` matches
``side effects``. Synonyms are applied to the query, not the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.content.glossary import Glossary, Term
from api.search.analysis import language_of, term_of, words
from api.search.vocabulary import DocumentWords, document_words

# A name as matched: the terms of its words, stop words left out.
Phrase = tuple[str, ...]


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found at some position of the query words."""

    term: Term
    # How many query words the name covers (stop words inside it included).
    length: int
    # The locale whose wording the user typed: the searched one, or another.
    typed_locale: str


class Synonyms:
    """The glossary's names for searches in one locale, found by longest match."""

    def __init__(self, glossary: Glossary, locale: str) -> None:
        self.glossary = glossary
        self.locale = locale
        # The searched locale first, so that a name both locales use (``IV``) is its own.
        locales = sorted(
            {tag for term in glossary.terms for tag in term.wordings},
            key=lambda tag: tag != locale,
        )
        self._names: list[tuple[str, dict[Phrase, Term]]] = []
        for tag in locales:
            language = language_of(tag)
            names: dict[Phrase, Term] = {}
            for term in glossary.terms:
                wording = term.wordings.get(tag)
                # An acronym's plural is typed with an ``s`` the stemmer does not take off.
                plurals = tuple(f"{acronym}s" for acronym in wording.acronyms) if wording else ()
                for name in (*wording.names, *wording.avoid, *plurals) if wording else ():
                    key = phrase_terms(name, language)
                    if key:
                        names.setdefault(key, term)
            self._names.append((tag, names))
        self._longest = max((len(key) for _, names in self._names for key in names), default=0)

    def names(self, term: Term) -> tuple[str, ...]:
        """The term's names in the searched locale, preferred first."""
        wording = term.wordings.get(self.locale)
        return (*wording.names, *wording.avoid) if wording else ()

    def words(self) -> DocumentWords:
        """The words of the searched locale's names, as the vocabulary counts a document's."""
        language = language_of(self.locale)
        names = (name for term in self.glossary.terms for name in self.names(term))
        return document_words((name, language) for name in names)

    def related(self, term: Term) -> tuple[Term, ...]:
        found = (self.glossary.term(term_id) for term_id in term.related)
        return tuple(related for related in found if related is not None)

    def match(self, typed_words: Sequence[str], start: int) -> TermMatch | None:
        """The longest name starting at ``typed_words[start]``, in the searched locale first."""
        for tag, names in self._names:
            language = language_of(tag)
            # (position after the word, its term) of each word that is not a stop word.
            terms = [
                (position + 1, term)
                for position in range(start, len(typed_words))
                if (term := term_of(typed_words[position], language)) is not None
            ]
            if not terms or start + 1 != terms[0][0]:
                continue  # a name never starts with a stop word
            for length in range(min(self._longest, len(terms)), 0, -1):
                found = names.get(tuple(term for _, term in terms[:length]))
                if found is not None:
                    return TermMatch(found, terms[length - 1][0] - start, tag)
        return None


def phrase_terms(text: str, language: str) -> Phrase:
    return tuple(term for word in words(text, language) if (term := term_of(word, language)))
