"""Word-level diffs of a source text: what changed since a translation was made."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

# Words with their trailing whitespace, so that joining the pieces gives the text back.
_WORDS = re.compile(r"\S+\s*|\s+")


class Change(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class DiffSegment:
    change: Change
    text: str


def word_diff(old: str, new: str) -> tuple[DiffSegment, ...]:
    """The changes from ``old`` to ``new``, word by word."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    segments: list[DiffSegment] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            segments.append(DiffSegment(Change.EQUAL, "".join(old_words[old_start:old_end])))
            continue
        if old_end > old_start:
            segments.append(DiffSegment(Change.DELETE, "".join(old_words[old_start:old_end])))
        if new_end > new_start:
            segments.append(DiffSegment(Change.INSERT, "".join(new_words[new_start:new_end])))
    return tuple(segments)


def format_word_diff(segments: tuple[DiffSegment, ...]) -> str:
    """``[-removed-]{+added+}`` markers, as ``git diff --word-diff`` prints them."""
    pieces = []
    for index, segment in enumerate(segments):
        if segment.change is Change.EQUAL:
            pieces.append(segment.text)
            continue
        # Keep the whitespace outside the markers so the text still reads; a deletion
        # replaced by an insertion leaves the spacing to the insertion.
        body = segment.text.rstrip()
        trailing = segment.text[len(body) :]
        replaced = index + 1 < len(segments) and segments[index + 1].change is Change.INSERT
        if segment.change is Change.DELETE:
            pieces.append(f"[-{body}-]" + ("" if replaced else trailing))
        else:
            pieces.append(f"{{+{body}+}}{trailing}")
    return "".join(pieces)
