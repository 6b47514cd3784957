"""HTTP caching: who may keep a response and for how long, and the validators behind 304s.

One ``If-None-Match`` comparison serves ``/graphql``, its replays and the embed routes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response

NO_STORE = "no-store"


def public_cache_control(max_age: int, stale_while_revalidate: int) -> str:
    """Anonymous GETs: any cache (a CDN included) may keep and share them."""
    return f"public, max-age={max_age}, stale-while-revalidate={stale_while_revalidate}"


def private_cache_control(max_age: int) -> str:
    """Keyed (partner) GETs: only the visitor's browser may keep them.

    A shared cache would answer other visitors without the origin check and the
    rate limit, and a partner's scope is its own.
    """
    return f"private, max-age={max_age}"


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether the client's copy is current, by the weak comparison RFC 9110 asks for here.

    ``W/"x"`` matches ``"x"`` and the reverse; ``*`` matches any tag.
    """
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(
        candidate.strip().removeprefix("W/") == opaque for candidate in if_none_match.split(",")
    )


def etag_of(body: bytes) -> str:
    """A strong validator: the same bytes always get the same tag, on every replica."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def weak_etag_of(body: bytes) -> str:
    """``etag_of``, weak: a proxy that compresses the body keeps it valid."""
    return "W/" + etag_of(body)


def validated_response(
    request: Request,
    body: bytes,
    *,
    media_type: str,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """``body`` with its ETag; a bodiless 304 when the client already holds these bytes."""
    etag = etag_of(body)
    all_headers = {**(headers or {}), "ETag": etag}
    if status_code == 200 and etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=all_headers)
    return Response(body, status_code=status_code, media_type=media_type, headers=all_headers)
