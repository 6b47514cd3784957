"""schema.org JSON-LD of items: expanded by pyld (offline) and read back by extruct."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import extruct
import httpx
import pytest
from pyld import jsonld

from tests.api.conftest import ApiClient, MakeClient
from tests.conftest import PUBLIC_URL, ContentTree

# The schema.org terms the service emits, as schema.org's own context maps them; served
# by the document loader below, so that expansion never reaches the network. It has
# no @vocab: a property the service emitted outside it would be dropped by expansion,
# which the tests below would see.
CONTEXT_FILE = Path(__file__).with_name("schema.org.jsonld")
SCHEMA = "https://schema.org/"
QUERY = """query($key: String!, $l: String) {
  article(key: $key, locale: $l) { structuredData }
}"""
QUERIES = {
    "article": QUERY,
    "faq": QUERY.replace("article(", "faq("),
}
ARTICLE_URLS = {
    "en-CA": f"{PUBLIC_URL}/en-CA/articles/ketamine-treatment-resistant-depression",
    "fr-CA": f"{PUBLIC_URL}/fr-CA/articles/ketamine-depression-resistante-au-traitement",
}
FAQ_URLS = {
    "en-CA": f"{PUBLIC_URL}/en-CA/faqs/what-are-the-side-effects-of-ketamine-treatment",
    "fr-CA": f"{PUBLIC_URL}/fr-CA/faqs/effets-secondaires-du-traitement-par-ketamine",
}


def local_context(url: str, options: object = None) -> dict[str, Any]:
    if url.rstrip("/") != SCHEMA.rstrip("/"):
        raise AssertionError(f"expansion asked for {url}: only schema.org's context is served")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(CONTEXT_FILE.read_text(encoding="utf-8")),
    }


def expand(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON-LD expanded against the local schema.org context; fails on any error."""
    (expanded,) = jsonld.expand(data, {"documentLoader": local_context})
    result: dict[str, Any] = expanded
    return result


