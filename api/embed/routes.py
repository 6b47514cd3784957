"""Routes of the embedding surface: the widget script, embed pages and the oEmbed endpoint.

Everything here is public, published content: the widget script and oEmbed answers
may be read from any origin (``Access-Control-Allow-Origin: *``, no credentials), and
the embed pages may be framed by any site (``frame-ancestors *``). What partners
are allowed to *query* is decided where the GraphQL requests land, not here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib.resources import files
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from api.content import ContentType
from api.embed.oembed import DEFAULT_SIZES, OEmbedProblem, parse_request, rich_response
from api.embed.pages import (
    PageLinks,
    provider_name,
    render_item_page,
    render_not_found_page,
    render_oembed_frame,
)
from api.errors import ErrorCode
from api.http.caching import public_cache_control, validated_response
from api.http.encoding import encode_json
from api.http.errors import error_response
from api.serving import LiveServices, Services
from api.settings import Settings

Endpoint = Callable[[Request], Awaitable[Response]]

# The widget's URL (and the embed stylesheet's) carries its major version only, so
# partners paste it once. Cached for a day and served stale for a week while
# revalidating (ETag): fixes reach every partner page within a day, and a
# revalidation is a cheap 304.
ASSET_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800"

# The embed pages run no script and load only their own stylesheet. Any site may frame
# them: they are public, read-only and carry no session, so there is nothing to
# clickjack, and oEmbed consumers (any CMS) must be able to show them.
EMBED_PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' https:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors *"
)
JAVASCRIPT = "text/javascript; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class StaticAsset:
    """A file of api/embed/static, read once at startup."""

    body: bytes
    media_type: str

    @classmethod
    def load(cls, name: str, media_type: str) -> StaticAsset:
        return cls(files("api.embed").joinpath("static", name).read_bytes(), media_type)


def embed_routes(live: LiveServices, settings: Settings) -> list[BaseRoute]:
    widget = StaticAsset.load("widget.js", JAVASCRIPT)
    stylesheet = StaticAsset.load("embed.css", "text/css; charset=utf-8")
    page_cache_control = public_cache_control(
        settings.cache_max_age, settings.cache_stale_while_revalidate
    )

    def asset_endpoint(asset: StaticAsset) -> Endpoint:
        async def serve(request: Request) -> Response:
            # A module script from another origin is fetched in CORS mode: without this
            # header no partner page could run the widget. Public file, no credentials.
            headers = {
                "Cache-Control": ASSET_CACHE_CONTROL,
                "Access-Control-Allow-Origin": "*",
                "X-Content-Type-Options": "nosniff",
            }
            return validated_response(
                request, asset.body, media_type=asset.media_type, headers=headers
            )

        return serve

    def page_headers() -> dict[str, str]:
        return {
            "Content-Security-Policy": EMBED_PAGE_CSP,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": page_cache_control,
        }

    def not_found(request: Request, services: Services, locale: str) -> Response:
        if locale not in services.snapshot.locales.enabled:
            locale = services.snapshot.locales.default
        body = render_not_found_page(services, locale, request.url_for("embed_stylesheet").path)
        return validated_response(
            request, body.encode(), media_type=HTML, status_code=404, headers=page_headers()
        )

    async def embed_page(request: Request) -> Response:
        services = live.current
        locale = request.path_params["locale"]
        content_type = ContentType.of_plural(request.path_params["kind"])
        if content_type is None or locale not in services.snapshot.locales.enabled:
            return not_found(request, services, locale)
        item = services.catalog.item(content_type, slug=request.path_params["slug"], locale=locale)
        if item is None:
            return not_found(request, services, locale)
        canonical_url = services.links.canonical_url(item, locale)
        oembed_query = urlencode({"url": services.links.url(item, locale), "format": "json"})
        links = PageLinks(
            canonical_url=canonical_url,
            oembed_url=f"{request.url_for('oembed')}?{oembed_query}",
            stylesheet_url=request.url_for("embed_stylesheet").path,
        )
        body = render_item_page(services, item, locale, links)
        return validated_response(request, body.encode(), media_type=HTML, headers=page_headers())

    async def oembed(request: Request) -> Response:
        services = live.current
        try:
            wanted = parse_request(request.query_params)
        except OEmbedProblem as problem:
            return _problem(problem)
        address = services.links.locate(wanted.url)
        item = (
            services.catalog.item(address.content_type, slug=address.slug, locale=address.locale)
            if address is not None
            else None
        )
        if address is None or item is None:
            return _problem(
                OEmbedProblem(404, ErrorCode.NOT_FOUND, "no published item has this URL")
            )
        locale = address.locale
        size = DEFAULT_SIZES[item.type].fit(wanted.max_width, wanted.max_height)
        title = services.catalog.localize(item, locale).headline.value
        src = request.url_for(
            "embed_page",
            locale=locale,
            kind=item.type.plural,
            slug=services.links.page(item, locale).slug,
        )
        answer = rich_response(
            title=title,
            html=render_oembed_frame(str(src), title, size.width, size.height),
            size=size,
            provider_name=provider_name(services.links.public_url),
            provider_url=services.links.public_url,
        )
        body = encode_json(answer)
        headers = {"Cache-Control": page_cache_control, "Access-Control-Allow-Origin": "*"}
        return validated_response(
            request, body, media_type="application/json; charset=utf-8", headers=headers
        )

    return [
        Route("/embed/v1/widget.js", asset_endpoint(widget), name="embed_widget"),
        Route("/embed/v1/embed.css", asset_endpoint(stylesheet), name="embed_stylesheet"),
        Route("/embed/v1/{locale}/{kind}/{slug}", embed_page, name="embed_page"),
        Route("/oembed", oembed, name="oembed"),
    ]


def _problem(problem: OEmbedProblem) -> Response:
    # Readable from any origin, like the answers it stands in for.
    headers = {"Access-Control-Allow-Origin": "*"}
    return error_response(problem.status_code, problem.code, problem.message, headers=headers)
