"""Every route that serves content, for every kind of scope, in and out of it.

The one access decision (``api/partners/access.py``) must hold on each door: GraphQL
(single items, lists, search: the widget's data too), embed pages, oEmbed, the sitemap
and the status routes. For each partner, and for anonymous callers, every item is asked for in
every locale through every route; no headline or slug of an item (or of a locale) the
caller may not see may come back, and what it may see must. A draft, listed by one
partner, stays out for everyone.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from api.content import ContentSnapshot, ContentType, Item, load_content
from api.partners.keys import key_digest
from tests.api.conftest import ApiClient
from tests.conftest import PROJECT_ROOT, PUBLIC_URL, settings_for

DRAFT = "availability-in-canada"
LOCALES = ("en-CA", "fr-CA")


@dataclass(frozen=True)
class Caller:
    name: str
    key: str | None
    locales: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    items: frozenset[str] | None = None

    def may_see(self, item: Item, locale: str) -> bool:
        return (
            item.status.value == "published"
            and (self.locales is None or locale in self.locales)
            and (self.tags is None or not self.tags.isdisjoint(item.tags))
            and (self.items is None or item.key in self.items)
        )

    @property
    def headers(self) -> dict[str, str]:
        return {} if self.key is None else {"X-Api-Key": self.key}


CALLERS = [
    Caller("anonymous", None),
    Caller(
        "locales", "cpk_scope-locales-000000000000000000000000000", locales=frozenset({"fr-CA"})
    ),
    Caller("tags", "cpk_scope-tags-00000000000000000000000000000000", tags=frozenset({"safety"})),
    Caller(
        "items",
        "cpk_scope-items-0000000000000000000000000000000",
        items=frozenset({"how-soon-it-works", DRAFT}),
    ),
]


def partners_yaml() -> str:
    entries = []
    for caller in CALLERS:
        if caller.key is None:
            continue
        scope = {
            name: sorted(values)
            for name, values in (
                ("locales", caller.locales),
                ("tags", caller.tags),
                ("items", caller.items),
            )
            if values is not None
        }
        scope_lines = "".join(f"      {name}: [{', '.join(v)}]\n" for name, v in scope.items())
        entries.append(
            f"  - name: scope-{caller.name}\n"
            f"    display_name: Scope {caller.name}\n"
            f"    rate_limit: 'off'\n"
            f"    scope:\n{scope_lines}"
            f"    keys:\n      - sha256: {key_digest(caller.key)}\n"
        )
    return "partners:\n" + "".join(entries)


@dataclass(frozen=True)
class World:
    client: ApiClient
    snapshot: ContentSnapshot


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("scoped-tree")
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    shutil.copytree(PROJECT_ROOT / "locales", root / "locales")
    draft = root / "content" / "faqs" / f"{DRAFT}.yaml"
    draft.write_text(draft.read_text().replace("status: published", "status: draft"))
    partners = root / "partners.yaml"
    partners.write_text(partners_yaml())
    settings = replace(settings_for(root, root / "search_index"), partners_file=partners)
    return World(ApiClient(create_app(settings)), load_content(root / "content", root / "locales"))


def headline(snapshot: ContentSnapshot, item: Item, locale: str) -> str:
    return snapshot.localize(item, locale).headline.value


def slug(snapshot: ContentSnapshot, item: Item, locale: str) -> str:
    return snapshot.localize(item, locale).slug.value


def markers(snapshot: ContentSnapshot, item: Item, locale: str) -> list[str]:
    """What would show that (item, locale) came back: its headline, raw and as HTML."""
    text = headline(snapshot, item, locale)
    return [text, html.escape(text)]


def hidden_markers(snapshot: ContentSnapshot, caller: Caller) -> list[str]:
    """Every headline the caller may not see, and the slugs of items it may not see at all."""
    found = []
    for item in snapshot.items():
        for locale in LOCALES:
            if not caller.may_see(item, locale):
                found += markers(snapshot, item, locale)
            if not any(caller.may_see(item, other) for other in LOCALES):
                found.append(slug(snapshot, item, locale))
    return found


GRAPHQL_ITEM = {
    ContentType.ARTICLE: '{ article(slug: "%s", locale: "%s") { title alternates { url } } }',
    ContentType.FAQ: '{ faq(slug: "%s", locale: "%s") { question answer { text } } }',
}
GRAPHQL_LISTS = """query($locale: String!) {
  articles(locale: $locale) { edges { node { title } } }
  faqs(locale: $locale) { edges { node { question slug } } }
  search(query: "ketamine", locale: $locale) {
    hits { content { ... on Faq { question } ... on Article { title } } }
  }
  suggest(prefix: "ket", locale: $locale)
}"""


@dataclass(frozen=True)
class Probe:
    route: str
    response: httpx.Response
    # The (item, locale) asked for, when the route serves one item.
    target: tuple[Item, str] | None


def probes(world: World, caller: Caller) -> Iterator[Probe]:
    client, snapshot = world.client, world.snapshot
    headers = caller.headers
    for item in snapshot.items():
        for locale in LOCALES:
            item_slug = slug(snapshot, item, locale)
            target = (item, locale)
            query = GRAPHQL_ITEM[item.type] % (item_slug, locale)
            graphql_get = client.get("/graphql", params={"query": query}, headers=headers)
            yield Probe("GET /graphql", graphql_get, target)
            yield Probe("POST /graphql", client.post_query(query, headers=headers), target)
            path = f"/{locale}/{item.type.plural}/{item_slug}"
            yield Probe("embed page", client.get(f"/embed/v1{path}", headers=headers), target)
            oembed = f"/oembed?url={quote(PUBLIC_URL + path, safe='')}"
            yield Probe("oembed", client.get(oembed, headers=headers), target)
    for locale in LOCALES:
        lists = client.post_query(GRAPHQL_LISTS, {"locale": locale}, headers=headers)
        yield Probe(f"lists and search in {locale}", lists, None)
    yield Probe("sitemap", client.get("/sitemap.xml", headers=headers), None)
    for path in ("/readyz", "/healthz", "/embed/v1/widget.js"):
        yield Probe(path, client.get(path, headers=headers), None)


@pytest.mark.parametrize("caller", CALLERS, ids=[caller.name for caller in CALLERS])
def test_no_route_serves_a_byte_outside_the_scope(world: World, caller: Caller) -> None:
    hidden = hidden_markers(world.snapshot, caller)
    assert hidden, "every caller here is denied something (the draft at least)"
    served = 0
    for probe in probes(world, caller):
        body = probe.response.text
        leaked = [marker for marker in hidden if marker in body]
        assert not leaked, f"{caller.name}: {probe.route} leaked {leaked}"
        if probe.target is not None and caller.may_see(*probe.target):
            item, locale = probe.target
            assert probe.response.status_code == 200, (probe.route, probe.response.text[:300])
            assert any(m in body for m in markers(world.snapshot, item, locale)), probe.route
            served += 1
        elif probe.target is not None and probe.route in {"embed page", "oembed"}:
            # Out of scope is as not there: the same 404 as an unknown item.
            assert probe.response.status_code == 404, (caller.name, probe.route)
    assert served > 0


@pytest.mark.parametrize("caller", CALLERS, ids=[caller.name for caller in CALLERS])
def test_keyed_answers_are_never_shared_by_caches(world: World, caller: Caller) -> None:
    for probe in probes(world, caller):
        response = probe.response
        cache_control = response.headers.get("cache-control", "")
        vary = {v.strip().lower() for v in response.headers.get("vary", "").split(",")}
        if probe.route in {"/readyz", "/healthz", "/embed/v1/widget.js"}:
            continue  # no content of any scope: the same for everyone
        assert "x-api-key" in vary, (caller.name, probe.route, vary)
        if caller.key is not None:
            assert "public" not in cache_control, (caller.name, probe.route, cache_control)