def keys(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys(inner)


def assert_every_term_is_schema_org(data: dict[str, Any]) -> None:
    terms = set(json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"])
    unknown = {key for key in keys(data) if not key.startswith("@")} - terms
    assert unknown == set(), f"not schema.org terms of the context: {unknown}"


def value(expanded: dict[str, Any], name: str) -> Any:
    (entry,) = expanded[SCHEMA + name]
    return entry.get("@value", entry.get("@id", entry))


def item_data(client: ApiClient, kind: str, key: str, locale: str) -> dict[str, Any]:
    answer = client.data(QUERIES[kind], {"key": key, "l": locale})
    data: dict[str, Any] = answer[kind]["structuredData"]
    return data


@pytest.mark.parametrize("locale", sorted(ARTICLE_URLS))
def test_the_article_is_a_medical_web_page_in_each_language(client: ApiClient, locale: str) -> None:
    data = item_data(client, "article", "ketamine-trd", locale)
    assert_every_term_is_schema_org(data)
    expanded = expand(data)

    assert expanded["@type"] == [SCHEMA + "MedicalWebPage"]
    assert expanded["@id"] == ARTICLE_URLS[locale]
    assert value(expanded, "inLanguage") == locale
    assert value(expanded, "datePublished") == "2026-12-01"
    assert value(expanded, "dateModified") == "2026-12-01"
    audience = value(expanded, "audience")
    assert audience["@type"] == [SCHEMA + "MedicalAudience"]
    assert value(audience, "audienceType") == "Patient"
    assert value(value(expanded, "publisher"), "name") == "clinic.example"
    # The seed records no medical review: none is claimed.
    assert SCHEMA + "lastReviewed" not in expanded
    assert SCHEMA + "reviewedBy" not in expanded
    # About: the tags the glossary words in this language.
    wording = {
        "en-CA": "treatment-resistant depression",
        "fr-CA": "dépression résistante au traitement",
    }
    assert value(value(expanded, "about"), "name") == wording[locale]
    other = ARTICLE_URLS["fr-CA" if locale == "en-CA" else "en-CA"]
    relation = "workTranslation" if locale == "en-CA" else "translationOfWork"
    assert value(expanded, relation) == other


@pytest.mark.parametrize("locale", sorted(FAQ_URLS))
def test_a_faq_is_a_faq_page_with_its_question_and_answer(client: ApiClient, locale: str) -> None:
    data = item_data(client, "faq", "side-effects", locale)
    assert_every_term_is_schema_org(data)
    expanded = expand(data)

    assert expanded["@type"] == [SCHEMA + "FAQPage"]
    assert expanded["@id"] == FAQ_URLS[locale]
    question = value(expanded, "mainEntity")
    assert question["@type"] == [SCHEMA + "Question"]
    answer = value(question, "acceptedAnswer")
    assert answer["@type"] == [SCHEMA + "Answer"]
    starts = {"en-CA": "Some patients", "fr-CA": "Certains patients"}
    assert value(answer, "text").startswith(starts[locale])
    assert "<" not in value(answer, "text")


def test_a_recorded_review_is_stated_for_its_language_only(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.replace(
        "locales/fr-CA/faqs/side-effects.yaml",
        "source_digest:",
        "review:\n  reviewed: 2026-12-03\n  reviewer: Dre Claire Tremblay, psychiatre\n"
        "source_digest:",
    )
    client = make_client(content_tree)
    french = expand(item_data(client, "faq", "side-effects", "fr-CA"))
    english = expand(item_data(client, "faq", "side-effects", "en-CA"))

    assert value(french, "lastReviewed") == "2026-12-03"
    reviewer = value(french, "reviewedBy")
    assert reviewer["@type"] == [SCHEMA + "Person"]
    assert value(reviewer, "name") == "Dre Claire Tremblay, psychiatre"
    assert SCHEMA + "lastReviewed" not in english and SCHEMA + "reviewedBy" not in english


def test_a_page_served_by_fallback_is_described_as_the_page_it_shows(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    content_tree.remove("locales/fr-CA/faqs/side-effects.yaml")
    client = make_client(content_tree)
    french = expand(item_data(client, "faq", "side-effects", "fr-CA"))

    assert value(french, "inLanguage") == "en-CA"
    assert french["@id"] == FAQ_URLS["en-CA"]
    # No translation with a text of its own: none is named.
    assert SCHEMA + "workTranslation" not in french


def test_the_embed_page_head_carries_the_same_json_ld(served_url: str) -> None:
    path = ARTICLE_URLS["fr-CA"].removeprefix(PUBLIC_URL)
    page = httpx.get(f"{served_url}/embed/v1{path}")
    graphql = httpx.post(
        f"{served_url}/graphql",
        json={"query": QUERY, "variables": {"key": "ketamine-trd", "l": "fr-CA"}},
    )
    (found,) = extruct.extract(page.text, base_url=page.url, syntaxes=["json-ld"])["json-ld"]

    assert found == graphql.json()["data"]["article"]["structuredData"]
    head = page.text.split("</head>")[0]
    assert '<script type="application/ld+json">' in head


def test_text_cannot_close_the_script_element(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    hostile = "Effets </script><script>alert(1)</script> <!-- & secondaires?"
    content_tree.replace(
        "locales/fr-CA/faqs/side-effects.yaml",
        "question: Quels sont les effets secondaires courants du traitement par kétamine?",
        f"question: '{hostile}'",
    )
    page = make_client(content_tree).get(FAQ_URLS["fr-CA"].replace(PUBLIC_URL, "/embed/v1"))
    (found,) = extruct.extract(page.text, syntaxes=["json-ld"])["json-ld"]

    assert found["name"] == hostile
    assert found["mainEntity"][0]["name"] == hostile
    assert page.text.count("<script") == 1
