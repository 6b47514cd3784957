"""Sitemaps (sitemaps.org 0.9) of the published items, with their hreflang alternates.

One ``<url>`` per item and locale that has a text of its own: a page served by
fallback is the same text as its canonical page, so it is not listed (as it is not an
hreflang alternate). Each ``<url>`` names every page of the item in a language of its
own and ``x-default`` (``xhtml:link rel="alternate"``), itself included, as search
engines require; ``lastmod`` is the item's last recorded date. Above the protocol's
50,000 URLs a sitemap index lists numbered sitemaps of at most that many each.

A catalog scoped to a partner lists only what that partner may see, locales included:
the alternates stay reciprocal within the pages listed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

from api.catalog.links import X_DEFAULT, Alternate, Links
from api.catalog.published import Catalog

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# The protocol's limit on URLs in one sitemap file.
MAX_URLS_PER_SITEMAP = 50_000

ElementTree.register_namespace("", SITEMAP_NAMESPACE)
ElementTree.register_namespace("xhtml", XHTML_NAMESPACE)


@dataclass(frozen=True)
class SitemapUrl:
    location: str
    last_modified: datetime.date | None
    alternates: tuple[Alternate, ...]


def sitemap_urls(catalog: Catalog, links: Links) -> tuple[SitemapUrl, ...]:
    """Every page with a text of its own of every published item the catalog shows."""
    urls: list[SitemapUrl] = []
    for item in catalog.published_items:
        alternates = tuple(
            alternate
            for alternate in links.alternates(item)
            if catalog.scope.allows_locale(alternate.locale)
        )
        # x-default alone (its locale in scope, every own text out of it) is no page.
        pages = [alternate for alternate in alternates if alternate.hreflang != X_DEFAULT]
        last_modified = item.updated or item.published
        urls.extend(SitemapUrl(page.url, last_modified, alternates) for page in pages)
    return tuple(urls)


def part_count(url_count: int, per_sitemap: int) -> int:
    """How many sitemaps the URLs fill (at least one, possibly empty)."""
    return max(1, -(-url_count // per_sitemap))


def part_of(urls: Sequence[SitemapUrl], number: int, per_sitemap: int) -> Sequence[SitemapUrl]:
    """The URLs of sitemap ``number`` (from 1)."""
    return urls[(number - 1) * per_sitemap : number * per_sitemap]


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def urlset_xml(urls: Sequence[SitemapUrl]) -> bytes:
    root = ElementTree.Element(_tag(SITEMAP_NAMESPACE, "urlset"))
    for url in urls:
        entry = ElementTree.SubElement(root, _tag(SITEMAP_NAMESPACE, "url"))
        ElementTree.SubElement(entry, _tag(SITEMAP_NAMESPACE, "loc")).text = url.location
        if url.last_modified is not None:
            lastmod = ElementTree.SubElement(entry, _tag(SITEMAP_NAMESPACE, "lastmod"))
            lastmod.text = url.last_modified.isoformat()
        for alternate in url.alternates:
            ElementTree.SubElement(
                entry,
                _tag(XHTML_NAMESPACE, "link"),
                {"rel": "alternate", "hreflang": alternate.hreflang, "href": alternate.url},
            )
    return _document(root)


def index_xml(
    sitemap_locations: Sequence[str], last_modified: Sequence[datetime.date | None]
) -> bytes:
    root = ElementTree.Element(_tag(SITEMAP_NAMESPACE, "sitemapindex"))
    for location, modified in zip(sitemap_locations, last_modified, strict=True):
        entry = ElementTree.SubElement(root, _tag(SITEMAP_NAMESPACE, "sitemap"))
        ElementTree.SubElement(entry, _tag(SITEMAP_NAMESPACE, "loc")).text = location
        if modified is not None:
            ElementTree.SubElement(
                entry, _tag(SITEMAP_NAMESPACE, "lastmod")
            ).text = modified.isoformat()
    return _document(root)


def latest(urls: Sequence[SitemapUrl]) -> datetime.date | None:
    """The last change among ``urls``: a sitemap's own ``lastmod`` in an index."""
    return max((url.last_modified for url in urls if url.last_modified), default=None)


def _document(root: ElementTree.Element) -> bytes:
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return body
