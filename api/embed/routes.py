"""Routes of the embedding surface: the widget script, embed pages and the oEmbed endpoint.

The widget script and oEmbed answers may be read from any origin
(``Access-Control-Allow-Origin: *``, no credentials), and the embed pages may be framed
by any site (``frame-ancestors *``). What a request may see is the one access decision
(``api.partners.access``): pages and oEmbed answers come from the request's catalog,
so a partner's key reaches nothing outside its scope here either, and its answers are
``private``. Absolute URLs start with ``CONTENT_API_PUBLIC_URL``, never with the
request's ``Host``, which a client chooses.
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
from api.http.caching import private_cache_control, public_cache_control, validated_response
from api.http.encoding import encode_json
from api.http.errors import error_response
from api.partners import access_of
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
    shared_cache_control = public_cache_control(
        settings.cache_max_age, settings.cache_stale_while_revalidate
    )
    own_cache_control = private_cache_control(settings.cache_max_age)

    def cache_control(request: Request) -> str:
        # A partner's answers are its own: a shared cache must not serve them to others.
        return shared_cache_control if access_of(request.scope).is_anonymous else own_cache_control

    def absolute(request: Request, route: str, **params: str) -> str:
        return settings.public_url + str(request.app.url_path_for(route, **params))

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

    def page_headers(request: Request) -> dict[str, str]:
        return {
            "Content-Security-Policy": EMBED_PAGE_CSP,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": cache_control(request),
        }

    def not_found(request: Request, services: Services, locale: str) -> Response:
        if locale not in services.snapshot.locales.enabled:
            locale = services.snapshot.locales.default
        stylesheet = str(request.app.url_path_for("embed_stylesheet"))
        body = render_not_found_page(services, locale, stylesheet)
        return validated_response(
            request, body.encode(), media_type=HTML, status_code=404, headers=page_headers(request)
        )

    async def embed_page(request: Request) -> Response:
        services = live.current
        locale = request.path_params["locale"]
        content_type = ContentType.of_plural(request.path_params["kind"])
        catalog = access_of(request.scope).catalog(services.catalog)
        item = (
            catalog.page(content_type, request.path_params["slug"], locale)
            if content_type is not None
            else None
        )
        if item is None:
            return not_found(request, services, locale)
        canonical_url = services.links.canonical_url(item, locale)
        oembed_query = urlencode({"url": services.links.url(item, locale), "format": "json"})
        links = PageLinks(
            canonical_url=canonical_url,
            oembed_url=f"{absolute(request, 'oembed')}?{oembed_query}",
            stylesheet_url=str(request.app.url_path_for("embed_stylesheet")),
        )
        body = render_item_page(services, item, locale, links)
        return validated_response(
            request, body.encode(), media_type=HTML, headers=page_headers(request)
        )

    async def oembed(request: Request) -> Response:
        services = live.current
        try:
            wanted = parse_request(request.query_params)
        except OEmbedProblem as problem:
            return _problem(problem)
        catalog = access_of(request.scope).catalog(services.catalog)
        address = services.links.locate(wanted.url)
        item = (
            catalog.page(address.content_type, address.slug, address.locale)
            if address is not None
            else None
        )
        if address is None or item is None:
            return _problem(
                OEmbedProblem(404, ErrorCode.NOT_FOUND, "no published item has this URL")
            )
        locale = address.locale
        size = DEFAULT_SIZES[item.type].fit(wanted.max_width, wanted.max_height)
        title = catalog.localize(item, locale).headline.value
        src = absolute(
            request,
            "embed_page",
            locale=locale,
            kind=item.type.plural,
            slug=services.links.page(item, locale).slug,
        )
        answer = rich_response(
            title=title,
            html=render_oembed_frame(src, title, size.width, size.height),
            size=size,
            provider_name=provider_name(services.links.public_url),
            provider_url=services.links.public_url,
        )
        body = encode_json(answer)
        headers = {"Cache-Control": cache_control(request), "Access-Control-Allow-Origin": "*"}
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
