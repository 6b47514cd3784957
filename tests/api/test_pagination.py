"""Relay pagination edges: empty pages, the end of the list, bad cursors, the size cap."""

from __future__ import annotations

from typing import Any

import pytest

from api.graphql.pagination import encode_cursor
from tests.api.conftest import ApiClient

FAQS_PAGE = """query($first: Int!, $after: String) { faqs(first: $first, after: $after) {
    totalCount edges { cursor node { key } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


def page(client: ApiClient, first: int, after: str | None = None) -> dict[str, Any]:
    faqs: dict[str, Any] = client.data(FAQS_PAGE, {"first": first, "after": after})["faqs"]
    return faqs


def test_pages_walk_the_whole_list_once(client: ApiClient) -> None:
    keys: list[str] = []
    after = None
    while True:
        current = page(client, 2, after)
        keys += [edge["node"]["key"] for edge in current["edges"]]
        assert current["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not current["pageInfo"]["hasNextPage"]:
            break
        after = current["pageInfo"]["endCursor"]

    assert len(keys) == 5
    assert len(set(keys)) == 5
    assert keys == [edge["node"]["key"] for edge in page(client, 100)["edges"]]


def test_first_zero_gives_the_count_and_no_edges(client: ApiClient) -> None:
    empty = page(client, 0)

    assert empty["totalCount"] == 5
    assert empty["edges"] == []
    assert empty["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }


def test_after_the_last_item_the_page_is_empty(client: ApiClient) -> None:
    last_cursor = page(client, 100)["pageInfo"]["endCursor"]
    beyond = page(client, 10, last_cursor)

    assert beyond["edges"] == []
    assert beyond["pageInfo"]["hasNextPage"] is False
    assert page(client, 10, encode_cursor(500))["edges"] == []


@pytest.mark.parametrize("cursor", ["not-a-cursor", "", "djE6LTE=", "Zm9vOjE="])
def test_bad_cursor_is_a_bad_input_error(client: ApiClient, cursor: str) -> None:
    errors = client.errors(FAQS_PAGE, {"first": 2, "after": cursor})

    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "cursor" in errors[0]["message"]


@pytest.mark.parametrize("first", [101, -1])
def test_page_size_outside_0_to_100_is_refused(client: ApiClient, first: int) -> None:
    errors = client.errors(FAQS_PAGE, {"first": first})

    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert errors[0]["message"] == f"first must be between 0 and 100, got {first}"


def test_first_100_is_allowed(client: ApiClient) -> None:
    assert page(client, 100)["totalCount"] == 5
