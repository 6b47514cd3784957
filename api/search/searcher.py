"""An open version of the indexes: search and autocomplete, safe to share between threads."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from types import TracebackType

from whoosh import query as wq
from whoosh.collectors import TimeLimit
from whoosh.index import Index
from whoosh.searching import Hit, Results, Searcher

from api.content import ContentSnapshot, ContentType, Item, Status
from api.errors import ErrorCode
from api.metrics import SEARCH_SECONDS
from api.paging import MAX_PAGE_SIZE, MAX_SUGGESTIONS
from api.search.analysis import fold_accents, language_of, normalize_word
from api.search.builder import IndexNotBuilt, is_built, version_dir
from api.search.documents import item_id, item_id_of
from api.search.manifest import Manifest
from api.search.pool import SearcherPool
from api.search.postings import PostingCache
from api.search.queries import CompiledQuery, Probe, QueryCompiler, searched_fields
from api.search.ranking import ItemTable, Ranking, rank_items
from api.search.schema import ITEM_ID, SECTION_ID, TAGS, TEXT_LOCALE, TYPE
from api.search.snippets import hit_snippets
from api.search.storage import PrivateCopy, ReaderLease
from api.search.synonyms import Synonyms
from api.search.types import FacetCount, SearchError, SearchHit, SearchRequest, SearchResults
from api.search.userquery import Clause, UserQuery, last_word, parse_user_query, respell
from api.search.vocabulary import Vocabulary, WordCounts
from api.settings import Settings

_NO_RESULTS = SearchResults(hits=(), total=0, type_facets=(), tag_facets=(), suggestion=None)


class SearchIndex:
    """The indexes of one content version, one per locale.

    Safe to call from any number of threads: searches of one locale take turns on its
    searcher (``searchers``), kept open while the version lives: its files never change.
    """

    def __init__(
        self, directory: Path, snapshot: ContentSnapshot, settings: Settings | None = None
    ) -> None:
        self.directory = directory
        self.version = snapshot.version
        self.settings = settings or Settings()
        # Read from a checked private copy (storage.py), which no one else can change.
        self._files = PrivateCopy.of(directory, Manifest.read(directory), snapshot.locales.enabled)
        self._indexes: dict[str, Index] = {
            locale: self._files.open(locale) for locale in snapshot.locales.enabled
        }
        self._items: dict[str, Item] = {item_id(item): item for item in snapshot.items()}
        self._published = tuple(
            item for item in snapshot.items() if item.status is Status.PUBLISHED
        )
        self._arrays_of: dict[str, tuple[ItemTable, PostingCache]] = {}
        self._locales = snapshot.locales.enabled
        self._languages = tuple(sorted({language_of(tag) for tag in snapshot.locales.enabled}))
        self._synonyms = {
            locale: Synonyms(snapshot.glossary, locale) for locale in snapshot.locales.enabled
        }
        self._vocabularies = {
            locale: self._vocabulary(self._files.folder / locale, self._synonyms[locale])
            for locale in self._indexes
        }
        self.searchers = SearcherPool(self._indexes)
        # Pruning leaves this version alone while this process may read it.
        self._lease = ReaderLease.take(directory.parent, self.version)

    def _vocabulary(self, index_dir: Path, synonyms: Synonyms) -> Vocabulary:
        """The index's words, and the glossary's: a misspelt name is corrected too."""
        return Vocabulary(WordCounts.load(index_dir), self.settings, synonyms.words())

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.searchers.close()
        self._lease.release()

    def remove_copy(self) -> None:
        """Delete the private copy of the files now: the process is about to end."""
        self._files.remove()

    def unavailable_locales(self) -> dict[str, str]:
        """Locales whose index cannot serve now, and why (for operators)."""
        return dict(self.searchers.failures)

    def search(self, request: SearchRequest) -> SearchResults:
        """Results for a user's search; bad input gives SearchError, never another exception."""
        self._check_request(request)
        language = language_of(request.locale)
        user_query = parse_user_query(request.text, language, self.settings)
        if request.within is not None and not request.within:
            return _NO_RESULTS
        with (
            SEARCH_SECONDS.labels(locale=request.locale, kind="search").time(),
            self.searchers.borrow(request.locale) as searcher,
        ):
            return self._search(searcher, request, user_query)

    def _search(
        self, searcher: Searcher, request: SearchRequest, user_query: UserQuery
    ) -> SearchResults:
        vocabulary = self._vocabularies[request.locale]
        compiler = self._compiler(searcher, request.locale)
        compiled = compiler.compile(user_query)
        if compiled is None:
            return _NO_RESULTS
        deadline = time.monotonic() + self.settings.search_time_limit
        corrections = compiled.corrections
        try:
            table, postings = self._arrays(request.locale, searcher)
            allowed = table.allowed(request.types, request.tags, request.within)
            ranking = rank_items(
                searcher,
                postings=postings,
                table=table,
                units=compiled.units,
                allowed=allowed,
                deadline=deadline,
            )
            hits = self._hits(searcher, compiled, ranking, request)
            if request.within is not None and corrections:
                # "Did you mean" offers only words the caller could find.
                found = _words_within(
                    searcher, compiler, [word for _, word in corrections], request.within, deadline
                )
                corrections = tuple(pair for pair in corrections if pair[1] in found)
        except TimeLimit:
            raise SearchError(
                ErrorCode.SEARCH_TIMEOUT,
                "The search took too long; try fewer or more specific words.",
            ) from None
        type_counts, tag_counts = ranking.facets()
        return SearchResults(
            hits=hits,
            total=len(ranking),
            type_facets=_facets(type_counts),
            tag_facets=_facets(tag_counts),
            suggestion=_did_you_mean(user_query, corrections, vocabulary),
        )

    def _arrays(self, locale: str, searcher: Searcher) -> tuple[ItemTable, PostingCache]:
        """The locale's item table and posting cache, made on its first search.

        Called with the locale's searcher borrowed, so never by two threads at once.
        """
        arrays = self._arrays_of.get(locale)
        if arrays is None:
            table = ItemTable(searcher, self._published)
            arrays = self._arrays_of[locale] = (table, PostingCache(searcher.doc_count_all()))
        return arrays

    def suggest(
        self,
        prefix: str,
        locale: str,
        limit: int = 10,
        *,
        within: frozenset[tuple[ContentType, str]] | None = None,
    ) -> tuple[str, ...]:
        """Completions of the last word typed (``ket`` -> ``kétamine``), commonest first.

        With ``within``, only words that one of those items (type, key) contains.
        """
        self._check_locale(locale)
        with SEARCH_SECONDS.labels(locale=locale, kind="suggest").time():
            return self._suggest(prefix, locale, limit, within)

    def _suggest(
        self,
        prefix: str,
        locale: str,
        limit: int,
        within: frozenset[tuple[ContentType, str]] | None,
    ) -> tuple[str, ...]:
        typed = last_word(prefix) if len(prefix) <= self.settings.max_search_chars else None
        if typed is None or (within is not None and not within):
            return ()
        word = normalize_word(typed.group(1), language_of(locale))
        vocabulary = self._vocabularies[locale]
        lead = prefix[: typed.start(1)]
        limit = max(0, min(limit, MAX_SUGGESTIONS))
        if within is None:
            completions = vocabulary.completions(fold_accents(word), limit)
        else:
            candidates = vocabulary.completions(fold_accents(word), self.settings.max_prefix_scan)
            deadline = time.monotonic() + self.settings.search_time_limit
            with self.searchers.borrow(locale) as searcher:
                compiler = self._compiler(searcher, locale)
                try:
                    completions = _words_within(
                        searcher, compiler, candidates, within, deadline, limit=limit
                    )
                except TimeLimit:
                    completions = []
        return tuple(
            lead + respell(typed.group(1), word, vocabulary.spelling(completion))
            for completion in completions
        )

    def _compiler(self, searcher: Searcher, locale: str) -> QueryCompiler:
        return QueryCompiler(
            fields=searched_fields(searcher.schema, self._languages, language_of(locale)),
            reader=searcher.reader(),
            vocabulary=self._vocabularies[locale],
            synonyms=self._synonyms[locale],
            language=language_of(locale),
            settings=self.settings,
        )

    def _hits(
        self,
        searcher: Searcher,
        compiled: CompiledQuery,
        ranking: Ranking,
        request: SearchRequest,
    ) -> tuple[SearchHit, ...]:
        page = range(request.offset, min(request.offset + request.limit, len(ranking)))
        best = {rank: ranking.best_document(rank) for rank in page}
        marked = (
            _highlightable(searcher, self._arrays_of[request.locale][1], compiled, best.values())
            if request.highlight
            else {}
        )
        hits = []
        for rank in page:
            item = ranking.item(rank)
            hit = marked.get(best[rank])
            # The hit's fields when highlighting: read once, kept by the hit for its snippets.
            stored = hit.fields() if hit is not None else searcher.stored_fields(best[rank])
            text_locale = stored[TEXT_LOCALE]
            hits.append(
                SearchHit(
                    type=item.type,
                    key=item.key,
                    score=ranking.score(rank),
                    section_id=stored.get(SECTION_ID),
                    text_locale=text_locale,
                    is_fallback=text_locale != request.locale,
                    matched_locale=(
                        self._other_locale(request.locale, text_locale)
                        if ranking.cross_language_only(rank)
                        else text_locale
                    ),
                    snippets=hit_snippets(hit, self._languages) if hit is not None else (),
                )
            )
        return tuple(hits)

    def _other_locale(self, locale: str, text_locale: str) -> str:
        """The locale a cross-language match was found in: one in another language."""
        shown = language_of(text_locale)
        others = (tag for tag in self._locales if tag != locale and language_of(tag) != shown)
        return next(others, locale)

    def _check_locale(self, locale: str) -> None:
        if locale not in self._indexes:
            raise SearchError(
                ErrorCode.UNSUPPORTED_LOCALE,
                f"Locale {locale!r} is not searchable; use one of {', '.join(self._indexes)}.",
            )

    def _check_request(self, request: SearchRequest) -> None:
        self._check_locale(request.locale)
        if not 1 <= request.limit <= MAX_PAGE_SIZE:
            raise SearchError(
                ErrorCode.INVALID_PAGINATION, f"limit must be between 1 and {MAX_PAGE_SIZE}."
            )
        max_offset = self.settings.max_search_offset
        if not 0 <= request.offset <= max_offset:
            raise SearchError(
                ErrorCode.INVALID_PAGINATION, f"offset must be between 0 and {max_offset}."
            )


