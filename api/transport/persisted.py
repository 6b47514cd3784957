"""Automatic persisted queries (Apollo's APQ protocol): a client sends a query's hash alone,
and the full text only when the server does not know the hash yet.

Short GET URLs that a CDN can cache whatever the query's size.
"""

from __future__ import annotations

import hashlib
from typing import Any

from api.errors import ErrorCode
from api.transport.lru import LruCache
from api.transport.problems import RequestProblem
from api.transport.request import GraphQLParams

APQ_VERSION = 1


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


class PersistedQueries:
    """Query texts by their SHA-256, bounded: a forgotten hash only costs the client a retry."""

    def __init__(self, capacity: int) -> None:
        self._queries: LruCache[str, str] = LruCache(capacity)

    def __len__(self) -> int:
        return len(self._queries)

    def query_text(self, params: GraphQLParams) -> str:
        """The query to run: the text sent, or the one remembered for the hash sent.

        Raises RequestProblem for a missing query, an unknown hash or a hash that does
        not match the text.
        """
        persisted = _persisted_query(params.extensions)
        if persisted is None:
            if params.query is None:
                raise RequestProblem(400, ErrorCode.BAD_REQUEST, "the query parameter is missing")
            return params.query
        sha256 = persisted
        if params.query is None:
            known = self._queries.get(sha256)
            if known is None:
                # Apollo clients look for this exact message as well as the code.
                raise RequestProblem(
                    None, ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound"
                )
            return known
        if query_hash(params.query) != sha256:
            raise RequestProblem(
                None,
                ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
                "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query",
            )
        self._queries.put(sha256, params.query)
        return params.query


def _persisted_query(extensions: dict[str, Any]) -> str | None:
    """The hash asked for, if the request uses APQ; raises RequestProblem if malformed."""
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict):
        raise RequestProblem(
            400, ErrorCode.BAD_REQUEST, "extensions.persistedQuery must be an object"
        )
    if persisted.get("version") != APQ_VERSION:
        raise RequestProblem(
            400,
            ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
            f"only version {APQ_VERSION} of persisted queries is supported",
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or len(sha256) != 64 or not _is_hex(sha256):
        raise RequestProblem(
            400,
            ErrorCode.BAD_REQUEST,
            "extensions.persistedQuery.sha256Hash must be 64 hexadecimal characters",
        )
    return sha256.lower()


def _is_hex(text: str) -> bool:
    return all(char in "0123456789abcdefABCDEF" for char in text)
