"""The keys and entries of the response cache: everything that decides a body, and the body.

The key holds the content version, so a reload invalidates every entry by construction;
the endpoint also drops old entries once it serves a newer version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any


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

    def etag(self, media_type: str) -> str:
        """Equal across processes and replicas, so a CDN can revalidate against any of them."""
        digest = hashlib.sha256()
        for part in (*self._parts(), media_type):
            digest.update(part.encode())
            digest.update(b"\0")
        # Weak: a proxy that compresses the body keeps it valid.
        return f'W/"{digest.hexdigest()[:32]}"'

    def _parts(self) -> tuple[str, ...]:
        return (
            self.query,
            self.variables,
            self.operation_name or "",
            self.header_locale,
            self.access,
            self.content_state,
            "cost" if self.with_cost else "",
        )


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    # Headers the resolvers set (Content-Language, Vary): part of the response, so kept.
    headers: tuple[tuple[str, str], ...]