def open_index(
    index_root: Path, snapshot: ContentSnapshot, settings: Settings | None = None
) -> SearchIndex:
    """Open the indexes built for the snapshot's content version."""
    if not is_built(index_root, snapshot.version):
        raise IndexNotBuilt(
            f"no index for content version {snapshot.version} in {index_root}; "
            "run `content-api index`"
        )
    return SearchIndex(version_dir(index_root, snapshot.version), snapshot, settings)


def _filter(request: SearchRequest) -> wq.Query | None:
    parts: list[wq.Query] = []
    if request.types:
        parts.append(wq.Or([wq.Term(TYPE, kind.value) for kind in sorted(request.types)]))
    if request.tags:
        parts.append(wq.Or([wq.Term(TAGS, tag) for tag in sorted(request.tags)]))
    if request.within is not None:
        parts.append(_items_query(request.within))
    return wq.And(parts) if parts else None


def _highlightable(
    searcher: Searcher, postings: PostingCache, compiled: CompiledQuery, documents: Collection[int]
) -> dict[int, Hit]:
    """Whoosh hits of the page's documents, with the terms each matched, for snippets.

    Which words matched is read from the cached postings, not by searching again: the
    highlighter then only reads those words' character offsets in those documents.
    """
    if not documents:
        return {}
    page = sorted(documents)
    matched: dict[int, list[tuple[str, bytes]]] = {document: [] for document in page}
    # Each word of a phrase is marked where the document has it, as a word typed alone is.
    words = {
        (probe.field, term)
        for unit in compiled.units
        for probe in unit.probes
        if probe.shown
        for term in probe.terms
    }
    for field, term in sorted(words):
        found = postings.postings(searcher, Probe(field, (term,), 1.0))
        for document in page:
            if found.holds(document):
                matched[document].append((field, searcher.schema[field].to_bytes(term)))
    results = Results(searcher, compiled.shown, top_n=[(0.0, d) for d in page], docset=set(page))
    results.docterms = matched
    termdocs: dict[tuple[str, bytes], list[int]] = {}
    for document, terms in results.docterms.items():
        for term in terms:
            termdocs.setdefault(term, []).append(document)
    results.termdocs = termdocs
    return {document: Hit(results, document, position) for position, document in enumerate(page)}


