"""Draft previews: the preview token shows drafts, and nothing of a draft reaches anyone else.

The drafts here (an article and its FAQ) are about a medicine the shipped content never
names, so every word of theirs is a marker: if "zuranolone", "neurosteroid" or
"postpartum" comes back without the preview token, from any route (an item, a list, a
count, a search hit, a facet, an autocomplete, a "did you mean", an embed page, oEmbed,
the sitemap, /readyz, /metrics), a draft leaked.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from api.content import Status
from api.partners.keys import key_digest
from api.settings import Settings, SettingsError
from tests.api.conftest import ApiClient
from tests.api.servers import running_server
from tests.conftest import PROJECT_ROOT, PUBLIC_URL, ContentTree, settings_for

PREVIEW_TOKEN = "preview-token-for-the-tests"
OPERATOR_TOKEN = "operator-token-for-the-tests"
PREVIEW = {"Authorization": f"Bearer {PREVIEW_TOKEN}"}
OPERATOR = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}
LOCALES = ("en-CA", "fr-CA")
# Words that only the drafts have (their key, slugs, tag, title and text).
DRAFT_WORDS = ("zuranolone", "neurosteroid", "postpartum", "fourteen")
ARTICLE_SLUG = "zuranolone-outlook-unreleased"
FAQ_SLUG = "zuranolone-dosing-unreleased"

DRAFT_FILES = {
    "content/articles/zuranolone-outlook.yaml": """\
key: zuranolone-outlook
source_locale: en-CA
status: draft
published: 2026-12-03
updated: null
order: 2
tags: [zuranolone]
sections:
  - overview
faqs:
  - zuranolone-dosing
""",
    "content/faqs/zuranolone-dosing.yaml": """\
key: zuranolone-dosing
source_locale: en-CA
status: draft
published: 2026-12-03
updated: null
order: 9
tags: [zuranolone]
""",
    "locales/en-CA/articles/zuranolone-outlook.yaml": f"""\
slug: {ARTICLE_SLUG}
title: Zuranolone outlook, not yet released
summary: >-
  An unreleased overview of zuranolone for postpartum depression.
sections:
  - id: overview
    heading: Zuranolone overview
    body: |
      Zuranolone is a neurosteroid studied for postpartum depression.
""",
    "locales/en-CA/faqs/zuranolone-dosing.yaml": f"""\
slug: {FAQ_SLUG}
question: How is zuranolone taken?
answer: |
  Zuranolone is taken by mouth for fourteen days.
