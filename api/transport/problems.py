"""Requests refused before any GraphQL runs, and the GraphQL-shaped bodies that say why."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any


class RequestCode(StrEnum):
    """Stable ``extensions.code`` values of requests refused by the transport."""

    BAD_REQUEST = "BAD_REQUEST"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"


class RequestProblem(Exception):
    """A request the transport refuses: its HTTP status, code and a message for the client.

    A status of None marks a GraphQL request error (the request was well-formed HTTP):
    its status then depends on the media type answered in (see ``request_error_status``).
    """

    def __init__(
        self,
        status: int | None,
        code: RequestCode,
        message: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def as_error(self) -> dict[str, Any]:
        return {"message": self.message, "extensions": {"code": self.code.value}}


def encode_json(payload: object) -> bytes:
    # Compact and UTF-8: French text stays readable and smaller than \u escapes.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def errors_body(errors: Sequence[Mapping[str, Any]]) -> bytes:
    """A GraphQL response with no ``data`` entry: the request itself failed."""
    return encode_json({"errors": list(errors)})
