"""Domain objects -> index documents: what of each item is searchable, and in which locale.

What is searched follows the declaration of translatable fields: a field's role
decides its part of the document (a headline is a title, a section heading a
heading, text a body); asides and metadata are not searched. Articles are split:
one document for their fields outside sections, and one per section, so a hit can
deep-link to the section's anchor and a long article does not outrank a short FAQ
merely by being long (BM25 normalizes by document length). Searches collapse an
article's documents back into one hit, its best-matching part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from api.content import ContentSnapshot, ContentType, Item, Status
from api.content.fields import FieldRole, TextField, section_field
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
    TAGS,
    TEXT_LOCALE,
    TYPE,
    TextPart,
    cross_field,
    tag_field,
    text_field,
)
from api.search.vocabulary import DocumentWords, document_words

# The part of a document each role's text is indexed as; other roles are not searched.
_PARTS = {
    FieldRole.HEADLINE: TextPart.TITLE,
    FieldRole.HEADING: TextPart.HEADING,
    FieldRole.TEXT: TextPart.BODY,
}


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


@dataclass(frozen=True)
class IndexDocument:
    item: Item
    requested_locale: str
    section_id: str | None
    position: int
    pieces: tuple[TextPiece, ...]
    # The same part as other locales see it, where that is text in another locale:
    # searched for cross-language queries, never shown.
    other_pieces: tuple[TextPiece, ...] = ()

    @property
    def doc_id(self) -> str:
        suffix = f"#{self.section_id}" if self.section_id else ""
        return f"{item_id(self.item)}{suffix}"

    @property
    def text_locale(self) -> str:
        """The locale of the body, the bulk of the text (falls back field by field)."""
        body = (piece.locale for piece in self.pieces if piece.part is TextPart.BODY)
        return next(body, self.pieces[0].locale)

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
            # Tags are slugs written in the item's source language: analysed as its words.
            tag_field(language_of(self.item.source_locale)): " ".join(
                tag.replace("-", " ") for tag in self.item.tags
            ),
            TEXT_LOCALE: self.text_locale,
            IS_FALLBACK: self.text_locale != self.requested_locale,
            ORDER: f"{self.item.order:06d}/{self.item.type.value}/{self.item.key}/"
            f"{self.position:04d}",
        }
        # Fields of one part (two text fields of an item, say) share its Whoosh field;
        # a snippet then names the first.
        texts: dict[str, list[str]] = {}
        sources: dict[str, str] = {}
        for piece in self.pieces:
            name = text_field(piece.part, language_of(piece.locale))
            texts.setdefault(name, []).append(piece.text)
            sources.setdefault(name, piece.source_field)
        for piece in self.other_pieces:
            texts.setdefault(cross_field(piece.part, language_of(piece.locale)), []).append(
                piece.text
            )
        values[SOURCE_FIELDS] = sources
        values.update({name: "\n\n".join(parts) for name, parts in texts.items()})
        return values


def _pieces(
    fields: Iterable[tuple[TextField, str]], text_of: Callable[[TextField], ResolvedText | None]
) -> tuple[TextPiece, ...]:
    """The searchable pieces of some fields, each (field, its name) read by ``text_of``."""
    pieces = []
    for field, name in fields:
        part = _PARTS.get(field.role)
        resolved = text_of(field) if part is not None else None
        if part is not None and resolved is not None:
            pieces.append(TextPiece(part, name, field.plain_text(resolved.value), resolved.locale))
    return tuple(pieces)


def item_documents(snapshot: ContentSnapshot, item: Item, locale: str) -> Iterator[IndexDocument]:
    """The documents of one item as ``locale`` sees it; none for a draft."""
    if item.status is not Status.PUBLISHED:
        return
    seen = [snapshot.localize(item, tag) for tag in (locale, *snapshot.locales.enabled)]
    localized, others = seen[0], [other for other in seen[1:] if other.requested_locale != locale]
    own_fields = tuple((field, field.name) for field in item.fields.fields)
    pieces = _pieces(own_fields, localized.text)
    yield IndexDocument(
        item,
        locale,
        None,
        0,
        pieces,
        _other_pieces(pieces, (_pieces(own_fields, other.text) for other in others)),
    )
    sections = item.fields.sections
    for position, section in enumerate(localized.sections, start=1):
        assert sections is not None  # only items whose type has sections have some
        named = tuple((field, section_field(section.id, field.key)) for field in sections.fields)
        pieces = _pieces(named, section.text)
        other_sections = (
            _pieces(named, other_section.text)
            for other in others
            for other_section in other.sections
            if other_section.id == section.id
        )
        yield IndexDocument(
            item, locale, section.id, position, pieces, _other_pieces(pieces, other_sections)
        )


def _other_pieces(
    own: tuple[TextPiece, ...], others: Iterable[tuple[TextPiece, ...]]
) -> tuple[TextPiece, ...]:
    """Other locales' pieces in a language the document does not already hold for that field.

    A French reader of an untranslated item already searches its English text: it is
    not indexed twice.
    """
    held = {(piece.source_field, language_of(piece.locale)) for piece in own}
    found: list[TextPiece] = []
    for pieces in others:
        for piece in pieces:
            key = (piece.source_field, language_of(piece.locale))
            if key not in held:
                held.add(key)
                found.append(piece)
    return tuple(found)


def locale_documents(snapshot: ContentSnapshot, locale: str) -> Iterator[IndexDocument]:
    for item in sorted(snapshot.items(), key=lambda i: (i.type.value, i.key)):
        yield from item_documents(snapshot, item, locale)


def documents_per_locale(snapshot: ContentSnapshot) -> int:
    """How many documents each locale's index holds, for progress reporting."""
    return sum(
        1 + len(item.section_ids) for item in snapshot.items() if item.status is Status.PUBLISHED
    )
