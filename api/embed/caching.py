"""Cache validators for the embed responses: a strong ETag from the body, and 304s."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response

from api.http.etags import etag_matches


def etag_of(body: bytes) -> str:
    """A strong validator: the same bytes always get the same tag, on every replica."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


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
