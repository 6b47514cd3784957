"""What of each item is indexed: published items only, articles split by section."""

from __future__ import annotations

from collections.abc import Callable

from api.content import ContentSnapshot
from api.search import SearchIndex, SearchRequest
from api.search.documents import locale_documents, markdown_to_text
from tests.conftest import ContentTree


def test_markdown_is_indexed_as_plain_text() -> None:
    text = markdown_to_text("# Title\n\nSome **bold** and [a link](https://x.ca) and `code`.\n")
    assert text == "Title\nSome bold and a link and code."


def test_articles_split_into_a_summary_document_and_one_per_section(
    shipped_content: ContentSnapshot,
) -> None:
    documents = list(locale_documents(shipped_content, "fr-CA"))
    article = shipped_content.articles["ketamine-trd"]
    doc_ids = [document.doc_id for document in documents]
    assert "article/ketamine-trd" in doc_ids
    assert [f"article/ketamine-trd#{section}" for section in article.section_ids] == [
        doc_id for doc_id in doc_ids if doc_id.startswith("article/ketamine-trd#")
    ]
    assert len(documents) == 1 + len(article.section_ids) + len(shipped_content.faqs)


def test_drafts_are_not_searchable(
    content_tree: ContentTree, index_snapshot: Callable[[ContentSnapshot], SearchIndex]
) -> None:
    content_tree.replace(
        "content/faqs/insurance-coverage.yaml", "status: published", "status: draft"
    )
    index = index_snapshot(content_tree.load())
    results = index.search(SearchRequest("insurance", "en-CA"))
    assert "insurance-coverage" not in [hit.key for hit in results.hits]
