"""The keys and entries of the response cache: everything that decides a body, and the body.

The key holds the content version, so a reload invalidates every entry by construction;
the endpoint also drops old entries once it serves a newer version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from api.http.caching import weak_etag_of


@dataclass(frozen=True)
class ResponseKey:
    """What a response body depends on; two requests with equal keys get equal bodies."""

    query: str
    variables: str  # canonical JSON
    operation_name: str | None
    header_locale: str  # negotiated from Accept-Language, for fields without a locale argument
    access: str  # the partner's scope, or anonymous
    content_state: str  # content version, plus the on-disk problems contentStatus reports
    with_cost: bool

    @classmethod
    def of(
        cls,
        *,
        query: str,
        variables: dict[str, Any],
        operation_name: str | None,
        header_locale: str,
        access: str,
        content_state: str,
        with_cost: bool,
    ) -> ResponseKey:
        return cls(
            query=query,
            variables=json.dumps(variables, sort_keys=True, separators=(",", ":")),
            operation_name=operation_name,
            header_locale=header_locale,
            access=access,
            content_state=content_state,
            with_cost=with_cost,
        )


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    # Headers the resolvers set (Content-Language, Vary): part of the response, so kept.
    headers: tuple[tuple[str, str], ...]
    # The body's validator, worked out once.
    etag: str

    @classmethod
    def of(cls, body: bytes, headers: tuple[tuple[str, str], ...]) -> CachedResponse:
        return cls(body=body, headers=headers, etag=weak_etag_of(body))
