"""``/graphql``: the GraphQL over HTTP spec, persisted queries and a response cache.

A request goes: method and ``Accept`` checks, parameters (GET or POST), persisted
query lookup, the prepared (parsed, validated, limit-checked) document, its cost,
then the response cache or execution. Every refusal on the way is a GraphQL-shaped
body with a stable code and the status the spec asks for.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode, ExecutionResult, GraphQLError, OperationType, execute
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from api.errors import ErrorCode
from api.graphql.context import RequestContext
from api.graphql.errors import in_locale, public_error, with_extensions
from api.graphql.limits import cost_error, cost_report, limit_rules, measure_operation
from api.graphql.schema import GRAPHQL_SCHEMA, schema
from api.http.caching import (
    NO_STORE,
    etag_matches,
    private_cache_control,
    public_cache_control,
)
from api.http.encoding import encode_json
from api.http.errors import errors_response
from api.http.preview import is_preview, preview_only
from api.http.vary import add_vary
from api.locales import resolve_locale
from api.metrics import GRAPHQL_SECONDS, RESPONSE_CACHE
from api.partners import access_of
from api.serving import LiveServices, Services
from api.settings import Settings
from api.transport.documents import DocumentCache
from api.transport.graphiql import GraphiQLPage
from api.transport.lru import LruCache
from api.transport.media import (
    MediaType,
    NotAcceptable,
    negotiate,
    request_error_status,
    wants_html,
)
from api.transport.persisted import PersistedQueries, query_texts
from api.transport.problems import RequestProblem
from api.transport.replay import Replay, Replays, replay_key
from api.transport.request import URL_METHODS, GraphQLParams, read_params
from api.transport.response_cache import CachedResponse, ResponseKey

# Distinct documents kept parsed and validated.
DOCUMENT_CACHE_SIZE = 1024
# Ask for the operation's cost in ``extensions.cost`` with this request header.
COST_HEADER = "x-query-cost"
# Headers the resolvers may set on the response, and so kept with a cached body.
_RESOLVER_HEADERS = ("content-language", "vary")
# Request headers that change a cacheable body, whatever the query: the media type follows
# Accept; a keyed request must reach us, not a shared copy; the partner gate's CORS headers
# follow Origin; X-Query-Cost adds `extensions.cost`. (Accept-Language is added by the
# resolvers when a field had no locale argument.)
_VARY = ("Accept", "X-Api-Key", "Origin", "X-Query-Cost")


class RequestErrors(Exception):
    """GraphQL request errors (no ``data``): parse, validation, limits, variables."""

    def __init__(self, errors: Sequence[GraphQLError]) -> None:
        super().__init__(errors[0].message if errors else "")
        self.errors = tuple(errors)


@dataclass(frozen=True)
class Operation:
    """A request that passed every check: what to execute and what it costs."""

    params: GraphQLParams
    query: str
    document: DocumentNode
    cost: int
    cacheable: bool


class GraphQLHttpEndpoint:
    """The ASGI app mounted at ``/graphql``."""

    def __init__(self, live: LiveServices, settings: Settings) -> None:
        self.live = live
        self.settings = settings
        rules: list[type[ASTValidationRule]] = list(limit_rules(settings))
        if not settings.introspection:
            rules.append(NoSchemaIntrospectionCustomRule)
        self.documents = DocumentCache(
            GRAPHQL_SCHEMA,
            rules,
            settings=settings,
            capacity=DOCUMENT_CACHE_SIZE,
            # Without introspection, "did you mean" hints would leak the schema.
            hide_suggestions=not settings.introspection,
        )
        self.persisted = PersistedQueries(
            query_texts(settings.redis_url, settings.persisted_query_entries)
        )
        self.responses: LruCache[ResponseKey, CachedResponse] = LruCache(
            settings.response_cache_entries
        )
        self.replays = Replays(settings.response_cache_entries)
        self._cached_version = live.current.snapshot.version
        self.graphiql = GraphiQLPage() if settings.graphiql else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        content_version = self.live.current.snapshot.version
        if content_version != self._cached_version:
            # Entries of older versions can never be hit again: free them now rather
            # than when the LRU gets round to them.
            self.responses.clear()
            self.replays.clear()
            self._cached_version = content_version
        if scope["method"] == "HEAD":
            send = _headers_only(send)
        if is_preview(Headers(scope=scope), self.settings.preview_token):
            # Drafts: answered fresh every time, and kept by no cache anywhere.
            response = await self.respond(Request(scope, receive), preview=True)
            await response(scope, receive, preview_only(send))
            return
        key = None
        if scope["method"] in URL_METHODS:
            key = replay_key(scope, access_of(scope).cache_key)
            replay = self.replays.get(key, content_version)
            if replay is not None:
                RESPONSE_CACHE.labels(result="replay").inc()
                await replay.send(scope, send)
                return
        request = Request(scope, receive)
        response = await self.respond(request)
        if key is not None:
            # Tagged with the version read before answering: if a reload came in between,
            # the replay is never used, rather than served under the wrong version.
            replay = Replay.of(response, content_version)
            if replay is not None:
                self.replays.put(key, replay)
        await response(scope, receive, send)

    async def respond(self, request: Request, *, preview: bool = False) -> Response:
        if request.method not in {*URL_METHODS, "POST"}:
            problem = RequestProblem(
                405,
                ErrorCode.METHOD_NOT_ALLOWED,
                f"{request.method} is not served here; use GET, HEAD or POST",
                headers={"Allow": "GET, HEAD, POST"},
            )
            return _problem_response(problem, MediaType.JSON)
        accept = request.headers.get("accept")
        if request.method in URL_METHODS and wants_html(accept) and not request.query_params:
            return self._graphiql()
        try:
            media_type = negotiate(accept)
        except NotAcceptable as error:
            problem = RequestProblem(406, ErrorCode.NOT_ACCEPTABLE, str(error))
            return _problem_response(problem, MediaType.JSON)
        try:
            operation = await self._operation(request)
            return await self._answer(request, operation, media_type, preview=preview)
        except RequestProblem as problem:
            return _problem_response(problem, media_type)
        except RequestErrors as refused:
            return _request_errors_response(refused.errors, media_type, request)

    def _graphiql(self) -> Response:
        if self.graphiql is None:
            response = Response("GraphiQL is turned off here.", 404, media_type="text/plain")
        else:
            response = self.graphiql.response()
        # The same URL answers JSON to a client that does not ask for HTML.
        add_vary(response.headers, ("Accept",))
        return response

    async def _operation(self, request: Request) -> Operation:
        """The checked operation; raises RequestProblem or RequestErrors."""
        params = await read_params(
            request, self.settings.max_body_bytes, self.settings.body_timeout
        )
        query = await self.persisted.query_text(params)
        prepared = self.documents.prepare(query)
        requested = prepared.requested_operation(params.operation_name)
        # The method rule comes before validation: the spec wants 405 for a mutation
        # over GET whether or not this schema has mutations.
        if (
            request.method in URL_METHODS
            and requested is not None
            and requested.operation is not OperationType.QUERY
        ):
            raise RequestProblem(
                405,
                ErrorCode.METHOD_NOT_ALLOWED,
                f"a {requested.operation.value} cannot be sent with GET; use POST",
                headers={"Allow": "POST"},
            )
        if prepared.document is None or prepared.errors:
            raise RequestErrors(prepared.errors)
        # Raises OPERATION_RESOLUTION_FAILURE when operationName picks no operation.
        prepared.operation(params.operation_name)
        measure = measure_operation(
            GRAPHQL_SCHEMA, prepared.document, params.operation_name, params.variables
        )
        if measure.cost > self.settings.max_complexity:
            raise RequestErrors((cost_error(measure.cost, self.settings),))
        return Operation(
            params=params,
            query=query,
            document=prepared.document,
            cost=measure.cost,
            cacheable=measure.cacheable,
        )

    async def _answer(
        self, request: Request, operation: Operation, media_type: MediaType, *, preview: bool
    ) -> Response:
        started = time.perf_counter()
        if preview:
            response, answer = await self._answer_preview(request, operation, media_type)
        else:
            response, answer = await self._answer_timed(request, operation, media_type)
        GRAPHQL_SECONDS.labels(answer=answer).observe(time.perf_counter() - started)
        return response

    async def _answer_timed(
        self, request: Request, operation: Operation, media_type: MediaType
    ) -> tuple[Response, str]:
        """The response, and how it was answered (``executed``, ``cached``, ``not_modified``)."""
        services = self.live.current
        access = access_of(request.scope)
        with_cost = request.headers.get(COST_HEADER, "").lower() in {"1", "true"}
        key = ResponseKey.of(
            query=operation.query,
            variables=operation.params.variables,
            operation_name=operation.params.operation_name,
            header_locale=resolve_locale(
                None, request.headers.get("accept-language"), services.snapshot.locales
            ).tag,
            access=access.cache_key,
            content_state=services.snapshot.version,
            with_cost=with_cost,
        )
        http_cacheable = request.method in URL_METHODS and operation.cacheable
        headers = (
            self._http_cache_headers(anonymous=access.is_anonymous)
            if http_cacheable
            else MutableHeaders({"cache-control": NO_STORE})
        )
        cached = self.responses.get(key) if operation.cacheable else None
        if operation.cacheable:
            RESPONSE_CACHE.labels(result="miss" if cached is None else "hit").inc()
        answer = "cached"
        if cached is None:
            answer = "executed"
            cached, keep = await self._execute(request, operation, services, with_cost)
            if keep and operation.cacheable:
                self.responses.put(key, cached)
            elif not keep:
                # An internal error got through: nobody may keep or revalidate it.
                headers = MutableHeaders({"cache-control": NO_STORE})
                http_cacheable = False
        _merge(headers, cached.headers)
        if not http_cacheable:
            body = Response(cached.body, 200, headers=headers, media_type=media_type.value)
            return body, answer
        # The validator is the body's digest: two requests that differ only in what did
        # not change the body (Accept-Language under a locale argument) share it.
        headers["etag"] = cached.etag
        if etag_matches(request.headers.get("if-none-match"), cached.etag):
            return Response(status_code=304, headers=headers), "not_modified"
        return Response(cached.body, 200, headers=headers, media_type=media_type.value), answer

    async def _answer_preview(
        self, request: Request, operation: Operation, media_type: MediaType
    ) -> tuple[Response, str]:
        """A preview: executed on the drafts' services, never read from or put in a cache."""
        services = self.live.current.for_preview()
        with_cost = request.headers.get(COST_HEADER, "").lower() in {"1", "true"}
        answered, _ = await self._execute(request, operation, services, with_cost)
        headers = MutableHeaders()
        _merge(headers, answered.headers)
        body = Response(answered.body, 200, headers=headers, media_type=media_type.value)
        return body, "preview"

    def _http_cache_headers(self, *, anonymous: bool) -> MutableHeaders:
        headers = MutableHeaders()
        headers["cache-control"] = (
            public_cache_control(
                self.settings.cache_max_age, self.settings.cache_stale_while_revalidate
            )
            if anonymous
            else private_cache_control(self.settings.cache_max_age)
        )
        add_vary(headers, _VARY)
        return headers

    async def _execute(
        self, request: Request, operation: Operation, services: Services, with_cost: bool
    ) -> tuple[CachedResponse, bool]:
        """The response and whether it may be kept; raises RequestErrors for bad variables."""
        header_sink = Response()
        context = RequestContext(request, header_sink, self.live, services)
        result = execute(
            GRAPHQL_SCHEMA,
            operation.document,
            context_value=context,
            variable_values=operation.params.variables,
            operation_name=operation.params.operation_name,
            executor_class=schema.execution_context_class,
        )
        if inspect.isawaitable(result):
            result = await result
        assert isinstance(result, ExecutionResult)
        errors = result.errors or []
        if result.data is None and errors and all(error.path is None for error in errors):
            # Variables that do not fit their types: refused before anything ran.
            raise RequestErrors(
                [
                    with_extensions(error, error.message, {"code": ErrorCode.BAD_USER_INPUT.value})
                    for error in errors
                ]
            )
        request_id: str = getattr(request.state, "request_id", "-")
        public = [
            in_locale(
                public_error(error, request_id),
                context.message_locale(),
                services.snapshot.messages,
            )
            for error in errors
        ]
        payload: dict[str, Any] = {"data": result.data}
        if public:
            payload["errors"] = [error.formatted for error in public]
        if with_cost:
            payload["extensions"] = {"cost": cost_report(operation.cost, self.settings)}
        keep = not any(
            (error.extensions or {}).get("code") == ErrorCode.INTERNAL_SERVER_ERROR.value
            for error in public
        )
        kept_headers = tuple(
            (name, header_sink.headers[name])
            for name in _RESOLVER_HEADERS
            if name in header_sink.headers
        )
        return CachedResponse.of(encode_json(payload), kept_headers), keep


def _headers_only(send: Send) -> Send:
    """HEAD: the status and headers a GET gets (Content-Length included), no body."""

    async def send_headers(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_headers


def _merge(headers: MutableHeaders, extra: Sequence[tuple[str, str]]) -> None:
    for name, value in extra:
        if name == "vary":
            add_vary(headers, value.split(","))
        else:
            headers[name] = value


def _problem_response(problem: RequestProblem, media_type: MediaType) -> Response:
    status = problem.status if problem.status is not None else request_error_status(media_type)
    return errors_response(
        status, [problem.as_error()], media_type=media_type.value, headers=problem.headers
    )


def _request_errors_response(
    errors: Sequence[GraphQLError], media_type: MediaType, request: Request
) -> Response:
    request_id: str = getattr(request.state, "request_id", "-")
    formatted = [public_error(error, request_id).formatted for error in errors]
    return errors_response(request_error_status(media_type), formatted, media_type=media_type.value)
