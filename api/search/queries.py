"""Parsed user input -> Whoosh queries, one per thing to find: fields and boosts, the
glossary's names, typos, prefixes.

Each unit of the query (a word, a quoted phrase, a prefix, or a glossary name of several
words) becomes one ``Unit`` with two queries: its matches in the text the reader sees
(the locale's own text, or the fallback text the reader is shown) and its matches in
another language (another locale's text of the item, or a glossary name typed in
another language). The ranking (``ranking.py``) counts the units an item matches and
ranks cross-language matches below the reader's own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import takewhile

from whoosh import query as wq
from whoosh.analysis import Analyzer
from whoosh.fields import Schema
from whoosh.reading import IndexReader

from api.search.analysis import analyze, is_stop_word
from api.search.schema import (
    CROSS_LANGUAGE_BOOST,
    PART_BOOSTS,
    TAG_BOOST,
    TextPart,
    cross_field,
    tag_field,
    text_field,
)
from api.search.synonyms import Synonyms, TermMatch
from api.search.userquery import Clause, ClauseKind, UserQuery
from api.search.vocabulary import Vocabulary
from api.settings import Settings

# A misspelling's match counts for less than the word itself, so exact matches rank
# first; a prefix's completions likewise count less than a word typed in full, and a
# related glossary term (``antidepressant`` for ``SSRI``) less than the term itself.
TYPO_BOOST = 0.3
PREFIX_BOOST = 0.6
RELATED_TERM_BOOST = 0.5
# A glossary name of several words also matches with one other word inside it
# ("ketamine therapy" in "ketamine infusion therapy"): Whoosh's slop, 1 being adjacent.
NAME_SLOP = 2


@dataclass(frozen=True)
class SearchedField:
    name: str
    analyzer: Analyzer
    boost: float
    # Another locale's text: its matches are cross-language.
    cross: bool = False
    # An article's title or a FAQ's question, in the reader's text.
    headline: bool = False
    # Stored and shown in snippets (the text fields of the reader's locale and fallbacks).
    shown: bool = True


@dataclass(frozen=True)
class Alternative:
    """Text that satisfies a unit, and how much a match on it is worth."""

    text: str
    boost: float = 1.0
    # A wording of another language (a glossary name typed in it): cross-language.
    cross: bool = False
    # How far apart the words of a phrase may be (1: next to each other).
    slop: int = 1


@dataclass(frozen=True)
class Probe:
    """One field to look in for one alternative's terms (a phrase when several)."""

    field: str
    terms: tuple[str, ...]
    boost: float
    slop: int = 1
    # A match is cross-language (another locale's text, or its wording).
    cross: bool = False
    # The field is a headline (a title or question) of the reader's text.
    headline: bool = False
    # The field is shown in snippets.
    shown: bool = True

    @property
    def query(self) -> wq.Query:
        if len(self.terms) == 1:
            return wq.Term(self.field, self.terms[0], boost=self.boost)
        return wq.Phrase(self.field, list(self.terms), slop=self.slop, boost=self.boost)


@dataclass(frozen=True)
class Unit:
    """One thing the user asked to find: every field and wording it may be found in."""

    probes: tuple[Probe, ...]

    @property
    def query(self) -> wq.Query:
        """The unit as one Whoosh query (for highlighting and scoped look-ups)."""
        return wq.Or([probe.query for probe in self.probes])


@dataclass(frozen=True)
class CompiledQuery:
    units: tuple[Unit, ...]
    # Word clauses no document contains as typed, each with the closest real word:
    # the makings of "did you mean".
    corrections: tuple[tuple[Clause, str], ...]

    @property
    def shown(self) -> wq.Query:
        """Any unit in the fields snippets show: what highlighting looks for."""
        return wq.Or([probe.query for unit in self.units for probe in unit.probes if probe.shown])


def searched_fields(
    schema: Schema, languages: Sequence[str], reader_language: str
) -> tuple[SearchedField, ...]:
    """Every text field of the index with its boost, using the analyzers stored with it.

    Tags are written in their item's source language: in another language than the
    reader's, a match on them is cross-language.
    """
    fields: list[SearchedField] = []
    for language in languages:
        for part in TextPart:
            for name, boost, cross in (
                (text_field(part, language), PART_BOOSTS[part], False),
                (cross_field(part, language), PART_BOOSTS[part] * CROSS_LANGUAGE_BOOST, True),
            ):
                if name in schema:
                    headline = part is TextPart.TITLE and not cross
                    field = SearchedField(
                        name, schema[name].analyzer, boost, cross, headline, shown=not cross
                    )
                    fields.append(field)
        if (name := tag_field(language)) in schema:
            cross = language != reader_language
            field = SearchedField(name, schema[name].analyzer, TAG_BOOST, cross, shown=False)
            fields.append(field)
    return tuple(fields)


