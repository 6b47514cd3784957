"""The one place where exceptions become GraphQL errors with stable ``extensions.code``.

Domain errors keep their message and get a code; anything unexpected is logged
with the request id and reaches the client only as "Internal server error".

The errors a reader can meet (a language that is not offered, a search too long,
a failure) are written in the response's language: in English, the detailed message;
in another locale, the UI string of ``READER_MESSAGES`` from that locale's catalog.
The code never changes, so clients branch on it whatever the language.
"""

from __future__ import annotations

import logging
import re

from graphql import GraphQLError, GraphQLSyntaxError

from api.catalog import LocaleNotInScope
from api.content.ui_messages import MessageCatalogs
from api.content.ui_strings import SOURCE_LANGUAGE, UI_STRINGS_BY_ID
from api.errors import INTERNAL_ERROR_MESSAGE, ErrorCode
from api.graphql.node import InvalidNodeId
from api.graphql.pagination import InvalidCursor, PageSizeOutOfRange
from api.locales import InvalidLocaleTag, UnsupportedLocale
from api.search.types import SearchError

logger = logging.getLogger("api.graphql")


class BadArguments(ValueError):
    """Arguments that make no sense together, such as both a slug and a key."""


# How int() words Python's limit on long digit strings: the client needs to hear that
# its number is too long, not how to reconfigure the server's interpreter.
_DIGIT_LIMIT_HINT = "set_int_max_str_digits"
TOO_MANY_DIGITS_MESSAGE = "A number in the query has too many digits."

# graphql-core writes the values it refuses as Python does (`not to be None`, `value:
# True`); a client sent JSON or GraphQL, whose words are these.
_PYTHON_WORDS = {"None": "null", "True": "true", "False": "false"}
_QUOTED_OR_WORD = re.compile(r"""('[^']*'|"[^"]*")|\b(None|True|False)\b""")


def client_message(message: str) -> str:
    """``message`` in the client's words: Python's None, True and False outside quotes
    become null, true and false (a quoted value is what the client sent, left as is)."""
    return _QUOTED_OR_WORD.sub(
        lambda match: match.group(1) or _PYTHON_WORDS[match.group(2)], message
    )


# The UI string (api/content/ui_strings.py) of each error a reader can meet, and the
# extension whose list fills its {locales}.
READER_MESSAGES: dict[ErrorCode, tuple[str, str | None]] = {
    ErrorCode.UNSUPPORTED_LOCALE: ("error.unsupported_locale", "supportedLocales"),
    ErrorCode.LOCALE_NOT_IN_SCOPE: ("error.locale_not_in_scope", "allowedLocales"),
    ErrorCode.INTERNAL_SERVER_ERROR: ("error.internal", None),
    ErrorCode.QUERY_TOO_LONG: ("error.query_too_long", None),
    ErrorCode.TOO_MANY_TERMS: ("error.too_many_terms", None),
    ErrorCode.SEARCH_TIMEOUT: ("error.search_timeout", None),
}


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
        case SearchError():
            return {"code": error.code.value}
        # The client's input: a bad locale, cursor, page size, id or pair of arguments,
        # or a value graphql-core refused while executing.
        case (
            InvalidLocaleTag()
            | InvalidCursor()
            | PageSizeOutOfRange()
            | InvalidNodeId()
            | BadArguments()
            | GraphQLError()
        ):
            return {"code": ErrorCode.BAD_USER_INPUT.value}
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
        message = TOO_MANY_DIGITS_MESSAGE if _DIGIT_LIMIT_HINT in error.message else error.message
        return with_extensions(error, message, own)
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
        client_message(message),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def in_locale(error: GraphQLError, locale: str, catalogs: MessageCatalogs) -> GraphQLError:
    """``error`` with its message in ``locale``, if it is one a reader can meet."""
    extensions = dict(error.extensions or {})
    code = extensions.get("code")
    reader_message = next(
        (entry for known, entry in READER_MESSAGES.items() if known.value == code), None
    )
    if reader_message is None or locale.partition("-")[0].lower() == SOURCE_LANGUAGE:
        return error
    string_id, list_extension = reader_message
    message = catalogs.message(locale, UI_STRINGS_BY_ID[string_id])
    if not message.translated:
        return error  # no translation yet: the detailed English message says more
    listed = extensions.get(list_extension) if list_extension else None
    values = {"locales": ", ".join(str(tag) for tag in listed)} if isinstance(listed, list) else {}
    return with_extensions(error, message.text.format_map(values), extensions)
