"""CORS for partners' sites: which headers a preflight and an actual response carry.

The origin is always echoed, never ``*``: what a browser may read depends on which
partner's key came with the request (see docs/partners.md for the rules).
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders

ALLOWED_METHODS = ("GET", "POST")
# What a widget or a partner's front-end sends besides the CORS-safelisted headers.
ALLOWED_HEADERS = (
    "accept",
    "accept-language",
    "content-type",
    "if-none-match",
    "x-api-key",
    "x-request-id",
)
# Response headers scripts may read (besides the CORS-safelisted ones).
EXPOSED_HEADERS = ("ETag", "X-Request-ID", "Retry-After", "Content-Language")
# Browsers cap this anyway (Chromium at 2 hours); 10 minutes lets an origin removed from
# the partners file stop working soon.
PREFLIGHT_MAX_AGE_SECONDS = 600


def is_preflight(method: str, headers: Headers) -> bool:
    return (
        method == "OPTIONS" and "origin" in headers and "access-control-request-method" in headers
    )


def preflight_headers(origin: str) -> dict[str, str]:
    """What a preflight from an allowed origin is answered with."""
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
        "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
        "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE_SECONDS),
    }


def allow_origin(headers: MutableHeaders, origin: str) -> None:
    """Let scripts on ``origin`` read this response."""
    headers["Access-Control-Allow-Origin"] = origin
    headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
