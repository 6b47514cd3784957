"""The gate in front of the content: keys, origins, CORS and rate limits.

Every request to a gated path (``/graphql``, ``/embed/...``, ``/oembed``) is resolved
to an ``Access`` (a partner, by its ``X-Api-Key``, or anonymous), checked, counted,
and handed on with ``request.state.access`` set. Other paths (health, readiness,
metrics, the SDL) and static files pass through untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ErrorCode
from api.http.encoding import GRAPHQL_RESPONSE_JSON, JSON
from api.http.errors import error_response
from api.http.vary import add_vary, add_vary_raw
from api.metrics import RATE_LIMITED
from api.partners.access import ANONYMOUS, Access
from api.partners.cors import allow_origin, is_preflight, preflight_headers
from api.partners.limiter import RateLimiter, retry_after_seconds
from api.partners.registry import PartnerRegistry
from api.partners.source import LivePartners
from api.rate_limits import RateLimit

API_KEY_HEADER = "X-Api-Key"
# Exact paths, and everything below them: the API, embed pages and oEmbed.
GATED_PATHS = ("/graphql", "/embed", "/oembed", "/sitemap.xml", "/sitemaps")
# Static files below them are not gated: they hold no content, and a <script> or <link>
# tag cannot send a key (the widget's own data requests to /graphql do).
STATIC_SUFFIXES = (".js", ".css", ".map", ".svg", ".png", ".woff2")
# Responses on gated paths depend on these request headers, whatever the outcome.
VARY = ("Origin", API_KEY_HEADER)


class PartnerGate:
    """Pure ASGI middleware; see docs/partners.md for the rules it applies."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        partners: LivePartners,
        limiter: RateLimiter,
        anonymous_access: bool = True,
        anonymous_rate_limit: RateLimit | None = None,
        gated_paths: Sequence[str] = GATED_PATHS,
    ) -> None:
        self.app = app
        self.partners = partners
        self.limiter = limiter
        self.anonymous_access = anonymous_access
        self.anonymous_rate_limit = anonymous_rate_limit
        self.gated_paths = tuple(path.rstrip("/") for path in gated_paths)

    def is_gated(self, path: str) -> bool:
        if path.endswith(STATIC_SUFFIXES):
            return False
        return any(path == gated or path.startswith(gated + "/") for gated in self.gated_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.is_gated(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        outcome = await self._admit(scope, headers)
        if isinstance(outcome, Response):
            await outcome(scope, receive, send)
            return
        scope.setdefault("state", {})["access"] = outcome
        # Scripts on the partner's own sites may read what its key fetched; anonymous
        # answers are for servers and the service's own pages (no CORS headers).
        origin = headers.get("origin")
        readable_by = origin if outcome.partner is not None else None

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                if readable_by is None:
                    # The common case (anonymous, or no Origin): only Vary, on the raw list.
                    headers = list(message.get("headers", ()))
                    add_vary_raw(headers, VARY)
                    message["headers"] = headers
                else:
                    _decorate(MutableHeaders(scope=message), readable_by)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _admit(self, scope: Scope, headers: Headers) -> Access | Response:
        """Who the request is from, or the response refusing it."""
        origin = headers.get("origin")
        registry = self.partners.current
        # Refusals carry no content, so any partner's site may read them: its developers
        # see "invalid key" rather than an opaque CORS failure.
        known_origin = origin if origin is not None and registry.knows_origin(origin) else None
        if is_preflight(scope["method"], headers):
            # A preflight carries no key: any partner's origin gets the CORS answer.
            if known_origin is None:
                refusal = _error(403, ErrorCode.ORIGIN_NOT_ALLOWED, _origin_message(origin))
                return _with_headers(refusal, None)
            preflight = Response(status_code=204, headers=preflight_headers(known_origin))
            return _with_headers(preflight, None)
        outcome = self._identify(headers, origin, registry)
        if isinstance(outcome, Access):
            wait = await self._take_token(outcome, scope)
            if wait <= 0:
                return outcome
            RATE_LIMITED.labels(
                partner=outcome.partner.name if outcome.partner else "anonymous"
            ).inc()
            outcome = _rate_limited(wait)
        if GRAPHQL_RESPONSE_JSON in headers.get("accept", ""):
            outcome.headers["Content-Type"] = GRAPHQL_RESPONSE_JSON
        return _with_headers(outcome, known_origin)

    def _identify(
        self, headers: Headers, origin: str | None, registry: PartnerRegistry
    ) -> Access | Response:
        key = headers.get(API_KEY_HEADER)
        if key is None:
            if self.anonymous_access:
                return ANONYMOUS
            message = f"This API needs a partner key in the {API_KEY_HEADER} header."
            return _error(401, ErrorCode.API_KEY_REQUIRED, message)
        partner = registry.partner_for_key(key)
        if partner is None:
            message = f"The {API_KEY_HEADER} header holds no valid key."
            return _error(401, ErrorCode.INVALID_API_KEY, message)
        if origin is not None and not partner.allows_origin(origin):
            return _error(403, ErrorCode.ORIGIN_NOT_ALLOWED, _origin_message(origin))
        return Access.for_partner(partner)

    async def _take_token(self, access: Access, scope: Scope) -> float:
        """Seconds to wait before this request may be served; 0.0 to serve it now."""
        if access.partner is not None:
            limit = access.partner.rate_limit
            if limit is None:
                return 0.0
            return await self.limiter.take_partner(access.partner.name, limit)
        if self.anonymous_rate_limit is None:
            return 0.0
        client = scope.get("client")
        address = client[0] if client else "unknown"
        return await self.limiter.take_anonymous(address, self.anonymous_rate_limit)


def _origin_message(origin: str | None) -> str:
    return f"Requests from {origin} are not allowed for this key."


def _rate_limited(wait: float) -> Response:
    seconds = retry_after_seconds(wait)
    plural = "s" if seconds != 1 else ""
    message = f"Too many requests; retry in {seconds} second{plural}."
    response = _error(429, ErrorCode.RATE_LIMITED, message, retryAfter=seconds)
    response.headers["Retry-After"] = str(seconds)
    return response


def _error(status: int, code: ErrorCode, message: str, **extensions: object) -> Response:
    """The service's error body, which GraphQL clients read as GraphQL errors."""
    headers = {"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'} if status == 401 else {}
    return error_response(status, code, message, media_type=JSON, headers=headers, **extensions)


def _with_headers(response: Response, readable_by: str | None) -> Response:
    _decorate(response.headers, readable_by)
    return response


def _decorate(headers: MutableHeaders, readable_by: str | None) -> None:
    add_vary(headers, VARY)
    if readable_by is not None:
        allow_origin(headers, readable_by)
