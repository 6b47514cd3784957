"""Operators' requests: ``Authorization: Bearer <CONTENT_API_OPERATOR_TOKEN>``."""

from __future__ import annotations

import hmac

from starlette.datastructures import Headers

_SCHEME = "bearer "


def is_operator(headers: Headers, operator_token: str) -> bool:
    """Whether the request carries the operator token; never with no token configured."""
    if not operator_token:
        return False
    authorization = headers.get("authorization", "")
    if authorization[: len(_SCHEME)].lower() != _SCHEME:
        return False
    sent = authorization[len(_SCHEME) :].strip()
    # In constant time: how much of a guess matched must not show in the timing.
    return hmac.compare_digest(sent.encode(), operator_token.encode())
