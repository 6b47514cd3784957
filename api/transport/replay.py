"""Replays: finished GET responses kept as raw bytes, sent again for byte-identical requests.

The response cache (response_cache.py) saves executing a query, but a hit still costs
parsing the URL, looking up the document, costing it and building a response: three
times the work of a bare endpoint. Most GETs a CDN forwards repeat one URL with the
same few headers, so the request's raw bytes are a sound key for the finished
response, and a hit costs a dictionary lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import Response
from starlette.types import Scope, Send

from api.http.caching import etag_matches
from api.transport.lru import LruCache

# Request headers a response depends on, besides the URL (and the access, from the gate).
_KEY_HEADERS = (b"accept", b"accept-language", b"x-query-cost")
# Response headers a 304 repeats (RFC 9110, 15.4.5).
_NOT_MODIFIED_HEADERS = frozenset({b"etag", b"cache-control", b"vary", b"content-language"})

ReplayKey = tuple[bytes, str, tuple[bytes | None, ...]]


def replay_key(scope: Scope, access_key: str) -> ReplayKey:
    wanted: dict[bytes, bytes | None] = dict.fromkeys(_KEY_HEADERS)
    for name, value in scope["headers"]:
        if name in wanted:
            wanted[name] = value
    return scope["query_string"], access_key, tuple(wanted.values())


def if_none_match(scope: Scope) -> bytes | None:
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            return bytes(value)
    return None


@dataclass(frozen=True)
class Replay:
    content_version: str
    etag: str
    headers: list[tuple[bytes, bytes]]
    not_modified_headers: list[tuple[bytes, bytes]]
    body: bytes

    @classmethod
    def of(cls, response: Response, content_version: str) -> Replay | None:
        """A replay of a 200 that HTTP caches may keep; None for anything else."""
        headers = list(response.raw_headers)
        etag = next((value for name, value in headers if name == b"etag"), None)
        if response.status_code != 200 or etag is None:
            return None
        return cls(
            content_version=content_version,
            etag=etag.decode("latin-1"),
            headers=headers,
            not_modified_headers=[(n, v) for n, v in headers if n in _NOT_MODIFIED_HEADERS],
            body=bytes(response.body),
        )

    async def send(self, scope: Scope, send: Send) -> None:
        candidates = if_none_match(scope)
        if candidates is not None and etag_matches(candidates.decode("latin-1"), self.etag):
            await send(
                {"type": "http.response.start", "status": 304, "headers": self.not_modified_headers}
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body})


class Replays:
    def __init__(self, capacity: int) -> None:
        self._entries: LruCache[ReplayKey, Replay] = LruCache(capacity)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: ReplayKey, content_version: str) -> Replay | None:
        replay = self._entries.get(key)
        return replay if replay is not None and replay.content_version == content_version else None

    def put(self, key: ReplayKey, replay: Replay) -> None:
        self._entries.put(key, replay)

    def clear(self) -> None:
        self._entries.clear()
