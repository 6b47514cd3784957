"""oEmbed 1.0 (https://oembed.com): a canonical item URL in, a ``rich`` iframe embed out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from api.content import ContentType
from api.errors import ErrorCode

OEMBED_VERSION = "1.0"
# How long a consumer may keep our answer. The iframe shows the live page, so only
# the title could lag behind an edit; a day spares consumers needless refetches.
CACHE_AGE_SECONDS = 86_400


@dataclass(frozen=True)
class FrameSize:
    width: int
    height: int

    def fit(self, max_width: int | None, max_height: int | None) -> FrameSize:
        """Never larger than the consumer's maximums (oEmbed 1.0, section 2.2)."""
        return FrameSize(
            min(self.width, max_width or self.width), min(self.height, max_height or self.height)
        )


# An article is long and scrolls inside its frame; a FAQ is a question and a paragraph.
DEFAULT_SIZES = {
    ContentType.ARTICLE: FrameSize(640, 800),
    ContentType.FAQ: FrameSize(640, 360),
}


class OEmbedProblem(Exception):
    """A request the endpoint refuses, with the status oEmbed 1.0 prescribes."""

    def __init__(self, status_code: int, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message


@dataclass(frozen=True)
class OEmbedRequest:
    url: str
    max_width: int | None
    max_height: int | None


# Larger than any frame; also keeps int() away from numbers of thousands of digits.
MAX_DIMENSION = 100_000


def _dimension(params: Mapping[str, str], name: str) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    if (
        not (raw.isascii() and raw.isdigit())
        or len(raw) > len(str(MAX_DIMENSION))
        or not 1 <= int(raw) <= MAX_DIMENSION
    ):
        raise OEmbedProblem(
            400,
            ErrorCode.BAD_REQUEST,
            f"{name} must be a whole number of pixels from 1 to {MAX_DIMENSION}",
        )
    return int(raw)


def parse_request(params: Mapping[str, str]) -> OEmbedRequest:
    """Check the query parameters: 400 without ``url``, 501 for any format but JSON."""
    url = params.get("url", "").strip()
    if not url:
        raise OEmbedProblem(400, ErrorCode.BAD_REQUEST, "the url parameter is required")
    try:
        urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket, a bad port
        raise OEmbedProblem(400, ErrorCode.BAD_REQUEST, "the url parameter is not a URL") from None
    response_format = params.get("format", "json")
    if response_format != "json":
        raise OEmbedProblem(
            501,
            ErrorCode.NOT_IMPLEMENTED,
            f"format {response_format[:40]!r} is not served; use format=json",
        )
    return OEmbedRequest(url, _dimension(params, "maxwidth"), _dimension(params, "maxheight"))


def rich_response(
    *,
    title: str,
    html: str,
    size: FrameSize,
    provider_name: str,
    provider_url: str,
) -> dict[str, Any]:
    return {
        "type": "rich",
        "version": OEMBED_VERSION,
        "title": title,
        "provider_name": provider_name,
        "provider_url": provider_url,
        "cache_age": CACHE_AGE_SECONDS,
        "html": html,
        "width": size.width,
        "height": size.height,
    }
