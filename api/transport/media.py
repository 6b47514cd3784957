"""Response media types and ``Accept`` negotiation, as the GraphQL over HTTP spec has them."""

from __future__ import annotations

from enum import StrEnum

from api.http.encoding import GRAPHQL_RESPONSE_JSON, JSON


class MediaType(StrEnum):
    # The spec's own type: status codes say whether the request was valid.
    GRAPHQL_RESPONSE = GRAPHQL_RESPONSE_JSON
    # The legacy type: any well-formed request is answered with 200, errors in the body.
    JSON = JSON


class NotAcceptable(ValueError):
    """The ``Accept`` header admits none of the media types served."""


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media_range, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_range:
            ranges.append((media_range.lower(), quality))
    return ranges


def _quality(media_type: MediaType, ranges: list[tuple[str, float]]) -> float:
    # The most specific range that matches decides (RFC 9110, 12.5.1).
    main_type = media_type.value.split("/")[0]
    by_specificity = {media_type.value: 3, f"{main_type}/*": 2, "*/*": 1}
    best: tuple[int, float] = (0, 0.0)
    for media_range, quality in ranges:
        specificity = by_specificity.get(media_range, 0)
        if specificity > best[0]:
            best = (specificity, quality)
    return best[1]


def negotiate(accept: str | None) -> MediaType:
    """The media type to answer in; raises NotAcceptable.

    No header means ``application/json``, as the spec asks for legacy clients; so do
    wildcards, since tools sending ``*/*`` (curl, ``fetch``) expect plain JSON.
    """
    if accept is None or not accept.strip():
        return MediaType.JSON
    ranges = _ranges(accept)
    explicit = {media_range for media_range, _ in ranges}
    graphql_quality = _quality(MediaType.GRAPHQL_RESPONSE, ranges)
    json_quality = _quality(MediaType.JSON, ranges)
    if graphql_quality <= 0 and json_quality <= 0:
        raise NotAcceptable(
            f"This endpoint answers in {MediaType.GRAPHQL_RESPONSE} or {MediaType.JSON}; "
            f"the Accept header allows neither: {accept[:200]!r}"
        )
    if graphql_quality > json_quality:
        return MediaType.GRAPHQL_RESPONSE
    if graphql_quality == json_quality and MediaType.GRAPHQL_RESPONSE.value in explicit:
        return MediaType.GRAPHQL_RESPONSE
    return MediaType.JSON


def wants_html(accept: str | None) -> bool:
    """A browser opening the page: ``text/html`` named explicitly, not through ``*/*``."""
    return accept is not None and any(
        media_range == "text/html" and quality > 0 for media_range, quality in _ranges(accept)
    )


def request_error_status(media_type: MediaType) -> int:
    """The status of a GraphQL request error (parse, validation, variables, persisted query).

    The spec: 4xx with its own media type, where the status carries meaning; 200 with
    legacy JSON, where clients read the body.
    """
    return 400 if media_type is MediaType.GRAPHQL_RESPONSE else 200
