"""oEmbed 1.0: canonical item URLs in, ``rich`` iframe embeds out."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.api.conftest import ApiClient
from tests.conftest import PUBLIC_URL

ARTICLE_SLUG = "ketamine-depression-resistante-au-traitement"
ARTICLE_URL = f"{PUBLIC_URL}/fr-CA/articles/{ARTICLE_SLUG}"
FAQ_URL = f"{PUBLIC_URL}/en-CA/faqs/what-are-the-side-effects-of-ketamine-treatment"


def error_code(response: httpx.Response) -> str:
    """The code of the one error in the body every error of the service has."""
    [error] = response.json()["errors"]
    assert error["message"]
    code: str = error["extensions"]["code"]
    return code


def oembed(client: ApiClient, **params: str) -> dict[str, Any]:
    response = client.get("/oembed", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body: dict[str, Any] = response.json()
    return body


def iframe_attribute(html: str, name: str) -> str:
    match = re.search(rf'\s{name}="([^"]*)"', html)
    assert match, html
    return match.group(1)


def test_an_article_url_gets_a_rich_embed(client: ApiClient) -> None:
    answer = oembed(client, url=ARTICLE_URL, format="json")

    assert answer["type"] == "rich"
    assert answer["version"] == "1.0"
    assert answer["title"] == (
        "La kétamine, une option de plus en plus prometteuse contre la dépression "
        "résistante au traitement"
    )
    assert answer["provider_name"] == "clinic.example"
    assert answer["provider_url"] == PUBLIC_URL
    assert isinstance(answer["cache_age"], int)
    assert (answer["width"], answer["height"]) == (640, 800)


def test_the_embed_html_is_an_iframe_of_the_embed_page(client: ApiClient) -> None:
    html = oembed(client, url=ARTICLE_URL)["html"]

    assert html.startswith("<iframe ") and html.endswith("</iframe>")
    src = iframe_attribute(html, "src")
    assert src == f"{PUBLIC_URL}/embed/v1/fr-CA/articles/{ARTICLE_SLUG}"
    assert client.get(src.removeprefix(PUBLIC_URL)).status_code == 200
    assert iframe_attribute(html, "width") == "640"
    assert iframe_attribute(html, "height") == "800"
    assert "allow-scripts" not in iframe_attribute(html, "sandbox")
    assert iframe_attribute(html, "title").startswith("La kétamine")


def test_a_faq_url_gets_a_smaller_frame(client: ApiClient) -> None:
    answer = oembed(client, url=FAQ_URL)

    assert answer["title"] == "What are the common side effects of ketamine treatment?"
    assert (answer["width"], answer["height"]) == (640, 360)


def test_the_frame_respects_maxwidth_and_maxheight(client: ApiClient) -> None:
    answer = oembed(client, url=ARTICLE_URL, maxwidth="320", maxheight="2000")

    assert (answer["width"], answer["height"]) == (320, 800)
    assert iframe_attribute(answer["html"], "width") == "320"
    smaller = oembed(client, url=ARTICLE_URL, maxwidth="900", maxheight="240")
    assert (smaller["width"], smaller["height"]) == (640, 240)


def test_a_section_anchor_or_tracking_parameter_names_the_same_item(client: ApiClient) -> None:
    plain = oembed(client, url=ARTICLE_URL)

    assert oembed(client, url=f"{ARTICLE_URL}#conclusion") == plain
    assert oembed(client, url=f"{ARTICLE_URL}?utm_source=newsletter") == plain


def test_a_title_is_escaped_inside_the_iframe_html(client: ApiClient) -> None:
    html = oembed(client, url=ARTICLE_URL)["html"]

    assert "<" not in iframe_attribute(html, "title")
    assert html.count("<iframe") == 1


@pytest.mark.parametrize(
    "url",
    [
        f"{PUBLIC_URL}/fr-CA/articles/no-such-article",
        f"{PUBLIC_URL}/de-DE/articles/ketamine-treatment-resistant-depression",
        f"{PUBLIC_URL}/fr-CA/pages/ketamine-treatment-resistant-depression",
        f"{PUBLIC_URL}/fr-CA/articles/{ARTICLE_SLUG}/extra",
        "https://elsewhere.example/fr-CA/articles/ketamine-treatment-resistant-depression",
        "http://clinic.example/fr-CA/articles/ketamine-treatment-resistant-depression",
        "not a url",
    ],
)
def test_an_unknown_or_foreign_url_is_not_found(client: ApiClient, url: str) -> None:
    response = client.get("/oembed", params={"url": url})

    assert response.status_code == 404
    assert error_code(response) == "NOT_FOUND"


@pytest.mark.parametrize("response_format", ["xml", "XML", "html"])
def test_any_format_but_json_is_not_implemented(client: ApiClient, response_format: str) -> None:
    response = client.get("/oembed", params={"url": ARTICLE_URL, "format": response_format})

    assert response.status_code == 501
    assert error_code(response) == "NOT_IMPLEMENTED"


@pytest.mark.parametrize(
    "params",
    [{}, {"url": ""}, {"format": "json"}, {"url": ARTICLE_URL, "maxwidth": "wide"}],
)
def test_a_request_without_a_url_or_with_a_bad_size_is_refused(
    client: ApiClient, params: dict[str, str]
) -> None:
    response = client.get("/oembed", params=params)

    assert response.status_code == 400
    assert error_code(response) == "BAD_REQUEST"


@pytest.mark.parametrize("size", ["0", "-5", "1.5", "²"])
def test_sizes_are_positive_whole_pixels(client: ApiClient, size: str) -> None:
    response = client.get("/oembed", params={"url": ARTICLE_URL, "maxheight": size})

    assert response.status_code == 400


def test_oembed_answers_are_public_and_cacheable(client: ApiClient) -> None:
    response = client.get("/oembed", params={"url": ARTICLE_URL})

    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["cache-control"].startswith("public, max-age=")
    assert (
        client.get(
            "/oembed",
            params={"url": ARTICLE_URL},
            headers={"If-None-Match": response.headers["etag"]},
        ).status_code
        == 304
    )


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8443", "127.0.0.1:9"])
def test_absolute_urls_come_from_the_public_url_never_from_host(
    client: ApiClient, host: str
) -> None:
    # A Host header is the client's to choose; a cached answer built from it would send
    # every later reader's iframe to the client's server.
    answer = client.get("/oembed", params={"url": FAQ_URL}, headers={"Host": host})
    page = client.get(
        "/embed/v1/en-CA/faqs/what-are-the-side-effects-of-ketamine-treatment",
        headers={"Host": host},
    )

    src = iframe_attribute(answer.json()["html"], "src")
    assert src.startswith(f"{PUBLIC_URL}/embed/v1/en-CA/faqs/")
    discovery = re.search(r'type="application/json\+oembed" href="([^"]*)"', page.text)
    assert discovery is not None and discovery.group(1).startswith(f"{PUBLIC_URL}/oembed?")
    assert host not in answer.text and host not in page.text