class QueryCompiler:
    def __init__(
        self,
        *,
        fields: Sequence[SearchedField],
        reader: IndexReader,
        vocabulary: Vocabulary,
        synonyms: Synonyms,
        language: str,
        settings: Settings,
    ) -> None:
        self.fields = fields
        self.reader = reader
        self.vocabulary = vocabulary
        self.synonyms = synonyms
        self.language = language
        self.settings = settings
        self._near_words: dict[str, list[str]] = {}

    def compile(self, user_query: UserQuery) -> CompiledQuery | None:
        """None when nothing is left to search for (empty input, only stop words)."""
        units: list[Unit] = []
        corrections: list[tuple[Clause, str]] = []
        for alternatives, clauses in self._units(user_query.clauses):
            unit = self._unit(alternatives)
            if unit is None:
                continue
            units.append(unit)
            for clause in clauses:
                if clause.kind is ClauseKind.WORD and not self._is_indexed(clause.text):
                    near = self._near(clause.folded[0])
                    if near:
                        corrections.append((clause, near[0]))
        if not units:
            return None
        return CompiledQuery(tuple(units), tuple(corrections))

    def word_query(self, word: str) -> wq.Query | None:
        """Any searched field holding the word (as its analyzers index it)."""
        unit = self._unit([Alternative(word)])
        return None if unit is None else unit.query

    def _near(self, folded_word: str) -> list[str]:
        """Known words close to this one (computed once per query: it walks the vocabulary)."""
        if folded_word not in self._near_words:
            self._near_words[folded_word] = self.vocabulary.near(folded_word)
        return self._near_words[folded_word]

    def _units(
        self, clauses: Sequence[Clause]
    ) -> Iterator[tuple[list[Alternative], Sequence[Clause]]]:
        """Clauses grouped into units to match, glossary names (``TRD``) becoming one unit."""
        position = 0
        while position < len(clauses):
            clause = clauses[position]
            if clause.kind is ClauseKind.WORD:
                run = [
                    c.words[0]
                    for c in takewhile(lambda c: c.kind is ClauseKind.WORD, clauses[position:])
                ]
                match = self.synonyms.match(run, 0)
                if match is not None:
                    covered = clauses[position : position + match.length]
                    yield self._term_alternatives(match, covered), covered
                    position += match.length
                    continue
            position += 1
            alternatives = self._alternatives(clause)
            if alternatives:
                yield alternatives, (clause,)

    def _term_alternatives(self, match: TermMatch, typed: Sequence[Clause]) -> list[Alternative]:
        """A glossary term's names in the searched locale, then its related terms' names.

        When the user typed another locale's wording, the searched locale's names are a
        cross-language match, and what was typed is also looked for as typed.
        """
        cross = match.typed_locale != self.synonyms.locale
        alternatives = [Alternative(name, cross=cross) for name in self.synonyms.names(match.term)]
        if cross:
            alternatives.append(Alternative(" ".join(c.text for c in typed), cross=True))
        for related in self.synonyms.related(match.term):
            alternatives.extend(
                Alternative(name, RELATED_TERM_BOOST, cross)
                for name in self.synonyms.names(related)
            )
        return alternatives

    def _alternatives(self, clause: Clause) -> list[Alternative]:
        if clause.kind is ClauseKind.PHRASE:
            return [Alternative(clause.text)]
        folded = clause.folded[0]
        if clause.kind is ClauseKind.PREFIX:
            completions = self.vocabulary.completions(folded, self.settings.max_prefix_expansions)
            return [Alternative(clause.text)] + [
                Alternative(word, PREFIX_BOOST) for word in completions if word != folded
            ]
        if is_stop_word(folded, self.language):
            return []
        if self.vocabulary.frequency(folded) > 0 or self._is_indexed(clause.text, cross=True):
            # A word the content uses (in any language) is taken as typed: looking for
            # misspellings of every word would cost more than it finds (stems already
            # join forms), and those of a word of the other language find nonsense.
            return [Alternative(clause.text)]
        typos = self._near(folded)[: self.settings.max_typo_variants]
        return [Alternative(clause.text)] + [Alternative(word, TYPO_BOOST) for word in typos]

    def _is_indexed(self, text: str, *, cross: bool | None = None) -> bool:
        """Whether any field holds the text as typed (its stem counts: no "did you mean").

        ``cross``: only other locales' fields (True), only the reader's (False), or all.
        """
        return any(
            self.reader.doc_frequency(field.name, term) > 0
            for field in self.fields
            if cross is None or field.cross is cross
            for term in analyze(field.analyzer, text)
        )

    def _unit(self, alternatives: Sequence[Alternative]) -> Unit | None:
        probes = [
            Probe(
                field.name,
                tuple(terms),
                field.boost * alternative.boost,
                alternative.slop,
                field.cross or alternative.cross,
                field.headline,
                field.shown,
            )
            for alternative in alternatives
            for field in self.fields
            if (terms := analyze(field.analyzer, alternative.text))
        ]
        return Unit(tuple(probes)) if probes else None
