"""``/sitemap.xml`` and ``/sitemaps/<n>.xml``: the published pages, for search engines.

What is listed is what the request may see, as on every content route: anonymous
requests get the public, published content; a partner's key, its scope. Above
``CONTENT_API_SITEMAP_MAX_URLS`` URLs, ``/sitemap.xml`` is a sitemap index of the
numbered sitemaps. Every URL, the sitemaps' own in an index included, is under
``CONTENT_API_PUBLIC_URL``: the site serves these files at its root, where search
engines accept the URLs they list (docs/publishing.md).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from api.catalog.sitemap import (
    index_xml,
    latest,
    part_count,
    part_of,
    sitemap_urls,
    urlset_xml,
)
from api.errors import ErrorCode
from api.http.caching import private_cache_control, public_cache_control, validated_response
from api.http.errors import error_response
from api.partners.access import Access, access_of
from api.serving import LiveServices
from api.settings import Settings

XML = "application/xml; charset=utf-8"
PARTS_PATH = "/sitemaps"


def sitemap_routes(live: LiveServices, settings: Settings) -> list[BaseRoute]:
    per_sitemap = settings.sitemap_max_urls

    def respond(request: Request, body: bytes, access: Access) -> Response:
        cache_control = (
            public_cache_control(settings.cache_max_age, settings.cache_stale_while_revalidate)
            if access.is_anonymous
            else private_cache_control(settings.cache_max_age)
        )
        return validated_response(
            request, body, media_type=XML, headers={"Cache-Control": cache_control}
        )

    async def sitemap(request: Request) -> Response:
        access = access_of(request.scope)
        services = live.current
        urls = sitemap_urls(access.catalog(services.catalog), services.links)
        count = part_count(len(urls), per_sitemap)
        if count == 1:
            return respond(request, urlset_xml(urls), access)
        numbers = range(1, count + 1)
        locations = [f"{services.links.public_url}{PARTS_PATH}/{n}.xml" for n in numbers]
        modified = [latest(part_of(urls, n, per_sitemap)) for n in numbers]
        return respond(request, index_xml(locations, modified), access)

    async def sitemap_part(request: Request) -> Response:
        access = access_of(request.scope)
        services = live.current
        urls = sitemap_urls(access.catalog(services.catalog), services.links)
        number: int = request.path_params["number"]
        count = part_count(len(urls), per_sitemap)
        if not 1 <= number <= count:
            return error_response(
                404,
                ErrorCode.NOT_FOUND,
                f"no sitemap {number}: there {'is' if count == 1 else 'are'} {count} "
                f"(see /sitemap.xml)",
            )
        return respond(request, urlset_xml(part_of(urls, number, per_sitemap)), access)

    return [
        Route("/sitemap.xml", sitemap, name="sitemap"),
        Route(PARTS_PATH + "/{number:int}.xml", sitemap_part, name="sitemap_part"),
    ]
