"""Safety notices: text the clinic puts before an item, such as where to call in a crisis.

A notice is content, edited like an article, in two parts:

    content/notices/<key>.yaml           which items it goes on: by tag, or by item key
    locales/<locale>/notices/<key>.yaml  its title and Markdown body in that locale

A notice goes on every item carrying one of its tags or named by key. It is never
left out quietly: a published item that a notice applies to is a validation error
while that notice has no text in some enabled locale, since a reader of that
language would be the one reader not shown where to get help.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from api.content.file_models import Markdown, Text
from api.content.model import ContentType, Item
from api.files.validation import FileModel, Identifier

NOTICES_FOLDER = "notices"


class NoticeFile(FileModel):
    """``content/notices/<key>.yaml``: the notice's key, place and the items it goes on."""

    key: Identifier
    # Notices on the same item are shown in this order, then by key.
    order: int = Field(default=0, ge=0, le=1_000_000)
    tags: tuple[Identifier, ...] = ()
    articles: tuple[Identifier, ...] = ()
    faqs: tuple[Identifier, ...] = ()


class NoticeTextFile(FileModel):
    """``locales/<locale>/notices/<key>.yaml``: the notice in one language."""

    title: Text
    body: Markdown


@dataclass(frozen=True)
class NoticeText:
    key: str
    locale: str
    title: str
    # Markdown, rendered by api/content/markdown.py like every body.
    body: str


@dataclass(frozen=True)
class SafetyNotice:
    key: str
    order: int
    tags: frozenset[str]
    # Per content type, the keys of the items it goes on whatever their tags.
    item_keys: Mapping[ContentType, frozenset[str]]
    texts: Mapping[str, NoticeText]
    path: Path

    def applies_to(self, item: Item) -> bool:
        return item.key in self.item_keys.get(item.type, frozenset()) or not self.tags.isdisjoint(
            item.tags
        )

    def reason(self, item: Item) -> str:
        """Why it goes on ``item``, as a validation message says it."""
        if item.key in self.item_keys.get(item.type, frozenset()):
            return f"names {item.type} {item.key!r}"
        shared = sorted(self.tags.intersection(item.tags))
        return f"goes on items tagged {', '.join(shared)}"


@dataclass(frozen=True)
class SafetyNotices:
    """Every notice, in the order they are shown."""

    notices: tuple[SafetyNotice, ...] = ()

    def applying_to(self, item: Item) -> tuple[SafetyNotice, ...]:
        return tuple(notice for notice in self.notices if notice.applies_to(item))

    def texts_for(self, item: Item, locale: str) -> tuple[NoticeText, ...]:
        """The notices on ``item`` in ``locale``. Validation guarantees each has a text
        there for published items; a draft's missing ones are left out."""
        return tuple(
            text
            for notice in self.applying_to(item)
            if (text := notice.texts.get(locale)) is not None
        )


NO_NOTICES = SafetyNotices()
