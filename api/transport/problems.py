"""Requests the transport refuses before any GraphQL runs, with the status and code to say why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.errors import ErrorCode, error_entry


class RequestProblem(Exception):
    """A request the transport refuses: its HTTP status, code and a message for the client.

    A status of None marks a GraphQL request error (the request was well-formed HTTP):
    its status then depends on the media type answered in (see ``request_error_status``).
    """

    def __init__(
        self,
        status: int | None,
        code: ErrorCode,
        message: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def as_error(self) -> dict[str, Any]:
        return error_entry(self.code, self.message)
