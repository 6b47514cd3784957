"""Offset pagination behind opaque Relay cursors: page windows, cursors and their errors."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from api.paging import MAX_PAGE_SIZE

# Versioned so that a future cursor format can reject (not misread) today's cursors.
_CURSOR_PREFIX = "v1:"
# No offset this API issues has more digits; more would only make int() work (or refuse).
_MAX_CURSOR_DIGITS = 12

T = TypeVar("T")


class InvalidCursor(ValueError):
    def __init__(self, cursor: str) -> None:
        # Quoted short: a forged cursor may be as long as the body allows.
        super().__init__(
            f"{json.dumps(cursor[:40], ensure_ascii=False)} is not a cursor this API issued"
        )
        self.cursor = cursor


class PageSizeOutOfRange(ValueError):
    def __init__(self, first: int) -> None:
        super().__init__(f"first must be between 0 and {MAX_PAGE_SIZE}, got {first}")
        self.first = first


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode("ascii")


def decode_cursor(cursor: str) -> int:
    """The offset a cursor stands for; raises InvalidCursor for anything else."""
    try:
        decoded = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise InvalidCursor(cursor) from error
    prefix, _, number = decoded.partition(":")
    if (
        prefix + ":" != _CURSOR_PREFIX
        or not (number.isascii() and number.isdigit())
        or len(number) > _MAX_CURSOR_DIGITS
    ):
        raise InvalidCursor(cursor)
    return int(number)


@dataclass(frozen=True)
class Window:
    """Which slice a ``first``/``after`` pair asks for."""

    offset: int
    limit: int

    @classmethod
    def from_arguments(cls, first: int | None, after: str | None, *, default: int) -> Window:
        """The window of ``first`` (``default`` when null) items after the cursor ``after``."""
        first = default if first is None else first
        if not 0 <= first <= MAX_PAGE_SIZE:
            raise PageSizeOutOfRange(first)
        # A cursor names the last item seen, so the page starts just after it.
        offset = 0 if after is None else decode_cursor(after) + 1
        return cls(offset=offset, limit=first)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results, where it starts, and how many there are in all."""

    items: tuple[T, ...]
    offset: int
    total: int

    @classmethod
    def of(cls, items: Sequence[T], window: Window) -> Page[T]:
        chosen = tuple(items[window.offset : window.offset + window.limit])
        return cls(items=chosen, offset=window.offset, total=len(items))

    @property
    def has_next_page(self) -> bool:
        return self.offset + len(self.items) < self.total

    @property
    def has_previous_page(self) -> bool:
        return self.offset > 0

    def cursor(self, index: int) -> str:
        return encode_cursor(self.offset + index)
