"""Limits that keep any one search cheap, whatever the user types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchLimits:
    # Longer input is refused (QUERY_TOO_LONG) before any analysis.
    max_query_chars: int = 500
    # Words in one query, stop words included (TOO_MANY_TERMS).
    max_terms: int = 32
    # Seconds a search may run before it is abandoned (SEARCH_TIMEOUT).
    time_limit: float = 2.0
    # Page size and depth (INVALID_PAGINATION beyond them).
    max_limit: int = 100
    max_offset: int = 1000
    # A trailing ``*`` needs this many letters, and expands to at most this many words.
    min_prefix_chars: int = 3
    max_prefix_expansions: int = 20
    # Vocabulary entries examined for one prefix (completion or ``word*``).
    max_prefix_scan: int = 500
    # Misspellings of one word searched for alongside it.
    max_typo_variants: int = 3
