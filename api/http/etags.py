"""``If-None-Match`` against an ETag: one comparison for every route that answers 304s."""

from __future__ import annotations


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether the client's copy is current, by the weak comparison RFC 9110 asks for here.

    ``W/"x"`` matches ``"x"`` and the reverse; ``*`` matches any tag.
    """
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(
        candidate.strip().removeprefix("W/") == opaque for candidate in if_none_match.split(",")
    )
