"""Cache validators for the embed responses: a strong ETag from the body, and 304s."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response


def etag_of(body: bytes) -> str:
    """A strong validator: the same bytes always get the same tag, on every replica."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    # Weak comparison, as RFC 9110 asks for If-None-Match: W/"x" matches "x".
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


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
    if status_code == 200 and _matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=all_headers)
    return Response(body, status_code=status_code, media_type=media_type, headers=all_headers)
