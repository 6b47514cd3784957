"""Embed pages and the widget script: what a partner's iframe and script tag receive."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import PUBLIC_URL, ContentTree

FAQ_PATH = "/embed/v1/fr-CA/faqs/effets-secondaires-du-traitement-par-ketamine"
FAQ_CANONICAL = f"{PUBLIC_URL}/fr-CA/faqs/effets-secondaires-du-traitement-par-ketamine"
ARTICLE_PATH = "/embed/v1/en-CA/articles/ketamine-treatment-resistant-depression"


class PageOutline(HTMLParser):
    """The parts of a page the tests look at: <html lang>, <link>s, <a>s, tags used."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.links: list[dict[str, str | None]] = []
        self.anchors: list[dict[str, str | None]] = []
        self.tags: set[str] = set()
        self.script_types: list[str | None] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "a":
            self.anchors.append(attributes)
        elif tag == "script":
            self.script_types.append(attributes.get("type"))

    def link(self, rel: str) -> dict[str, str | None]:
        return next(link for link in self.links if link.get("rel") == rel)

    def alternate(self, media_type: str) -> dict[str, str | None]:
        return next(
            link
            for link in self.links
            if link.get("rel") == "alternate" and link.get("type") == media_type
        )


def directives(response: httpx.Response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    parts = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def test_an_embed_page_shows_one_faq_in_its_locale(client: ApiClient) -> None:
    response = client.get(FAQ_PATH)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = PageOutline(response.text)
    assert page.lang == "fr-CA"
    assert "Quels sont les effets secondaires courants du traitement par kétamine?" in response.text
    assert "dissociation légère" in response.text
    assert page.link("canonical")["href"] == FAQ_CANONICAL


def test_an_embed_page_links_back_to_the_item_with_attribution(client: ApiClient) -> None:
    page = PageOutline(client.get(FAQ_PATH).text)

    attribution = [a for a in page.anchors if a.get("href") == FAQ_CANONICAL]
    assert attribution, page.anchors
    assert "Source\u00a0: clinic.example" in client.get(FAQ_PATH).text


def test_an_article_embed_page_has_its_sections_and_no_script(client: ApiClient) -> None:
    """No script: the one script element is JSON-LD data, which no browser runs."""
    response = client.get(ARTICLE_PATH)

    assert response.status_code == 200
    assert PageOutline(response.text).lang == "en-CA"
    assert 'id="understanding-trd"' in response.text
    assert "Understanding Treatment-Resistant Depression (TRD)" in response.text
    assert PageOutline(response.text).script_types == ["application/ld+json"]


def test_an_embed_page_may_be_framed_anywhere_but_runs_nothing(client: ApiClient) -> None:
    response = client.get(FAQ_PATH)

    policy = directives(response)
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "*"
    assert "script-src" not in policy  # so default-src 'none' forbids every script
    assert response.headers["x-content-type-options"] == "nosniff"
    # A framing policy of its own: no X-Frame-Options: DENY from the default headers.
    assert "x-frame-options" not in response.headers


def test_an_embed_page_stylesheet_is_served_from_the_api(client: ApiClient) -> None:
    page = PageOutline(client.get(FAQ_PATH).text)
    stylesheet = page.link("stylesheet")["href"]
    assert stylesheet is not None and stylesheet.startswith("/")

    response = client.get(stylesheet)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/css; charset=utf-8"
    assert "--clinic-accent" in response.text


def test_an_embed_page_announces_its_oembed_endpoint(client: ApiClient) -> None:
    page = PageOutline(client.get(FAQ_PATH).text)
    discovery = page.alternate("application/json+oembed")
    href = discovery["href"]
    assert href is not None

    parts = urlsplit(href)
    assert parts.path == "/oembed"
    assert parse_qs(parts.query) == {"url": [FAQ_CANONICAL], "format": ["json"]}
    oembed = client.get(f"{parts.path}?{parts.query}")
    assert oembed.status_code == 200
    assert oembed.json()["title"] == discovery["title"]


def test_an_embed_page_is_cacheable_and_revalidates(client: ApiClient) -> None:
    first = client.get(FAQ_PATH)
    assert first.headers["cache-control"].startswith("public, max-age=")
    etag = first.headers["etag"]

    again = client.get(FAQ_PATH, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/embed/v1/fr-CA/faqs/no-such-question",
        "/embed/v1/fr-CA/pages/effets-secondaires-du-traitement-par-ketamine",
        "/embed/v1/de-DE/faqs/effets-secondaires-du-traitement-par-ketamine",
    ],
)
def test_an_unknown_item_gets_a_polite_404_page(client: ApiClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert directives(response)["default-src"] == "'none'"
    page = PageOutline(response.text)
    if path.startswith("/embed/v1/fr-CA"):
        assert page.lang == "fr-CA"
        assert "Page introuvable" in response.text
    else:
        assert page.lang == "en-CA"  # an unknown locale: the default one
        assert "Page not found" in response.text


def test_a_draft_is_not_embeddable(content_tree: ContentTree, make_client: MakeClient) -> None:
    content_tree.replace("content/faqs/side-effects.yaml", "status: published", "status: draft")

    response = make_client(content_tree).get(FAQ_PATH)

    assert response.status_code == 404


def test_text_is_escaped_and_only_markdown_bodies_are_html(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.replace(
        "locales/fr-CA/faqs/side-effects.yaml",
        "question: Quels sont",
        "question: <b>Gras</b> & <script>alert(1)</script> Quels sont",
    )

    text = make_client(content_tree).get(FAQ_PATH).text

    assert "&lt;b&gt;Gras&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>" not in text
    assert "<p>Certains patients" in text  # the answer: Markdown rendered and sanitized


def test_the_widget_script_is_served_as_a_cacheable_cross_origin_module(
    client: ApiClient,
) -> None:
    response = client.get("/embed/v1/widget.js", headers={"Origin": "https://partner.example"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    # Module scripts from another origin load in CORS mode; the file is public.
    assert response.headers["access-control-allow-origin"] == "*"
    assert "max-age=86400" in response.headers["cache-control"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "customElements.define" in response.text
    again = client.get("/embed/v1/widget.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_the_widget_script_avoids_what_a_strict_csp_forbids(client: ApiClient) -> None:
    lines = client.get("/embed/v1/widget.js").text.splitlines()
    source = "\n".join(line for line in lines if not line.lstrip().startswith("//"))

    for forbidden in ("eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML"):
        assert forbidden not in source, forbidden
    assert 'setAttribute("style"' not in source
    assert "adoptedStyleSheets" in source


class LangOutline(HTMLParser):
    """Each element's tag and lang attribute, with the text it directly holds.

    The JSON-LD data block is left out: it is data for machines, and says its language
    in its own ``inLanguage``."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None, str]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"meta", "link", "base"}:
            lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else None)
            self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack and self.stack[-1][0] != "script":
            self.texts.append((self.stack[-1][0], self.stack[-1][1], data.strip()))

    def lang_of(self, words: str) -> str | None:
        return next(lang for _, lang, text in self.texts if words in text)


def test_english_fallback_text_in_a_french_page_is_marked_english(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.replace(
        "locales/fr-CA/faqs/side-effects.yaml",
        "question: Quels sont les effets secondaires courants du traitement par kétamine?\n",
        "",
    )
    page = LangOutline(make_client(content_tree).get(FAQ_PATH).text)
    assert page.lang_of("What are the common side effects") == "en-CA"  # <title> and <h1>
    assert [lang for tag, lang, text in page.texts if "common side effects" in text] == [
        "en-CA",
        "en-CA",
    ]
    assert page.lang_of("dissociation légère") == "fr-CA"  # the page's own language
    assert page.lang_of("Source") == "fr-CA"


def test_an_article_in_english_by_fallback_marks_each_field(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.remove("locales/fr-CA/articles/ketamine-trd.yaml")
    client = make_client(content_tree)
    response = client.get("/embed/v1/fr-CA/articles/ketamine-treatment-resistant-depression")
    assert response.status_code == 200
    page = LangOutline(response.text)
    for words in (
        "Ketamine\u2019s Growing Promise",
        "Standard antidepressants",
        "Conclusion",
        "Ketamine infusion therapy is reshaping",
        "contact BrainStim today",
    ):
        assert page.lang_of(words) == "en-CA", words
    assert page.lang_of("Publié le") == "fr-CA"
    # Not an alternate of its own: the canonical page is the English one.
    canonical = PageOutline(response.text).link("canonical")["href"]
    assert canonical == f"{PUBLIC_URL}/en-CA/articles/ketamine-treatment-resistant-depression"


def test_a_page_says_when_it_was_published_how_long_it_reads_and_its_review(
    client: ApiClient,
) -> None:
    french = client.get("/embed/v1/fr-CA/articles/ketamine-depression-resistante-au-traitement")
    assert "Publié le 1er décembre 2026 · 3 minutes de lecture" in french.text
    assert "Ce contenu n\u2019a pas encore été validé sur le plan médical." in french.text
    english = client.get(ARTICLE_PATH)
    assert re.search(r"Published on December 1, 2026 · \d minute read", english.text)
    assert "This content has not yet been medically reviewed." in english.text
    faq = client.get(FAQ_PATH).text
    assert "de lecture" not in faq  # a FAQ's answer is read at a glance


def test_a_reviewed_text_names_its_reviewer_in_its_own_language_only(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.replace(
        "locales/fr-CA/faqs/side-effects.yaml",
        "\nquestion:",
        "\nreview:\n  reviewed: 2026-12-01\n  reviewer: Dre Exemple\nquestion:",
    )
    client = make_client(content_tree)
    assert (
        "Validé sur le plan médical par Dre Exemple le 1er décembre 2026"
        in client.get(FAQ_PATH).text
    )
    english = client.get("/embed/v1/en-CA/faqs/what-are-the-side-effects-of-ketamine-treatment")
    assert "This content has not yet been medically reviewed." in english.text
