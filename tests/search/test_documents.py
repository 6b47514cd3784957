"""What of each item is indexed: published items only, articles split by section."""

from __future__ import annotations

from collections.abc import Callable

from api.content import ContentSnapshot
from api.content.markdown import markdown_to_text
from api.search import SearchIndex, SearchRequest
from api.search.documents import item_documents, locale_documents
from api.search.schema import TextPart
from tests.conftest import ContentTree


def test_markdown_is_indexed_as_the_plain_text_readers_get(
    content_tree: ContentTree, index_snapshot: Callable[[ContentSnapshot], SearchIndex]
) -> None:
    content_tree.replace(
        "locales/en-CA/faqs/side-effects.yaml",
        "  Some patients experience",
        "  Some **patients** [experience](https://x.ca) `mild`\n\n  and",
    )
    snapshot = content_tree.load()
    faq = snapshot.faqs["side-effects"]
    [document] = item_documents(snapshot, faq, "en-CA")
    [body] = [piece for piece in document.pieces if piece.part is TextPart.BODY]

    assert body.text == markdown_to_text(faq.source_text.fields["answer"])
    assert body.text.startswith("Some patients experience mild\n\nand mild dissociation")
    results = index_snapshot(snapshot).search(SearchRequest('"patients experience"', "en-CA"))
    assert [hit.key for hit in results.hits] == ["side-effects"]


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
