"""The Relay ``Node`` interface and its global ids: ``base64("Article:<key>")``."""

from __future__ import annotations

import base64
import binascii

import strawberry

from api.content import ContentType, Item

_TYPE_NAMES = {ContentType.ARTICLE: "Article", ContentType.FAQ: "Faq"}
_TYPES_BY_NAME = {name: content_type for content_type, name in _TYPE_NAMES.items()}


class InvalidNodeId(ValueError):
    def __init__(self, node_id: str) -> None:
        super().__init__(f"{node_id!r} is not a node id this API issued")
        self.node_id = node_id


def global_id(item: Item) -> str:
    return base64.urlsafe_b64encode(f"{_TYPE_NAMES[item.type]}:{item.key}".encode()).decode()


def parse_global_id(node_id: str) -> tuple[ContentType, str]:
    """The content type and key a global id names; raises InvalidNodeId otherwise."""
    try:
        decoded = base64.urlsafe_b64decode(node_id.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise InvalidNodeId(node_id) from error
    type_name, _, key = decoded.partition(":")
    if type_name not in _TYPES_BY_NAME or not key:
        raise InvalidNodeId(node_id)
    return _TYPES_BY_NAME[type_name], key


@strawberry.interface(description="An object with a globally unique, opaque id (Relay).")
class Node:
    id: strawberry.ID
