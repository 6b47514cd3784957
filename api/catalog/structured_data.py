"""schema.org JSON-LD of a published item's page: what search engines read about it.

An article is a ``MedicalWebPage``, a FAQ a ``FAQPage`` with its ``Question`` and
``acceptedAnswer``. Only what the content says is emitted: no ``lastReviewed`` or
``reviewedBy`` until a clinician's review of that text is recorded, no ``about`` but
the item's tags that the glossary words in the page's language, no ``dateModified``
other than the recorded dates. The page described is the canonical one: a locale with
no text of its own shows its fallback's, and is described as that page (its language,
its URL). Translations point at their original (``translationOfWork``) and the
original at each translation with a text of its own (``workTranslation``).
"""

from __future__ import annotations

import json
from typing import Any

from api.catalog.links import X_DEFAULT, Links, site_name
from api.content import Article, Faq, Item
from api.content.fields import ANSWER, SUMMARY
from api.content.glossary import Glossary
from api.content.localized import LocalizedItem
from api.content.markdown import markdown_to_text

SCHEMA_ORG = "https://schema.org"
JsonObject = dict[str, Any]


def structured_data(localized: LocalizedItem, links: Links, glossary: Glossary) -> JsonObject:
    """The JSON-LD object of ``localized``'s page (a published item)."""
    item = localized.item
    language = localized.headline.locale
    url = links.canonical_url(item, localized.requested_locale)
    data: JsonObject = {
        "@context": SCHEMA_ORG,
        "@type": "FAQPage" if isinstance(item, Faq) else "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": localized.headline.value,
        "inLanguage": language,
    }
    if isinstance(item, Article):
        data["headline"] = localized.headline.value
        data["description"] = localized[SUMMARY].value
    data |= _dates(localized)
    about = _about(item, language, glossary)
    if about:
        data["about"] = about
    if isinstance(item, Article):
        data["audience"] = {"@type": "MedicalAudience", "audienceType": "Patient"}
    if isinstance(item, Faq):
        data["mainEntity"] = [
            {
                "@type": "Question",
                "name": localized.headline.value,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": markdown_to_text(localized[ANSWER].value),
                },
            }
        ]
    data |= _translations(item, language, links)
    data["publisher"] = {
        "@type": "Organization",
        "name": site_name(links.public_url),
        "url": links.public_url,
    }
    return data


def _dates(localized: LocalizedItem) -> JsonObject:
    item, review = localized.item, localized.review
    dates: JsonObject = {}
    if item.published is not None:
        dates["datePublished"] = item.published.isoformat()
    modified = item.updated or item.published
    if modified is not None:
        dates["dateModified"] = modified.isoformat()
    if review.reviewed is not None:
        dates["lastReviewed"] = review.reviewed.isoformat()
    if review.reviewer is not None:
        dates["reviewedBy"] = {"@type": "Person", "name": review.reviewer}
    return dates


def _about(item: Item, language: str, glossary: Glossary) -> list[JsonObject]:
    """The item's tags that name glossary terms, worded in the page's language."""
    about = []
    for tag in item.tags:
        term = glossary.term(tag)
        wording = term.wordings.get(language) if term is not None else None
        if wording is not None:
            about.append({"@type": "Thing", "name": wording.preferred})
    return about


def _translations(item: Item, language: str, links: Links) -> JsonObject:
    """The original and its translations: only pages with a text of their own."""
    own_texts = {
        alternate.locale: alternate.url
        for alternate in links.alternates(item)
        if alternate.hreflang != X_DEFAULT
    }
    if language != item.source_locale:
        return {"translationOfWork": {"@id": own_texts[item.source_locale]}}
    others = [{"@id": url} for locale, url in own_texts.items() if locale != language]
    return {"workTranslation": others} if others else {}


def script_text(data: JsonObject) -> str:
    """The JSON for a ``<script type="application/ld+json">`` element, safe inside it.

    ``<`` (hence ``</script>`` and ``<!--``), ``>`` and ``&`` are written as JSON escapes,
    which mean the same characters to a JSON-LD parser and nothing to the HTML parser.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
