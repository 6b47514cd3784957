"""Parsed user input -> a Whoosh query: fields and boosts, synonyms, typos, prefixes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import takewhile

from whoosh import query as wq
from whoosh.analysis import Analyzer
from whoosh.fields import Schema
from whoosh.reading import IndexReader

from api.search.analysis import analyze, is_stop_word
from api.search.schema import PART_BOOSTS, TAG_BOOST, TAG_WORDS, TextPart, text_field
from api.search.synonyms import Synonyms
from api.search.userquery import Clause, ClauseKind, UserQuery
from api.search.vocabulary import Vocabulary
from api.settings import Settings

# A misspelling's match counts for less than the word itself, so exact matches rank
# first; a prefix's completions likewise count less than a word typed in full.
TYPO_BOOST = 0.3
PREFIX_BOOST = 0.6


@dataclass(frozen=True)
class SearchedField:
    name: str
    analyzer: Analyzer
    boost: float


@dataclass(frozen=True)
class Alternative:
    """Text that satisfies a clause, and how much a match on it is worth."""

    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class CompiledQuery:
    # Every clause must match: tried first.
    all_of: wq.Query
    # Any clause may match: used when ``all_of`` finds nothing (None for one clause).
    any_of: wq.Query | None
    # Word clauses no document contains as typed, each with the closest real word:
    # the makings of "did you mean".
    corrections: tuple[tuple[Clause, str], ...]


def searched_fields(schema: Schema, languages: Sequence[str]) -> tuple[SearchedField, ...]:
    """Every text field of the index with its boost, using the analyzers stored with it."""
    fields = [
        SearchedField(name, schema[name].analyzer, PART_BOOSTS[part])
        for language in languages
        for part in TextPart
        if (name := text_field(part, language)) in schema
    ]
    fields.append(SearchedField(TAG_WORDS, schema[TAG_WORDS].analyzer, TAG_BOOST))
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
        unit_queries: list[wq.Query] = []
        corrections: list[tuple[Clause, str]] = []
        for alternatives, clauses in self._units(user_query.clauses):
            unit_query = self._unit_query(alternatives)
            if unit_query is None:
                continue
            unit_queries.append(unit_query)
            for clause in clauses:
                if clause.kind is ClauseKind.WORD and not self._is_indexed(clause.text):
                    near = self._near(clause.folded[0])
                    if near:
                        corrections.append((clause, near[0]))
        if not unit_queries:
            return None
        if len(unit_queries) == 1:
            return CompiledQuery(unit_queries[0], None, tuple(corrections))
        return CompiledQuery(wq.And(unit_queries), wq.Or(unit_queries), tuple(corrections))

    def word_query(self, word: str) -> wq.Query | None:
        """Any searched field holding the word (as its analyzers index it)."""
        return self._unit_query([Alternative(word)])

    def _near(self, folded_word: str) -> list[str]:
        """Known words close to this one (computed once per query: it walks the vocabulary)."""
        if folded_word not in self._near_words:
            self._near_words[folded_word] = self.vocabulary.near(folded_word)
        return self._near_words[folded_word]

    def _units(
        self, clauses: Sequence[Clause]
    ) -> Iterator[tuple[list[Alternative], Sequence[Clause]]]:
        """Clauses grouped into units to match, synonym phrases (``TRD``) becoming one unit."""
        position = 0
        while position < len(clauses):
            clause = clauses[position]
            if clause.kind is ClauseKind.WORD:
                run = [
                    c.folded[0]
                    for c in takewhile(lambda c: c.kind is ClauseKind.WORD, clauses[position:])
                ]
                match = self.synonyms.match(run, 0)
                if match is not None:
                    length, group = match
                    yield (
                        [Alternative(phrase) for phrase in group],
                        clauses[position : position + length],
                    )
                    position += length
                    continue
            position += 1
            alternatives = self._alternatives(clause)
            if alternatives:
                yield alternatives, (clause,)

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
        if self.vocabulary.frequency(folded) > 0:
            # A word the content uses is taken as typed: looking for misspellings of
            # every word would cost more than it finds (stems already join forms).
            return [Alternative(clause.text)]
        typos = self._near(folded)[: self.settings.max_typo_variants]
        return [Alternative(clause.text)] + [Alternative(word, TYPO_BOOST) for word in typos]

    def _is_indexed(self, text: str) -> bool:
        """Whether any field holds the text as typed (its stem counts: no "did you mean")."""
        return any(
            self.reader.doc_frequency(field.name, term) > 0
            for field in self.fields
            for term in analyze(field.analyzer, text)
        )

    def _unit_query(self, alternatives: Sequence[Alternative]) -> wq.Query | None:
        subqueries: list[wq.Query] = []
        for alternative in alternatives:
            for field in self.fields:
                terms = analyze(field.analyzer, alternative.text)
                boost = field.boost * alternative.boost
                if len(terms) == 1:
                    subqueries.append(wq.Term(field.name, terms[0], boost=boost))
                elif terms:
                    subqueries.append(wq.Phrase(field.name, terms, boost=boost))
        return wq.Or(subqueries) if subqueries else None
