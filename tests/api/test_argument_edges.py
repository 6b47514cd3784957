"""Explicit nulls and refused values: the documented default or BAD_USER_INPUT, in JSON's words.

`first` is `Int = 20` (or 10): null, as a literal or a variable, means the default.
Whatever graphql-core refuses is reported without Python's words (None, True, False).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.api.conftest import ApiClient

# The fields whose `first` has a default, and how each is given it (at <first>).
PAGED = {
    "articles": ("articles<first> { totalCount edges { cursor } }", "(first: $f)"),
    "faqs": ("faqs<first> { totalCount edges { cursor } }", "(first: $f)"),
    "search": ('search(query: "ketamine"<first>) { totalCount hits { cursor } }', ", first: $f"),
    "suggest": ('suggest(prefix: "k"<first>)', ", first: $f"),
}
PYTHON_WORDS = re.compile(r"\b(None|True|False|NoneType|int|str|dict|float|bool|Traceback)\b")


def with_first(field: str, value: str = "$f") -> str:
    template, argument = PAGED[field]
    return template.replace("<first>", argument.replace("$f", value))


def outcome(client: ApiClient, query: str, variables: dict[str, object]) -> dict[str, Any]:
    response = client.post_query(query, variables)
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    return payload


@pytest.mark.parametrize("field", PAGED)
@pytest.mark.parametrize("how", ["variable", "literal"])
def test_an_explicit_null_first_means_the_default(client: ApiClient, field: str, how: str) -> None:
    omitted = client.data("{ " + PAGED[field][0].replace("<first>", "") + " }")
    if how == "variable":
        explicit = client.data(f"query($f: Int) {{ {with_first(field)} }}", {"f": None})
    else:
        explicit = client.data("{ " + with_first(field, "null") + " }")

    assert explicit == omitted


def test_the_suggestion_default_applies_to_null(client: ApiClient) -> None:
    # More completions exist for "k" than the default: null must not mean "all".
    everything = client.data('{ suggest(prefix: "k", first: 50) }')["suggest"]
    with_null = client.data('query($f: Int) { suggest(prefix: "k", first: $f) }', {"f": None})

    assert len(with_null["suggest"]) == min(10, len(everything))


@pytest.mark.parametrize("field", PAGED)
def test_a_first_out_of_range_names_the_argument(client: ApiClient, field: str) -> None:
    [error] = outcome(client, f"query($f: Int) {{ {with_first(field)} }}", {"f": 101})["errors"]

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("first must be between 0 and ")


REFUSED_VALUES: list[tuple[str, dict[str, object]]] = [
    ("query($f: Int!) { faqs(first: $f) { totalCount } }", {"f": None}),
    ("query($f: Int) { faqs(first: $f) { totalCount } }", {"f": True}),
    ("query($f: Int) { faqs(first: $f) { totalCount } }", {"f": {"a": None}}),
    ("query($f: Int) { faqs(first: $f) { totalCount } }", {"f": "x"}),
    ("query($f: Int) { faqs(first: $f) { totalCount } }", {"f": 2**40}),
    ("query($id: ID!) { node(id: $id) { id } }", {"id": None}),
    ("query($q: String!) { search(query: $q) { totalCount } }", {"q": None}),
    ("query($q: String!) { search(query: $q) { totalCount } }", {"q": False}),
    ('query($t: [String!]) { search(query: "k", tags: $t) { totalCount } }', {"t": [None]}),
    ('query($t: [ContentType!]) { search(query: "k", types: $t) { totalCount } }', {"t": [1]}),
    ("query($l: String) { messages(locale: $l) { key } }", {"l": True}),
    ("{ faqs(first: true) { totalCount } }", {}),
    ('{ faqs(first: "20") { totalCount } }', {}),
    ("{ node(id: null) { id } }", {}),
    ('{ faqs(after: "not a cursor") { totalCount } }', {}),
    ('{ article(slug: "a", key: "b") { key } }', {}),
    ('{ article(key: "ketamine-trd", locale: "!!") { key } }', {}),
]


@pytest.mark.parametrize(("query", "variables"), REFUSED_VALUES)
def test_refusals_are_the_clients_and_in_its_words(
    client: ApiClient, query: str, variables: dict[str, object]
) -> None:
    errors = outcome(client, query, variables)["errors"]

    for error in errors:
        assert error["extensions"]["code"] in {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}
        assert not PYTHON_WORDS.search(error["message"]), error["message"]


def test_a_null_for_a_non_null_variable_says_null(client: ApiClient) -> None:
    [error] = outcome(client, "query($f: Int!) { faqs(first: $f) { totalCount } }", {"f": None})[
        "errors"
    ]

    assert error["message"] == (
        "Variable '$f' has invalid value: Expected value of non-null type 'Int!' not to be null."
    )
