"""Items a locale lacks are found through their fallback text, analysed as written."""

from __future__ import annotations

import re
from collections.abc import Callable

from api.content import ContentSnapshot
from api.search import SearchIndex, SearchRequest
from tests.conftest import ContentTree


def test_untranslated_faq_is_found_in_french_through_its_english_text(
    content_tree: ContentTree, index_snapshot: Callable[[ContentSnapshot], SearchIndex]
) -> None:
    content_tree.remove("locales/fr-CA/faqs/insurance-coverage.yaml")
    index = index_snapshot(content_tree.load())

    # English words, English stemming: "covered" and "insurance" match "coverage"/"insured"...
    results = index.search(SearchRequest("covered by insurance", "fr-CA"))
    hit = results.hits[0]
    assert (hit.key, hit.is_fallback, hit.text_locale) == ("insurance-coverage", True, "en-CA")
    assert hit.snippets[0].field == "question"
    assert "<mark>covered</mark>" in hit.snippets[0].html

    translated = index.search(SearchRequest("effets secondaires", "fr-CA")).hits[0]
    assert (translated.key, translated.is_fallback, translated.text_locale) == (
        "side-effects",
        False,
        "fr-CA",
    )


def test_fallback_text_is_stemmed_as_english_not_french(
    content_tree: ContentTree, index_snapshot: Callable[[ContentSnapshot], SearchIndex]
) -> None:
    content_tree.remove("locales/fr-CA/faqs/side-effects.yaml")
    index = index_snapshot(content_tree.load())
    # "effects" -> "effect" only with the English stemmer; the French one leaves "effects".
    results = index.search(SearchRequest("effect", "fr-CA"))
    first, *others = results.hits
    assert (first.key, first.is_fallback, first.matched_locale) == ("side-effects", True, "en-CA")
    # The article is translated: only its English text, a cross-language match, has the word.
    assert [(hit.key, hit.is_fallback, hit.matched_locale) for hit in others] == [
        ("ketamine-trd", False, "en-CA")
    ]


def test_markup_in_content_comes_out_escaped(
    content_tree: ContentTree, index_snapshot: Callable[[ContentSnapshot], SearchIndex]
) -> None:
    content_tree.replace(
        "locales/en-CA/faqs/side-effects.yaml",
        "question: What are the common side effects of ketamine treatment?",
        'question: What are the side effects of <script>alert("ketamine")</script> treatment?',
    )
    content_tree.replace(
        "locales/en-CA/faqs/side-effects.yaml",
        "Some patients experience",
        "Some patients (`<img src=x onerror=alert(1)>` ketamine) experience",
    )
    index = index_snapshot(content_tree.load())
    hit = index.search(SearchRequest("ketamine side effects", "en-CA")).hits[0]
    assert hit.key == "side-effects"
    html = " ".join(snippet.html for snippet in hit.snippets)
    assert "&lt;script&gt;alert(&quot;<mark>ketamine</mark>&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert re.sub(r"</?mark>", "", html).count("<") == 0
