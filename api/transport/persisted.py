"""Automatic persisted queries (Apollo's APQ protocol): a client sends a query's hash alone,
and the full text only when the server does not know the hash yet.

Short GET URLs that a CDN can cache whatever the query's size. The texts are kept in
this process (bounded, least recently used forgotten first) or, with
``CONTENT_API_REDIS_URL``, in Redis, so that a hash registered through one replica is
known to all. Either way a forgotten or unreachable hash only costs the client one
retry with the full text, which is why a Redis failure is logged and not an error.
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

from api.errors import ErrorCode
from api.metrics import PERSISTED_QUERIES
from api.transport.lru import LruCache
from api.transport.problems import RequestProblem
from api.transport.request import GraphQLParams

APQ_VERSION = 1


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


class QueryTexts(Protocol):
    """Where registered query texts are kept, by their SHA-256."""

    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, query: str) -> None: ...


class MemoryQueryTexts:
    """This process's own texts, at most ``capacity`` of them."""

    def __init__(self, capacity: int) -> None:
        self._queries: LruCache[str, str] = LruCache(capacity)

    def __len__(self) -> int:
        return len(self._queries)

    async def get(self, sha256: str) -> str | None:
        return self._queries.get(sha256)

    async def put(self, sha256: str, query: str) -> None:
        self._queries.put(sha256, query)


def query_texts(redis_url: str, capacity: int) -> QueryTexts:
    if not redis_url:
        return MemoryQueryTexts(capacity)
    # Imported only when used: the Redis client costs a tenth of a second of every start.
    from api.transport.persisted_redis import RedisQueryTexts  # noqa: PLC0415

    return RedisQueryTexts(redis_url)


class PersistedQueries:
    """The APQ protocol over wherever the texts are kept (``query_texts``)."""

    def __init__(self, texts: QueryTexts) -> None:
        self.texts = texts

    async def query_text(self, params: GraphQLParams) -> str:
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
            known = await self.texts.get(sha256)
            PERSISTED_QUERIES.labels(result="miss" if known is None else "hit").inc()
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
        await self.texts.put(sha256, params.query)
        PERSISTED_QUERIES.labels(result="registered").inc()
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
    version = persisted.get("version")
    # ``True == 1`` in Python: a boolean is not a version number.
    if isinstance(version, bool) or version != APQ_VERSION:
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
