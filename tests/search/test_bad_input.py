"""Whatever is typed, a search returns results or a SearchError with a stable code."""

# French is written with the typographic apostrophe (U+2019); these tests must type it.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from api.content import ContentSnapshot
from api.search import SearchError, SearchIndex, SearchRequest
from api.settings import Settings
from tests.search.conftest import Search

BAD_INPUTS = [
    "",
    "   ",
    '"',
    '"side effects',
    'ketamine "',
    "((ketamine",
    "ketamine)",
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "ketamine AND",
    "NOT ketamine",
    "*",
    "a*",
    "**",
    "?",
    "k?t*mine",
    "ket*",
    "field:value",
    "title:ketamine",
    "doc_id:faq/side-effects",
    "type:faq",
    "ketamine~2",
    "ketamine^10",
    "[a TO z]",
    "{}",
    "\\",
    "\x00\x01\x1b[0m\x7f",
    "ket\u0000amine",
    "\u202eenimatek",
    "😀🧠💉",
    "kétamine 😀",
    "日本語",
    "'",
    "l'",
    "’’’",
    "-",
    "-ketamine",
    "+ketamine",
    "ketamine " * 30,
    "a" * 400,
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("locale", ["en-CA", "fr-CA"])
@pytest.mark.parametrize("text", BAD_INPUTS)
def test_odd_input_returns_results(search: Search, text: str, locale: str) -> None:
    results = search(text, locale)
    assert results.total >= len(results.hits)


@pytest.mark.parametrize("text", ["x" * 10_000, "ketamine " * 1_200, "a*" * 5_000])
def test_very_long_input_is_refused_with_a_clear_error(search: Search, text: str) -> None:
    with pytest.raises(SearchError) as caught:
        search(text)
    assert caught.value.code == "QUERY_TOO_LONG"
    assert "500" in caught.value.message


def test_too_many_words_are_refused(search: Search) -> None:
    with pytest.raises(SearchError) as caught:
        search(" ".join(f"w{n}" for n in range(40)))
    assert caught.value.code == "TOO_MANY_TERMS"


def test_limits_are_settings(shipped_index: SearchIndex, shipped_content: ContentSnapshot) -> None:
    strict = SearchIndex(shipped_index.directory, shipped_content, Settings(max_search_chars=5))
    with strict, pytest.raises(SearchError) as caught:
        strict.search(SearchRequest("ketamine", "en-CA"))
    assert caught.value.code == "QUERY_TOO_LONG"


def test_a_search_past_its_time_limit_is_a_timeout(
    shipped_index: SearchIndex, shipped_content: ContentSnapshot
) -> None:
    # A limit already spent: the first deadline check gives up.
    hurried = SearchIndex(
        shipped_index.directory, shipped_content, Settings(search_time_limit=-1.0)
    )
    with hurried, pytest.raises(SearchError) as caught:
        hurried.search(SearchRequest("ketamine", "en-CA"))
    assert caught.value.code == "SEARCH_TIMEOUT"


def test_empty_input_finds_nothing_and_suggests_nothing(search: Search) -> None:
    results = search("")
    assert (results.total, results.hits, results.suggestion) == (0, (), None)


def test_bare_wildcards_do_not_expand(search: Search) -> None:
    assert search("*").total == 0
    assert search("a*").total == 0


def test_a_long_enough_prefix_expands_to_real_words(search: Search) -> None:
    assert search("ket*").total == search("ketamine").total > 0


def test_field_syntax_is_plain_text(search: Search) -> None:
    # "type:faq" does not filter: "faq" is a word like any other and matches nothing.
    assert search("type:faq").total == 0
    assert search("title:ketamine").total == search("ketamine").total


@pytest.mark.parametrize(
    ("locale", "offset", "limit", "code"),
    [
        ("de-DE", 0, 10, "UNSUPPORTED_LOCALE"),
        ("en-CA", -1, 10, "INVALID_PAGINATION"),
        ("en-CA", 0, 0, "INVALID_PAGINATION"),
        ("en-CA", 0, 10_000, "INVALID_PAGINATION"),
        ("en-CA", 10**9, 10, "INVALID_PAGINATION"),
    ],
)
def test_bad_requests_are_typed_errors(
    shipped_index: SearchIndex, locale: str, offset: int, limit: int, code: str
) -> None:
    with pytest.raises(SearchError) as caught:
        shipped_index.search(SearchRequest("ketamine", locale, offset=offset, limit=limit))
    assert caught.value.code == code
