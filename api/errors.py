"""Every public error code, and the one shape a JSON error body has on every route.

A code is what clients branch on, so each is declared here once: the transport, the
GraphQL layer, the search engine, the partner gate and the embed routes all take
theirs from this registry, and docs/hardening.md lists every one (a test checks it).

Every JSON error body, from ``/graphql`` or any other route, reads::

    {"errors": [{"message": "...", "extensions": {"code": "...", ...}}]}

which is what GraphQL clients already parse; other routes use the same shape, so a
client needs one reader for every answer of the service.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

# What a client is told of an error nobody foresaw; the details go to the server's log.
INTERNAL_ERROR_MESSAGE = "Internal server error"


class ErrorCode(StrEnum):
    """``extensions.code`` of every error the service answers with."""

    # The HTTP request (any route).
    BAD_REQUEST = "BAD_REQUEST"
    NOT_FOUND = "NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    NOT_IMPLEMENTED = "NOT_IMPLEMENTED"
    # How the request arrived (the server's bounds, docs/hardening.md).
    REQUEST_TIMEOUT = "REQUEST_TIMEOUT"
    HEADERS_TOO_LARGE = "HEADERS_TOO_LARGE"
    # Who is asking: the partner gate.
    API_KEY_REQUIRED = "API_KEY_REQUIRED"
    INVALID_API_KEY = "INVALID_API_KEY"
    ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED"
    RATE_LIMITED = "RATE_LIMITED"
    OPERATOR_TOKEN_REQUIRED = "OPERATOR_TOKEN_REQUIRED"
    # The GraphQL document and how it was sent.
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    # Query limits (docs/limits.md).
    TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    TOO_MANY_DIRECTIVES = "TOO_MANY_DIRECTIVES"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    # Arguments.
    BAD_USER_INPUT = "BAD_USER_INPUT"
    UNSUPPORTED_LOCALE = "UNSUPPORTED_LOCALE"
    LOCALE_NOT_IN_SCOPE = "LOCALE_NOT_IN_SCOPE"
    # Search (docs/search.md).
    QUERY_TOO_LONG = "QUERY_TOO_LONG"
    TOO_MANY_TERMS = "TOO_MANY_TERMS"
    INVALID_PAGINATION = "INVALID_PAGINATION"
    SEARCH_TIMEOUT = "SEARCH_TIMEOUT"
    # Anything unexpected: the message is masked, the log has the rest.
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def error_entry(code: ErrorCode, message: str, **extensions: object) -> dict[str, Any]:
    """One error as every error body holds it: its message, its code and any details."""
    return {"message": message, "extensions": {"code": code.value, **extensions}}


def errors_payload(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """An error body with no ``data``: the request itself was refused."""
    return {"errors": entries}