def _items_query(items: frozenset[tuple[ContentType, str]]) -> wq.Query:
    return wq.Or([wq.Term(ITEM_ID, item_id_of(kind, key)) for kind, key in sorted(items)])


def _words_within(
    searcher: Searcher,
    compiler: QueryCompiler,
    words: Iterable[str],
    within: frozenset[tuple[ContentType, str]],
    deadline: float,
    *,
    limit: int | None = None,
) -> list[str]:
    """The words (vocabulary words, in order) that some item of ``within`` contains."""
    allowed = _items_query(within)
    found: list[str] = []
    for word in words:
        if limit is not None and len(found) >= limit:
            break
        query = compiler.word_query(word)
        if query is not None and _matched_items(searcher, wq.Require(query, allowed), deadline):
            found.append(word)
    return found


def _matched_items(searcher: Searcher, query: wq.Query, deadline: float) -> frozenset[str]:
    """Every item the query matches (for the total and facets), within the time limit."""
    items = searcher.reader().column_reader(ITEM_ID)
    segments = searcher.subsearchers or [(searcher, 0)]
    found: set[str] = set()
    for segment, offset in segments:
        _check_deadline(deadline)
        found.update(items[offset + docnum] for docnum in _matching_docs(segment, query))
    return frozenset(found)


