"""Safety notices: content the clinic writes, validated, served first on the items they go on."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx
import pytest

from api.content import ContentError, ContentSnapshot
from tests.api.conftest import ApiClient
from tests.conftest import ContentTree

ARTICLE_QUERY = """query($l: String) {
  article(key: "ketamine-trd", locale: $l) {
    notices { key title body { html text locale } }
    faqs { key notices { key } }
  }
}"""
ARTICLE_PAGES = {
    "en-CA": "/embed/v1/en-CA/articles/ketamine-treatment-resistant-depression",
    "fr-CA": "/embed/v1/fr-CA/articles/ketamine-depression-resistante-au-traitement",
}


def test_the_shipped_article_carries_the_crisis_line_in_both_locales(
    shipped_content: ContentSnapshot,
) -> None:
    article = shipped_content.articles["ketamine-trd"]
    english, french = (
        shipped_content.notices.texts_for(article, locale) for locale in ("en-CA", "fr-CA")
    )
    assert [text.key for text in english] == [text.key for text in french] == ["crisis-line"]
    assert "9-8-8" in english[0].body and "24 hours a day" in english[0].body
    assert "9-8-8" in french[0].body and "24 heures sur 24" in french[0].body
    # The FAQs are not tagged depression, and no notice names them.
    assert all(
        not shipped_content.notices.texts_for(faq, "en-CA") for faq in shipped_content.faqs.values()
    )


def test_a_published_item_whose_notice_lacks_a_locale_is_refused(
    content_tree: ContentTree,
) -> None:
    content_tree.remove("locales/fr-CA/notices/crisis-line.yaml")
    with pytest.raises(ContentError) as raised:
        content_tree.load()
    (problem,) = raised.value.problems
    assert str(problem.path) == "content/articles/ketamine-trd.yaml"
    assert problem.field == "tags"
    assert "safety notice 'crisis-line'" in problem.message
    assert "fr-CA" in problem.message and "'ketamine-trd'" in problem.message
    assert "locales/fr-CA/notices/crisis-line.yaml" in problem.message


def test_a_draft_may_wait_for_its_notice_translation(content_tree: ContentTree) -> None:
    content_tree.remove("locales/fr-CA/notices/crisis-line.yaml")
    content_tree.replace("content/articles/ketamine-trd.yaml", "status: published", "status: draft")
    snapshot = content_tree.load()
    article = snapshot.articles["ketamine-trd"]
    assert snapshot.notices.texts_for(article, "fr-CA") == ()
    assert [text.key for text in snapshot.notices.texts_for(article, "en-CA")] == ["crisis-line"]


def test_a_notice_goes_on_items_named_by_key(content_tree: ContentTree) -> None:
    content_tree.replace(
        "content/notices/crisis-line.yaml", "tags: [depression]", "faqs: [side-effects]"
    )
    snapshot = content_tree.load()
    assert snapshot.notices.texts_for(snapshot.articles["ketamine-trd"], "fr-CA") == ()
    (text,) = snapshot.notices.texts_for(snapshot.faqs["side-effects"], "fr-CA")
    assert text.key == "crisis-line" and text.locale == "fr-CA"


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "content/notices/crisis-line.yaml",
            "tags: [depression]",
            "faqs: [no-such-faq]",
            "no faq 'no-such-faq'",
        ),
        (
            "content/notices/crisis-line.yaml",
            "tags: [depression]",
            "tags: []",
            "give it tags, articles or faqs",
        ),
        ("locales/en-CA/notices/crisis-line.yaml", "title:", "titel:", "unknown field 'titel'"),
        (
            "locales/en-CA/notices/crisis-line.yaml",
            "Call or text",
            "<script>alert(1)</script> Call or text",
            "HTML",
        ),
    ],
)
def test_notice_files_are_validated_like_the_rest(
    content_tree: ContentTree, relative: str, old: str, new: str, expected: str
) -> None:
    content_tree.replace(relative, old, new)
    with pytest.raises(ContentError) as raised:
        content_tree.load()
    assert any(expected in problem.message for problem in raised.value.problems), [
        str(problem) for problem in raised.value.problems
    ]


def test_a_notice_text_without_its_notice_is_reported(content_tree: ContentTree) -> None:
    content_tree.write("locales/en-CA/notices/stray.yaml", "title: Stray\nbody: Text.\n")
    with pytest.raises(ContentError) as raised:
        content_tree.load()
    (problem,) = raised.value.problems
    assert "notice that does not exist" in problem.message


def test_graphql_serves_the_notice_in_the_requested_locale(client: ApiClient) -> None:
    for locale, words in (("en-CA", "Call or text 9-8-8"), ("fr-CA", "Appelez ou textez le 9-8-8")):
        article = client.data(ARTICLE_QUERY, {"l": locale})["article"]
        (notice,) = article["notices"]
        assert notice["key"] == "crisis-line"
        assert notice["body"]["locale"] == locale
        assert words in notice["body"]["text"]
        assert notice["body"]["html"].startswith("<p>")
        assert all(faq["notices"] == [] for faq in article["faqs"])


def test_search_hits_carry_the_notices_of_their_items(client: ApiClient) -> None:
    query = """{ search(query: "kétamine", locale: "fr-CA", first: 10) {
      hits { content { key notices { key title } } } } }"""
    hits = client.data(query)["search"]["hits"]
    notices = {hit["content"]["key"]: hit["content"]["notices"] for hit in hits}
    assert notices["ketamine-trd"][0]["key"] == "crisis-line"
    assert notices["ketamine-trd"][0]["title"].startswith("Si vous pensez au suicide")


class BodyOrder(HTMLParser):
    """The classes and tags inside <article>, in document order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.inside = False
        self.order: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside = True
        elif self.inside:
            self.order.append(dict(attrs).get("class") or tag)


@pytest.mark.parametrize("locale", sorted(ARTICLE_PAGES))
def test_a_real_server_shows_the_notice_first_on_embed_pages(served_url: str, locale: str) -> None:
    response = httpx.get(served_url + ARTICLE_PAGES[locale])
    assert response.status_code == 200
    order = BodyOrder(response.text).order
    assert order[0] == "safety-notice", order
    assert order.index("safety-notice") < order.index("h1")
    assert "9-8-8" in response.text
    graphql = httpx.post(
        served_url + "/graphql", json={"query": ARTICLE_QUERY, "variables": {"l": locale}}
    )
    assert graphql.json()["data"]["article"]["notices"][0]["key"] == "crisis-line"
