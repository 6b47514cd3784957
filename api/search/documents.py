"""Domain objects -> index documents: what of each item is searchable, and in which locale.

Articles are split: one document for the title and summary, and one per section, so
a hit can deep-link to the section's anchor and a long article does not outrank a
short FAQ merely by being long (BM25 normalizes by document length). Searches
collapse an article's documents back into one hit, its best-matching part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from api.content import Article, ContentSnapshot, ContentType, Faq, Item, Status
from api.content.markdown import markdown_to_text
from api.content.model import ANSWER, QUESTION, SUMMARY, TITLE, section_field
from api.content.translation import ResolvedText
from api.search.analysis import language_of
from api.search.schema import (
    DOC_ID,
    IS_FALLBACK,
    ITEM_ID,
    KEY,
    ORDER,
    SECTION_ID,
    SOURCE_FIELDS,
    TAG_WORDS,
    TAGS,
    TEXT_LOCALE,
    TYPE,
    TextPart,
    text_field,
)
from api.search.vocabulary import DocumentWords, document_words


def item_id(item: Item) -> str:
    """``faq/side-effects``: an item's identity in the index, shared by its documents."""
    return item_id_of(item.type, item.key)


def item_id_of(content_type: ContentType, key: str) -> str:
    return f"{content_type.value}/{key}"


@dataclass(frozen=True)
class TextPiece:
    """One searchable part of a document, with the content field and locale it came from."""

    part: TextPart
    source_field: str
    text: str
    locale: str

    @classmethod
    def resolved(cls, part: TextPart, source_field: str, resolved: ResolvedText) -> TextPiece:
        return cls(part, source_field, resolved.value, resolved.locale)


@dataclass(frozen=True)
class IndexDocument:
    item: Item
    requested_locale: str
    section_id: str | None
    position: int
    pieces: tuple[TextPiece, ...]

    @property
    def doc_id(self) -> str:
        suffix = f"#{self.section_id}" if self.section_id else ""
        return f"{item_id(self.item)}{suffix}"

    @property
    def text_locale(self) -> str:
        """The locale of the body, the bulk of the text (falls back field by field)."""
        by_part = {piece.part: piece.locale for piece in self.pieces}
        return by_part.get(TextPart.BODY) or self.pieces[0].locale

    def words(self) -> DocumentWords:
        """The document's real words, for the vocabulary beside the index."""
        return document_words((p.text, language_of(p.locale)) for p in self.pieces)

    def fields(self) -> dict[str, object]:
        """The document as Whoosh's writer takes it."""
        values: dict[str, object] = {
            DOC_ID: self.doc_id,
            ITEM_ID: item_id(self.item),
            TYPE: self.item.type.value,
            KEY: self.item.key,
            SECTION_ID: self.section_id,
            TAGS: ",".join(self.item.tags),
            TAG_WORDS: " ".join(self.item.tags),
            TEXT_LOCALE: self.text_locale,
            IS_FALLBACK: self.text_locale != self.requested_locale,
            ORDER: f"{self.item.order:06d}/{self.item.type.value}/{self.item.key}/"
            f"{self.position:04d}",
            SOURCE_FIELDS: {
                text_field(p.part, language_of(p.locale)): p.source_field for p in self.pieces
            },
        }
        for piece in self.pieces:
            values[text_field(piece.part, language_of(piece.locale))] = piece.text
        return values


def article_documents(
    snapshot: ContentSnapshot, article: Article, locale: str
) -> Iterator[IndexDocument]:
    localized = snapshot.localize_article(article, locale)
    yield IndexDocument(
        article,
        locale,
        None,
        0,
        (
            TextPiece.resolved(TextPart.TITLE, TITLE, localized.title),
            TextPiece.resolved(TextPart.BODY, SUMMARY, localized.summary),
        ),
    )
    for position, section in enumerate(localized.sections, start=1):
        body = ResolvedText(markdown_to_text(section.body.value), section.body.locale)
        yield IndexDocument(
            article,
            locale,
            section.id,
            position,
            (
                TextPiece.resolved(
                    TextPart.HEADING, section_field(section.id, "heading"), section.heading
                ),
                TextPiece.resolved(TextPart.BODY, section_field(section.id, "body"), body),
            ),
        )


def faq_documents(snapshot: ContentSnapshot, faq: Faq, locale: str) -> Iterator[IndexDocument]:
    localized = snapshot.localize_faq(faq, locale)
    answer = ResolvedText(markdown_to_text(localized.answer.value), localized.answer.locale)
    yield IndexDocument(
        faq,
        locale,
        None,
        0,
        (
            TextPiece.resolved(TextPart.TITLE, QUESTION, localized.question),
            TextPiece.resolved(TextPart.BODY, ANSWER, answer),
        ),
    )


def item_documents(snapshot: ContentSnapshot, item: Item, locale: str) -> Iterator[IndexDocument]:
    """The documents of one item as ``locale`` sees it; none for a draft."""
    if item.status is not Status.PUBLISHED:
        return
    if isinstance(item, Article):
        yield from article_documents(snapshot, item, locale)
    elif isinstance(item, Faq):
        yield from faq_documents(snapshot, item, locale)


def locale_documents(snapshot: ContentSnapshot, locale: str) -> Iterator[IndexDocument]:
    for item in sorted(snapshot.items(), key=lambda i: (i.type.value, i.key)):
        yield from item_documents(snapshot, item, locale)


def documents_per_locale(snapshot: ContentSnapshot) -> int:
    """How many documents each locale's index holds, for progress reporting."""
    return sum(
        1 + len(item.section_ids) if isinstance(item, Article) else 1
        for item in snapshot.items()
        if item.status is Status.PUBLISHED
    )
