"""Reading a GraphQL request from GET parameters or a POST body, with every rule checked."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import ClientDisconnect, Request

from api.errors import ErrorCode
from api.http.encoding import JSON
from api.transport.problems import RequestProblem


@dataclass(frozen=True)
class GraphQLParams:
    """The four request parameters of the GraphQL over HTTP spec, type-checked."""

    query: str | None
    variables: dict[str, Any] = field(default_factory=dict)
    operation_name: str | None = None
    extensions: dict[str, Any] = field(default_factory=dict)


# Deeper than any variables or extensions a query needs; deep enough JSON exhausts the
# stack of whatever walks it next (the parser, the cache key, the response encoder).
MAX_JSON_NESTING = 64
# Half of a UTF-16 surrogate pair, alone: JSON's \ud800 escapes make these, and no UTF-8
# encoder (hashing, logging, the response) can write them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _bad_request(message: str) -> RequestProblem:
    return RequestProblem(400, ErrorCode.BAD_REQUEST, message)


def _optional_string(value: object, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise _bad_request(f"{name} must be a string, got {type(value).__name__}")


def _optional_object(value: object, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    raise _bad_request(f"{name} must be a JSON object, got {type(value).__name__}")


def _decode_json(raw: str | bytes, what: str) -> object:
    """JSON text in UTF-8 only (``json.loads`` would guess UTF-16 and skip a BOM), checked."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise _bad_request(f"{what} is not valid UTF-8") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise _bad_request(f"{what} is not valid JSON: {error.msg} ({where})") from None
    except RecursionError:
        raise _nested_too_deeply(what) from None
    except ValueError:
        # Python's own limit on digits, whose message names an interpreter setting.
        raise _bad_request(f"{what} holds a number with too many digits") from None
    _check_decoded(value, what)
    return value


def _nested_too_deeply(what: str) -> RequestProblem:
    return _bad_request(f"{what} is nested more than {MAX_JSON_NESTING} levels deep")


def _check_decoded(value: object, what: str) -> None:
    """Refuse nesting past MAX_JSON_NESTING and text that is not Unicode (lone surrogates)."""
    pending: list[tuple[object, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                raise _bad_request(f"{what} holds a lone UTF-16 surrogate, which is not text")
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_JSON_NESTING:
            raise _nested_too_deeply(what)
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)


def params_from_mapping(payload: object, *, from_query_string: bool) -> GraphQLParams:
    """Check the parameters' types; in a query string, variables and extensions are JSON."""
    if not isinstance(payload, dict):
        raise _bad_request(f"the request body must be a JSON object, got {type(payload).__name__}")
    variables: object = payload.get("variables")
    extensions: object = payload.get("extensions")
    if from_query_string:
        if isinstance(variables, str):
            variables = _decode_json(variables, "the variables parameter")
        if isinstance(extensions, str):
            extensions = _decode_json(extensions, "the extensions parameter")
    return GraphQLParams(
        query=_optional_string(payload.get("query"), "query"),
        variables=_optional_object(variables, "variables"),
        operation_name=_optional_string(payload.get("operationName"), "operationName") or None,
        extensions=_optional_object(extensions, "extensions"),
    )


def _check_content_type(request: Request) -> None:
    content_type = request.headers.get("content-type")
    if content_type is None:
        raise RequestProblem(
            415,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "POST requests need Content-Type: application/json",
        )
    media_type, *params = (part.strip().lower() for part in content_type.split(";"))
    charset = next(
        (p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")), None
    )
    if media_type != JSON or charset not in {None, "utf-8"}:
        raise RequestProblem(
            415,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "POST requests need Content-Type: application/json (in UTF-8), "
            f"got {content_type[:100]!r}",
        )


async def _read_body(request: Request, max_bytes: int, timeout: float) -> bytes:
    """The body, within ``max_bytes`` and ``timeout`` seconds (uvicorn bounds neither)."""
    try:
        async with asyncio.timeout(timeout):
            return await _read_body_chunks(request, max_bytes)
    except TimeoutError:
        raise RequestProblem(
            408,
            ErrorCode.REQUEST_TIMEOUT,
            f"The request body took longer than {timeout:g} s to arrive.",
            # The rest of the body may still be on its way: the connection cannot be reused.
            headers={"Connection": "close"},
        ) from None


async def _read_body_chunks(request: Request, max_bytes: int) -> bytes:
    too_large = RequestProblem(
        413, ErrorCode.PAYLOAD_TOO_LARGE, f"The request body is larger than {max_bytes} bytes."
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    # Read in chunks and stop early: a missing or false Content-Length does not get past.
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise too_large
            chunks.append(chunk)
    except ClientDisconnect:
        raise _bad_request("the client disconnected before sending the whole body") from None
    return b"".join(chunks)


# Methods whose parameters are in the URL: HEAD is a GET without the body of the answer.
URL_METHODS = frozenset({"GET", "HEAD"})


async def read_params(request: Request, max_body_bytes: int, body_timeout: float) -> GraphQLParams:
    """The request's parameters; raises RequestProblem with the status the spec asks for."""
    if request.method in URL_METHODS:
        if len(request.scope["query_string"]) > max_body_bytes:
            raise RequestProblem(
                414,
                ErrorCode.PAYLOAD_TOO_LARGE,
                f"The query string is longer than {max_body_bytes} bytes; use POST "
                "or a persisted query.",
            )
        query_params = request.query_params
        return params_from_mapping(
            {name: query_params[name] for name in query_params}, from_query_string=True
        )
    _check_content_type(request)
    body = await _read_body(request, max_body_bytes, body_timeout)
    return params_from_mapping(_decode_json(body, "the request body"), from_query_string=False)
