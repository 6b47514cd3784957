"""Bearer credentials: ``Authorization: Bearer <token>``, for operators and for previews."""

from __future__ import annotations

import hmac

from starlette.datastructures import Headers

_SCHEME = "bearer "


def carries_token(headers: Headers, token: str) -> bool:
    """Whether the request's bearer credential is ``token``; never with no token configured."""
    if not token:
        return False
    authorization = headers.get("authorization", "")
    if authorization[: len(_SCHEME)].lower() != _SCHEME:
        return False
    sent = authorization[len(_SCHEME) :].strip()
    # In constant time: how much of a guess matched must not show in the timing.
    return hmac.compare_digest(sent.encode(), token.encode())


def is_operator(headers: Headers, operator_token: str) -> bool:
    """Whether the request carries the operator token (``CONTENT_API_OPERATOR_TOKEN``)."""
    return carries_token(headers, operator_token)
