"""The one place where exceptions become GraphQL errors with stable ``extensions.code``.

Domain errors keep their message and get a code; anything unexpected is logged
with the request id and reaches the client only as "Internal server error".
"""

from __future__ import annotations

import logging

from graphql import GraphQLError, GraphQLSyntaxError

from api.catalog import LocaleNotInScope
from api.errors import ErrorCode
from api.graphql.node import InvalidNodeId
from api.graphql.pagination import InvalidCursor, PageSizeOutOfRange
from api.locales import InvalidLocaleTag, UnsupportedLocale
from api.search.types import SearchError

logger = logging.getLogger("api.graphql")


class BadArguments(ValueError):
    """Arguments that make no sense together, such as both a slug and a key."""


INTERNAL_ERROR_MESSAGE = "Internal server error"


def domain_extensions(error: BaseException) -> dict[str, object] | None:
    """The client-facing extensions for a known error; None when the error is unexpected."""
    match error:
        case UnsupportedLocale():
            return {
                "code": ErrorCode.UNSUPPORTED_LOCALE.value,
                "locale": error.tag,
                "supportedLocales": list(error.supported),
            }
        case LocaleNotInScope():
            return {
                "code": ErrorCode.LOCALE_NOT_IN_SCOPE.value,
                "locale": error.tag,
                "allowedLocales": list(error.allowed),
            }
        case InvalidLocaleTag() | InvalidCursor() | PageSizeOutOfRange() | InvalidNodeId():
            return {"code": ErrorCode.BAD_USER_INPUT.value}
        case BadArguments():
            return {"code": ErrorCode.BAD_USER_INPUT.value}
        case SearchError():
            return {"code": error.code.value}
    return None


def public_error(error: GraphQLError, request_id: str) -> GraphQLError:
    """What a client may see of ``error``."""
    if error.path is None:
        # Raised before any resolver ran (syntax, validation, limits, variable coercion):
        # about the request itself, so the message is for the client. Limits and the
        # transport set their own codes; the rest are parse or validation failures.
        own: dict[str, object] = dict(error.extensions or {})
        if "code" not in own:
            code = (
                ErrorCode.GRAPHQL_PARSE_FAILED
                if isinstance(error, GraphQLSyntaxError)
                else ErrorCode.GRAPHQL_VALIDATION_FAILED
            )
            own["code"] = code.value
        return with_extensions(error, error.message, own)
    original = error.original_error
    extensions = domain_extensions(original) if original is not None else None
    if extensions is None:
        logger.error(
            "unexpected error in %s (request %s)",
            ".".join(str(part) for part in error.path),
            request_id,
            exc_info=original or error,
        )
        extensions = {"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "requestId": request_id}
        return with_extensions(error, INTERNAL_ERROR_MESSAGE, extensions)
    return with_extensions(error, error.message, extensions)


def with_extensions(
    error: GraphQLError, message: str, extensions: dict[str, object]
) -> GraphQLError:
    # original_error is dropped so that nothing internal can leak through formatting.
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )
