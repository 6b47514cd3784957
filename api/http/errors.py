"""Error responses of every route but GraphQL's own: the registry's code, the one body shape.

``/graphql`` writes GraphQL errors itself (with locations and paths); the partner
gate, oEmbed and Starlette's own 404 and 405 answers come through here, so that
every JSON error of the service is read the same way (``api/errors.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from api.errors import ErrorCode, error_entry, errors_payload
from api.http.caching import NO_STORE
from api.http.encoding import JSON, encode_json

# Starlette's own refusals (no route, a method the route does not serve).
_STATUS_CODES = {404: ErrorCode.NOT_FOUND, 405: ErrorCode.METHOD_NOT_ALLOWED}
_STATUS_MESSAGES = {
    404: "Nothing is served at this path.",
    405: "This path does not serve that method.",
}


def errors_response(
    status: int,
    entries: Sequence[Mapping[str, Any]],
    *,
    media_type: str = JSON,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A body of errors and no ``data``, with ``status``; never cached."""
    return Response(
        encode_json(errors_payload([dict(entry) for entry in entries])),
        status_code=status,
        media_type=media_type,
        headers={"Cache-Control": NO_STORE, **(headers or {})},
    )


def error_response(
    status: int,
    code: ErrorCode,
    message: str,
    *,
    media_type: str = JSON,
    headers: Mapping[str, str] | None = None,
    **extensions: object,
) -> Response:
    """``{"errors": [{"message", "extensions": {"code", ...}}]}`` with ``status``."""
    entry = error_entry(code, message, **extensions)
    return errors_response(status, [entry], media_type=media_type, headers=headers)


async def http_exception_response(request: Request, error: Exception) -> Response:
    """Starlette's HTTPException (no such route, method not allowed) in the same shape."""
    assert isinstance(error, HTTPException)
    status = error.status_code
    code = _STATUS_CODES.get(status, ErrorCode.BAD_REQUEST)
    message = _STATUS_MESSAGES.get(status, str(error.detail))
    return error_response(status, code, message, headers=error.headers)
