"""The Relay ``Node`` interface and its global ids: ``base64url("Article:fr-CA:<key>")``.

A global id names one localized representation: the type, the locale it was served in
and the item's key. A client cache that keys objects by id (Apollo's, Relay's) then
keeps each language apart, and ``node(id:)`` answers in the language the id was
issued in, whatever the request's ``Accept-Language``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

import strawberry

from api.content import ContentType, Item

_TYPE_NAMES = {ContentType.ARTICLE: "Article", ContentType.FAQ: "Faq"}
_TYPES_BY_NAME = {name: content_type for content_type, name in _TYPE_NAMES.items()}


class InvalidNodeId(ValueError):
    def __init__(self, node_id: str) -> None:
        super().__init__(
            f"{json.dumps(node_id, ensure_ascii=False)} is not a node id this API issues "
            "(they name a type, a locale and a key): read the item again for its id"
        )
        self.node_id = node_id


@dataclass(frozen=True)
class GlobalId:
    """What a global id names: an item of a type, as served in one locale."""

    content_type: ContentType
    locale: str
    key: str

    @classmethod
    def of(cls, item: Item, locale: str) -> GlobalId:
        return cls(content_type=item.type, locale=locale, key=item.key)

    def encode(self) -> str:
        text = f"{_TYPE_NAMES[self.content_type]}:{self.locale}:{self.key}"
        return base64.urlsafe_b64encode(text.encode()).decode("ascii")

    @classmethod
    def parse(cls, node_id: str) -> GlobalId:
        """The id's parts; raises InvalidNodeId for anything this API did not issue.

        A well-formed id may still name nothing (a key or locale no longer served):
        that is for the caller to find out.
        """
        try:
            decoded = base64.urlsafe_b64decode(node_id.encode("ascii")).decode("utf-8")
        except (binascii.Error, UnicodeError, ValueError) as error:
            raise InvalidNodeId(node_id) from error
        parts = decoded.split(":", 2)
        if len(parts) != 3 or parts[0] not in _TYPES_BY_NAME or not all(parts):
            raise InvalidNodeId(node_id)
        type_name, locale, key = parts
        return cls(content_type=_TYPES_BY_NAME[type_name], locale=locale, key=key)


@strawberry.interface(description="An object with a globally unique, opaque id (Relay).")
class Node:
    id: strawberry.ID = strawberry.field(
        description=(
            "Opaque; names the type, the item and the locale it was served in, so the same "
            "item in two languages has two ids. Pass it to `node(id:)` for this representation."
        )
    )
