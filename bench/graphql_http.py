"""GraphQL over HTTP as clients send it: GET URLs, POST bodies, automatic persisted queries.

APQ follows Apollo's protocol: the client sends ``extensions.persistedQuery =
{"version": 1, "sha256Hash": <sha256 of the query text>}`` without the query; a
server that does not know the hash answers the error ``PERSISTED_QUERY_NOT_FOUND``,
and the client sends the query once with the hash to register it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import httpx

GRAPHQL_PATH = "/graphql"
# What API clients send; without it, a GET without a query may get the GraphiQL page.
ACCEPT_JSON = {"Accept": "application/json"}
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"

Variables = Mapping[str, Any]


class BadResponse(AssertionError):
    """A response that is not a 200 with data and no errors."""


def compact(query: str) -> str:
    """The query on one line: what a client library sends, and what its hash is made of."""
    return " ".join(query.split())


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def get_path(query: str, variables: Variables | None = None) -> str:
    """``/graphql?query=...&variables=...``: the cacheable (CDN-friendly) form."""
    parameters = {"query": compact(query)}
    if variables:
        parameters["variables"] = _json(variables)
    return f"{GRAPHQL_PATH}?{urlencode(parameters)}"


def post_body(query: str, variables: Variables | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"query": compact(query)}
    if variables:
        body["variables"] = dict(variables)
    return body


def persisted_query_extensions(query: str) -> dict[str, Any]:
    digest = hashlib.sha256(compact(query).encode("utf-8")).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def persisted_get_path(query: str, variables: Variables | None = None) -> str:
    """The APQ GET: the query's hash instead of its text."""
    parameters = {"extensions": _json(persisted_query_extensions(query))}
    if variables:
        parameters["variables"] = _json(variables)
    return f"{GRAPHQL_PATH}?{urlencode(parameters)}"


def persisted_registration(query: str, variables: Variables | None = None) -> dict[str, Any]:
    """The POST body that registers a query under its hash (and answers it)."""
    return {**post_body(query, variables), "extensions": persisted_query_extensions(query)}


def error_codes(response: httpx.Response) -> list[str]:
    """The ``extensions.code`` of each GraphQL error in the body (empty if none or not JSON)."""
    try:
        body = response.json()
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    return [str((error.get("extensions") or {}).get("code", "")) for error in errors or []]


def check_data(response: httpx.Response, what: str) -> dict[str, Any]:
    """The ``data`` of a 200 response without errors; BadResponse otherwise."""
    if response.status_code != 200:
        raise BadResponse(f"{what}: HTTP {response.status_code}: {response.text[:500]}")
    try:
        body = response.json()
    except ValueError as error:
        raise BadResponse(f"{what}: not JSON: {response.text[:500]}") from error
    if not isinstance(body, dict) or body.get("errors") or not body.get("data"):
        raise BadResponse(f"{what}: errors or no data: {response.text[:500]}")
    data: dict[str, Any] = body["data"]
    return data
