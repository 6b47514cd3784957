"""Counts every response by route, status and locale (``content_api_http_requests_total``)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import HTTP_REQUESTS

# Routes by their first path segment: a bounded set of label values whatever is requested.
_ROUTES = {
    "graphql": "/graphql",
    "schema.graphql": "/schema.graphql",
    "embed": "/embed",
    "oembed": "/oembed",
    "healthz": "/healthz",
    "readyz": "/readyz",
    "metrics": "/metrics",
    "graphiql": "/graphiql",
    # The sitemap and its numbered parts count as one route.
    "sitemap.xml": "/sitemap.xml",
    "sitemaps": "/sitemap.xml",
}
_CONTENT_LANGUAGE = b"content-language"


def route_of(path: str) -> str:
    return _ROUTES.get(path.strip("/").split("/", 1)[0], "other")


class RequestMetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_counted(message: Message) -> None:
            if message["type"] == "http.response.start":
                locale = next(
                    (v.decode() for k, v in message.get("headers", ()) if k == _CONTENT_LANGUAGE),
                    "",
                )
                HTTP_REQUESTS.labels(
                    route=route_of(scope["path"]), status=str(message["status"]), locale=locale
                ).inc()
            await send(message)

        await self.app(scope, receive, send_counted)