""",
}


def add_drafts(tree: ContentTree) -> None:
    for relative, text in DRAFT_FILES.items():
        tree.write(relative, text)


def leaked(response: httpx.Response) -> list[str]:
    body = response.text.lower()
    return [word for word in DRAFT_WORDS if word in body]


ITEMS_QUERY = """query($locale: String!) {
  article(key: "zuranolone-outlook", locale: $locale) { id title faqs { question } }
  bySlug: article(slug: "ARTICLE_SLUG", locale: $locale) { title }
  faq(key: "zuranolone-dosing", locale: $locale) { id question answer { text } }
  faqBySlug: faq(slug: "FAQ_SLUG", locale: $locale) { question }
  articles(locale: $locale) { totalCount edges { node { title slug tags } } }
  faqs(locale: $locale) { totalCount edges { node { question slug } } }
  tagged: faqs(locale: $locale, tag: "zuranolone") { totalCount }
  translationStatus(locale: $locale) { key }
}""".replace("ARTICLE_SLUG", ARTICLE_SLUG).replace("FAQ_SLUG", FAQ_SLUG)

SEARCH_QUERY = """query($locale: String!, $text: String!, $prefix: String!) {
  search(query: $text, locale: $locale) {
    totalCount
    suggestion
    facets { types { value count } tags { value count } }
    hits { content { key ... on Article { title } ... on Faq { question } } snippets { html } }
  }
  suggest(prefix: $prefix, locale: $locale)
}"""

# What a search box sends: the drafts' words, a typo of one, prefixes of each.
SEARCHES = [
    ("zuranolone", "zur"),
    ("zuranolon", "zuranol"),  # a typo: corrected, or "did you mean", only from drafts
    ("neurosteroid", "neuro"),
    ("postpartum depression", "postp"),
    ("fourteen days", "fourt"),
]


def preview_settings(root: Path, index_dir: Path) -> Settings:
    """The settings of a tree served with previews on, and the operator's token set."""
    return replace(
        settings_for(root, index_dir), preview_token=PREVIEW_TOKEN, operator_token=OPERATOR_TOKEN
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> ApiClient:
    """The shipped content and the drafts, served with previews on (read-only here)."""
    root = tmp_path_factory.mktemp("drafts")
    for folder in ("content", "locales"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    add_drafts(ContentTree(root))
    return ApiClient(create_app(preview_settings(root, root / "search_index")))


def graphql_probes(client: ApiClient, headers: dict[str, str]) -> Iterator[httpx.Response]:
    for locale in LOCALES:
        yield client.post_query(ITEMS_QUERY, {"locale": locale}, headers)
        params = {"query": ITEMS_QUERY, "variables": f'{{"locale": "{locale}"}}'}
        yield client.get("/graphql", params=params, headers=headers)
        for text, prefix in SEARCHES:
            variables = {"locale": locale, "text": text, "prefix": prefix}
            yield client.post_query(SEARCH_QUERY, variables, headers)


def other_route_probes(client: ApiClient, headers: dict[str, str]) -> Iterator[httpx.Response]:
    for locale in LOCALES:
        for plural, slug in (("articles", ARTICLE_SLUG), ("faqs", FAQ_SLUG)):
            path = f"/{locale}/{plural}/{slug}"
            yield client.get(f"/embed/v1{path}", headers=headers)
            yield client.get(f"/oembed?url={quote(PUBLIC_URL + path, safe='')}", headers=headers)
    yield client.get("/sitemap.xml", headers=headers)
    for path in ("/readyz", "/healthz", "/metrics"):
        # The operator's credential sees the details of /readyz and the metrics.
        yield client.get(path, headers={**headers, **OPERATOR})


def draft_ids(client: ApiClient) -> list[str]:
    data = client.data(ITEMS_QUERY, {"locale": "en-CA"}, PREVIEW)
    return [data["article"]["id"], data["faq"]["id"]]


NOT_PREVIEWS = {
    "anonymous": {},
    "a wrong bearer token": {"Authorization": "Bearer not-the-preview-token"},
    "the operator token": OPERATOR,
}


@pytest.mark.parametrize("headers", NOT_PREVIEWS.values(), ids=NOT_PREVIEWS.keys())
def test_no_route_serves_a_word_of_a_draft_without_the_preview_token(
    served: ApiClient, headers: dict[str, str]
) -> None:
    client = served
    # The preview answered first: whatever it left behind must not reach anyone else.
    ids = draft_ids(client)
    responses = [*graphql_probes(client, headers), *other_route_probes(client, headers)]
    for draft_id in ids:
        node = client.post_query("query($id: ID!) { node(id: $id) { id } }", {"id": draft_id})
        assert node.json()["data"] == {"node": None}
        responses.append(node)
    for response in responses:
        assert response.status_code in {200, 404}, (response.url, response.text[:300])
        if response.url.path == "/graphql":
            # A refused query would prove nothing: each must have been answered.
            assert "errors" not in response.json(), response.text[:500]
        assert not leaked(response), (response.url, leaked(response), response.text[:500])
        assert "noindex" not in response.headers.get("x-robots-tag", "")
    data = client.data(ITEMS_QUERY, {"locale": "en-CA"}, headers)
    assert data["article"] is None and data["faq"] is None
    assert data["articles"]["totalCount"] == 1 and data["faqs"]["totalCount"] == 5
    assert data["tagged"]["totalCount"] == 0
    for page in (f"/embed/v1/en-CA/articles/{ARTICLE_SLUG}", f"/embed/v1/fr-CA/faqs/{FAQ_SLUG}"):
        assert client.get(page, headers=headers).status_code == 404


def test_the_preview_token_shows_the_drafts_in_items_lists_and_search(served: ApiClient) -> None:
    client = served
    for locale in LOCALES:
        data = client.data(ITEMS_QUERY, {"locale": locale}, PREVIEW)
        assert data["article"]["title"] == "Zuranolone outlook, not yet released"
        assert data["bySlug"] == {"title": data["article"]["title"]}
        assert data["article"]["faqs"] == [{"question": "How is zuranolone taken?"}]
        assert data["faqBySlug"]["question"] == "How is zuranolone taken?"
        assert data["articles"]["totalCount"] == 2 and data["faqs"]["totalCount"] == 6
        assert data["tagged"]["totalCount"] == 1
        search = client.data(
            SEARCH_QUERY, {"locale": locale, "text": "zuranolone", "prefix": "zur"}, PREVIEW
        )
        results = search["search"]
        assert results["totalCount"] == 2
        assert {hit["content"]["key"] for hit in results["hits"]} == {
            "zuranolone-outlook",
            "zuranolone-dosing",
        }
        assert {"value": "zuranolone", "count": 2} in results["facets"]["tags"]
        assert "zuranolone" in search["suggest"]
    # Published content is all still there.
    published = client.data(
        SEARCH_QUERY, {"locale": "en-CA", "text": "ketamine", "prefix": "ket"}, PREVIEW
    )
    assert published["search"]["totalCount"] == 6
    # The drafts' own vocabulary: a typo of a draft's word finds it, or is corrected to it.
    typo = client.data(
        SEARCH_QUERY, {"locale": "en-CA", "text": "zuranolon", "prefix": "zuranol"}, PREVIEW
    )
    assert typo["search"]["totalCount"] > 0 or typo["search"]["suggestion"] == "zuranolone"
    # node: a preview refetches a draft by its id.
    article_id = draft_ids(client)[0]
    node = client.data(
        "query($id: ID!) { node(id: $id) { ... on Article { title } } }",
        {"id": article_id},
        PREVIEW,
    )
    assert node["node"] == {"title": "Zuranolone outlook, not yet released"}


def test_previews_are_kept_by_no_cache_and_indexed_by_no_search_engine(served: ApiClient) -> None:
    client = served
    endpoint = client.api.graphql
    params = {"query": '{ article(key: "zuranolone-outlook", locale: "en-CA") { title } }'}
    # The same URL, first anonymous (cacheable, replayed), then as a preview.
    public = client.get("/graphql", params=params)
    assert public.json()["data"] == {"article": None}
    assert public.headers["cache-control"].startswith("public")
    assert client.get("/graphql", params=params).json() == public.json()  # a replay
    kept = (len(endpoint.responses), len(endpoint.replays))
    for _ in range(2):
        preview = client.get("/graphql", params=params, headers=PREVIEW)
        assert preview.status_code == 200
        assert preview.json()["data"]["article"]["title"].startswith("Zuranolone")
        assert preview.headers["cache-control"] == "private, no-store"
        assert preview.headers["x-robots-tag"] == "noindex"
        assert "etag" not in preview.headers
        assert "public" not in preview.headers["cache-control"]
        # A validator from the public answer gets no 304 for a preview.
        conditional = client.get(
            "/graphql", params=params, headers={**PREVIEW, "If-None-Match": public.headers["etag"]}
        )
        assert conditional.status_code == 200
    assert (len(endpoint.responses), len(endpoint.replays)) == kept
    assert client.get("/graphql", params=params).json() == public.json()
    # Errors of a preview are not cacheable or indexable either.
    bad = client.get("/graphql", params={"query": "{ nope }"}, headers=PREVIEW)
    assert bad.status_code == 200  # application/json: request errors are a 200
    assert bad.headers["cache-control"] == "private, no-store"
    assert bad.headers["x-robots-tag"] == "noindex"
    assert bad.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_a_draft_added_by_live_reload_is_previewed_and_leaks_nowhere(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    client = ApiClient(create_app(preview_settings(content_tree.root, tmp_path / "search_index")))
    live = client.api.live
    assert live.current.preview is None, "no drafts, so no preview index"
    before = client.data(ITEMS_QUERY, {"locale": "en-CA"}, PREVIEW)
    assert before["article"] is None
    add_drafts(content_tree)
    assert live.reload()
    preview = live.current.preview
    assert preview is not None and preview.preview_index is not None
    folder = preview.preview_index.folder
    assert folder.is_dir()
    for headers in NOT_PREVIEWS.values():
        for response in (*graphql_probes(client, headers), *other_route_probes(client, headers)):
            assert not leaked(response), (response.url, leaked(response))
    after = client.data(ITEMS_QUERY, {"locale": "fr-CA"}, PREVIEW)
    assert after["article"]["title"] == "Zuranolone outlook, not yet released"
    found = client.data(
        SEARCH_QUERY, {"locale": "fr-CA", "text": "neurosteroid", "prefix": "neuro"}, PREVIEW
    )
    assert found["search"]["totalCount"] == 1
    # Publishing the draft: it is public now, and no preview index is needed any more.
    for relative in (
        "content/articles/zuranolone-outlook.yaml",
        "content/faqs/zuranolone-dosing.yaml",
    ):
        content_tree.replace(relative, "status: draft", "status: published")
    assert live.reload()
    assert live.current.preview is None
    assert all(item.status is Status.PUBLISHED for item in live.current.snapshot.items())
    public = client.data(ITEMS_QUERY, {"locale": "en-CA"})
    assert public["article"]["title"] == "Zuranolone outlook, not yet released"
    # The replaced version's preview index is deleted with it when it retires.
    preview.close()
    assert not folder.exists()
    live.shut_down()


def test_previews_off_by_default_the_token_shows_nothing(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    add_drafts(content_tree)
    client = ApiClient(create_app(settings_for(content_tree.root, tmp_path / "search_index")))
    assert client.api.live.current.preview is None
    for headers in ({}, PREVIEW, {"Authorization": "Bearer "}):
        data = client.data(ITEMS_QUERY, {"locale": "en-CA"}, headers)
        assert data["article"] is None and data["articles"]["totalCount"] == 1


def test_a_real_server_previews_drafts_only_for_the_token(content_tree: ContentTree) -> None:
    add_drafts(content_tree)
    env = {"CONTENT_API_PREVIEW_TOKEN": PREVIEW_TOKEN}
    with running_server(content_tree.root, content_tree.root / "search_index", env) as url:
        body: dict[str, Any] = {
            "query": SEARCH_QUERY,
            "variables": {"locale": "fr-CA", "text": "zuranolone", "prefix": "zur"},
        }
        public = httpx.post(f"{url}/graphql", json=body, timeout=10)
        assert public.status_code == 200 and not leaked(public), public.text
        preview = httpx.post(f"{url}/graphql", json=body, headers=PREVIEW, timeout=10)
        assert preview.status_code == 200
        assert preview.json()["data"]["search"]["totalCount"] == 2
        assert preview.headers["cache-control"] == "private, no-store"
        assert preview.headers["x-robots-tag"] == "noindex"
        page = httpx.get(f"{url}/embed/v1/en-CA/articles/{ARTICLE_SLUG}", headers=PREVIEW)
        assert page.status_code == 404, "embed pages never preview"


def test_the_preview_token_is_no_api_key(served: ApiClient) -> None:
    response = served.post_query(ITEMS_QUERY, {"locale": "en-CA"}, {"X-Api-Key": PREVIEW_TOKEN})
    assert response.status_code == 401
    assert not leaked(response)


def test_the_preview_token_cannot_be_the_operator_token() -> None:
    with pytest.raises(SettingsError, match="CONTENT_API_PREVIEW_TOKEN must differ"):
        Settings.from_env(
            {"CONTENT_API_PREVIEW_TOKEN": "same", "CONTENT_API_OPERATOR_TOKEN": " same "}
        )


def test_a_preview_through_a_partner_key_keeps_the_partner_scope(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    add_drafts(content_tree)
    partners = tmp_path / "partners.yaml"
    # One partner sees the drafts' tag, the other only the shipped FAQs tagged safety.
    keys = {
        "zuranolone": "cpk_preview-drafts-00000000000000000000000000",
        "safety": "cpk_preview-safety-000000000000000000000000000",
    }
    partners.write_text(
        "partners:\n"
        + "".join(
            f"  - name: {tag}\n    display_name: Partner {tag}\n    rate_limit: 'off'\n"
            f"    scope:\n      tags: [{tag}]\n    keys:\n      - sha256: {key_digest(key)}\n"
            for tag, key in keys.items()
        )
    )
    settings = replace(
        settings_for(content_tree.root, tmp_path / "search_index"),
        preview_token=PREVIEW_TOKEN,
        partners_file=partners,
    )
    client = ApiClient(create_app(settings))
    in_scope = client.data(
        ITEMS_QUERY, {"locale": "en-CA"}, {**PREVIEW, "X-Api-Key": keys["zuranolone"]}
    )
    assert in_scope["article"]["title"].startswith("Zuranolone")
    assert in_scope["articles"]["totalCount"] == 1 and in_scope["faqs"]["totalCount"] == 1
    outside = {**PREVIEW, "X-Api-Key": keys["safety"]}
    for response in graphql_probes(client, outside):
        assert response.status_code == 200 and "errors" not in response.json(), response.text
        assert not leaked(response), (response.url, leaked(response))


def test_a_preview_index_that_cannot_be_built_leaves_the_last_version_served(
    content_tree: ContentTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ApiClient(create_app(preview_settings(content_tree.root, tmp_path / "search_index")))
    live = client.api.live
    served_before = live.current

    def no_space(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("api.serving.previews.build_index", no_space)
    add_drafts(content_tree)
    with pytest.raises(OSError, match="No space left"):
        live.reload()
    assert live.current is served_before
    # Not retired either: its index would be closed 20 s later while still served.
    assert served_before not in live._retired
    assert client.data(ITEMS_QUERY, {"locale": "en-CA"})["articles"]["totalCount"] == 1
    live.shut_down()
