"""Sitemaps: parsed by lxml, against a real server, the draft rule and partners' scopes."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest
from lxml import etree

from api.http.request_metrics import route_of
from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import PUBLIC_URL, ContentTree
from tests.partners.conftest import MakeGatedClient
from tests.partners.sample import PARTNER_KEY, SCOPED_KEY

NAMESPACES = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
# The served content's public URL (tests/api/servers.py) and the apps' (tests/conftest.py).
SERVED_PUBLIC_URL = "https://clinic.example"
SHIPPED_ITEMS = 6


@dataclass(frozen=True)
class Entry:
    location: str
    last_modified: str | None
    # hreflang -> href
    alternates: dict[str, str]


def parse_urlset(body: bytes) -> list[Entry]:
    root = etree.fromstring(body)
    assert root.tag == f"{{{NAMESPACES['s']}}}urlset"
    entries = []
    for url in root.iterfind("s:url", NAMESPACES):
        links = url.findall("xhtml:link", NAMESPACES)
        assert all(link.get("rel") == "alternate" for link in links)
        entries.append(
            Entry(
                location=url.findtext("s:loc", namespaces=NAMESPACES),
                last_modified=url.findtext("s:lastmod", namespaces=NAMESPACES),
                alternates={link.get("hreflang"): link.get("href") for link in links},
            )
        )
    return entries


def assert_well_formed(entries: list[Entry], public_url: str) -> None:
    """Absolute URLs under the public URL; each page among its own alternates; and every
    alternate a listed page that names this one back."""
    by_location = {entry.location: entry for entry in entries}
    assert len(by_location) == len(entries), "a URL is listed twice"
    for entry in entries:
        urls = [entry.location, *entry.alternates.values()]
        assert all(url.startswith(public_url + "/") for url in urls), urls
        assert "x-default" in entry.alternates
        assert entry.location in entry.alternates.values()
        for hreflang, href in entry.alternates.items():
            if hreflang == "x-default":
                continue
            assert href in by_location, f"{href} is an alternate but not listed"
            assert by_location[href].alternates == entry.alternates


def test_a_real_server_lists_every_page_with_reciprocal_alternates(served_url: str) -> None:
    response = httpx.get(f"{served_url}/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml; charset=utf-8"
    assert response.headers["cache-control"].startswith("public")
    entries = parse_urlset(response.content)

    assert len(entries) == SHIPPED_ITEMS * 2  # every item has its own text in both locales
    assert_well_formed(entries, SERVED_PUBLIC_URL)
    article = next(entry for entry in entries if "/fr-CA/articles/" in entry.location)
    assert article.alternates == {
        "en-CA": f"{SERVED_PUBLIC_URL}/en-CA/articles/ketamine-treatment-resistant-depression",
        "fr-CA": f"{SERVED_PUBLIC_URL}/fr-CA/articles/ketamine-depression-resistante-au-traitement",
        "x-default": f"{SERVED_PUBLIC_URL}/en-CA/articles/ketamine-treatment-resistant-depression",
    }
    assert {entry.last_modified for entry in entries} == {"2026-12-01"}


def test_head_answers_like_get_without_a_body(served_url: str) -> None:
    get = httpx.get(f"{served_url}/sitemap.xml")
    head = httpx.head(f"{served_url}/sitemap.xml")
    assert head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "etag", "cache-control", "content-length"):
        assert head.headers[name] == get.headers[name], name
    again = httpx.get(f"{served_url}/sitemap.xml", headers={"If-None-Match": get.headers["etag"]})
    assert again.status_code == 304


def test_drafts_and_pages_without_their_own_text_are_not_listed(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.replace(
        "content/faqs/insurance-coverage.yaml", "status: published", "status: draft"
    )
    content_tree.remove("locales/fr-CA/faqs/side-effects.yaml")
    entries = parse_urlset(make_client(content_tree).get("/sitemap.xml").content)

    locations = [entry.location for entry in entries]
    assert len(entries) == (SHIPPED_ITEMS - 1) * 2 - 1
    assert not any("insurance" in url or "assurance" in url for url in locations)
    (side_effects,) = [entry for entry in entries if "side-effects" in entry.location]
    assert side_effects.location.startswith(f"{PUBLIC_URL}/en-CA/")
    assert set(side_effects.alternates) == {"en-CA", "x-default"}
    assert_well_formed(entries, PUBLIC_URL)


def test_a_partner_key_lists_its_scope_and_no_key_the_public_content(
    make_gated_client: MakeGatedClient,
) -> None:
    client = make_gated_client()
    scoped = client.get("/sitemap.xml", headers={"X-Api-Key": SCOPED_KEY})
    unscoped = parse_urlset(client.get("/sitemap.xml", headers={"X-Api-Key": PARTNER_KEY}).content)
    anonymous = parse_urlset(client.get("/sitemap.xml").content)

    assert scoped.headers["cache-control"].startswith("private")
    entries = parse_urlset(scoped.content)
    # French only; the scope's items with one of its tags (tests/partners/sample.py).
    assert sorted(entry.location.rsplit("/", 2)[1] for entry in entries) == [
        "articles",
        "faqs",
        "faqs",
    ]
    assert all("/fr-CA/" in entry.location for entry in entries)
    assert all(set(entry.alternates) == {"fr-CA"} for entry in entries)
    assert len(anonymous) == len(unscoped) == SHIPPED_ITEMS * 2
    refused = client.get("/sitemap.xml", headers={"X-Api-Key": "cpk_not-a-key"})
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"]


def test_no_anonymous_sitemap_where_anonymous_access_is_off(
    make_gated_client: MakeGatedClient,
) -> None:
    response = make_gated_client(anonymous_access=False).get("/sitemap.xml")
    assert response.status_code == 401
    assert "<url>" not in response.text


@pytest.mark.parametrize("per_sitemap", [5, 12])
def test_above_the_limit_the_sitemap_is_an_index(
    make_client: MakeClient, content_tree: ContentTree, per_sitemap: int
) -> None:
    client: ApiClient = make_client(content_tree, sitemap_max_urls=per_sitemap)
    root = etree.fromstring(client.get("/sitemap.xml").content)
    if per_sitemap >= SHIPPED_ITEMS * 2:
        assert root.tag == f"{{{NAMESPACES['s']}}}urlset"
        return
    assert root.tag == f"{{{NAMESPACES['s']}}}sitemapindex"
    locations = [loc.text for loc in root.iterfind("s:sitemap/s:loc", NAMESPACES)]
    assert locations == [f"{PUBLIC_URL}/sitemaps/{n}.xml" for n in (1, 2, 3)]
    assert [m.text for m in root.iterfind("s:sitemap/s:lastmod", NAMESPACES)] == ["2026-12-01"] * 3
    parts = [parse_urlset(client.get(url.removeprefix(PUBLIC_URL)).content) for url in locations]
    assert [len(part) for part in parts] == [5, 5, 2]
    assert_well_formed([entry for part in parts for entry in part], PUBLIC_URL)
    beyond = client.get("/sitemaps/4.xml")
    assert beyond.status_code == 404
    assert beyond.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_the_sitemap_and_its_parts_are_one_route_in_the_metrics() -> None:
    assert route_of("/sitemap.xml") == route_of("/sitemaps/3.xml") == "/sitemap.xml"
