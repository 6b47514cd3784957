"""Preview requests (``Authorization: Bearer <CONTENT_API_PREVIEW_TOKEN>``) and their headers.

A preview shows drafts, so every one of its responses, errors included, is marked for
no cache to keep (``private, no-store``, no validator) and for no search engine to
index (``X-Robots-Tag: noindex``), whatever the route answering it wrote.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import Message, Send

from api.http.operator import carries_token

PREVIEW_CACHE_CONTROL = "private, no-store"
PREVIEW_ROBOTS_TAG = "noindex"

# Response headers a preview never carries: caching ones are replaced, validators dropped.
_REPLACED = frozenset({b"cache-control", b"etag", b"expires", b"last-modified", b"x-robots-tag"})


def is_preview(headers: Headers, preview_token: str) -> bool:
    """Whether the request carries the preview token; never with previews off."""
    return carries_token(headers, preview_token)


def preview_only(send: Send) -> Send:
    """``send``, with the response start's headers made those of a preview."""

    async def send_preview(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (name, value)
                for name, value in message.get("headers", [])
                if name.lower() not in _REPLACED
            ]
            headers.append((b"cache-control", PREVIEW_CACHE_CONTROL.encode()))
            headers.append((b"x-robots-tag", PREVIEW_ROBOTS_TAG.encode()))
            message = {**message, "headers": headers}
        await send(message)

    return send_preview