def _matching_docs(searcher: Searcher, query: wq.Query) -> set[int]:
    """The documents a query matches, as set algebra over each term's postings.

    Much faster than walking Whoosh's union and intersection matchers document by
    document (``docs_for_query``); phrases and other queries still take that path.
    """
    if isinstance(query, wq.Term):
        if (query.fieldname, query.text) not in searcher.reader():
            return set()
        return set(query.matcher(searcher).all_ids())
    if isinstance(query, wq.Or):
        return set().union(*(_matching_docs(searcher, child) for child in query.subqueries))
    if isinstance(query, wq.And):
        children = [_matching_docs(searcher, child) for child in query.subqueries]
        return set.intersection(*children) if children else set()
    if isinstance(query, wq.Require):
        return _matching_docs(searcher, query.a) & _matching_docs(searcher, query.b)
    return set(query.docs(searcher))


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise TimeLimit


def _facets(counts: Mapping[str, int]) -> tuple[FacetCount, ...]:
    """Most frequent first, then alphabetical, so the order is stable."""
    return tuple(
        FacetCount(value, count)
        for value, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    )


def _did_you_mean(
    user_query: UserQuery, corrections: tuple[tuple[Clause, str], ...], vocabulary: Vocabulary
) -> str | None:
    """The query as typed, with each unknown word replaced by its closest real word."""
    if not corrections:
        return None
    text = user_query.text
    for clause, correction in sorted(corrections, key=lambda pair: pair[0].start, reverse=True):
        typed = text[clause.start : clause.end]
        respelled = respell(typed, clause.words[0], vocabulary.spelling(correction))
        text = text[: clause.start] + respelled + text[clause.end :]
    return " ".join(text.split())
