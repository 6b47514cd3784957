"""Digests: of an item's source text (to detect stale translations) and of the whole content.

A source digest is taken over *normalised* text: the words and paragraphs a reader
sees, not how the YAML file happens to wrap them. Re-wrapping a paragraph, or
trimming a trailing space, leaves every translation CURRENT; changing a word, a
punctuation mark or a paragraph break makes them STALE.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping

# 16 hex digits (64 bits): short enough to read in a diff, far beyond any collision risk here.
DIGEST_LENGTH = 16
# Only ASCII whitespace is layout: a no-break space (U+00A0, U+202F) is part of the text.
_LAYOUT = re.compile(r"[ \t\r\n]+")
# A blank line (spaces and tabs allowed on it) separates paragraphs, in Markdown and plain text.
_PARAGRAPH_BREAK = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")


def normalized_text(value: str) -> str:
    """``value`` as its words and paragraphs: wrapping and runs of spaces become one space.

    Paragraphs stay separated by one blank line, since a new paragraph is a change a
    reader sees. Two texts that differ only in layout normalise alike.
    """
    paragraphs = (_LAYOUT.sub(" ", part).strip() for part in _PARAGRAPH_BREAK.split(value))
    return "\n\n".join(part for part in paragraphs if part)


def text_digest(fields: Mapping[str, str]) -> str:
    """Digest of an item's translatable text: changes when any field's words change.

    The slug is deliberately not part of it: renaming a URL does not make a
    translation out of date.
    """
    return _digest({name: normalized_text(value) for name, value in fields.items()})


def raw_text_digest(fields: Mapping[str, str]) -> str:
    """The digest translations recorded before normalisation: over the text as read.

    Still accepted as CURRENT (see ``Item.legacy_source_digest``), so that a
    translation made before the change is not reported STALE for a change of method.
    """
    return _digest(fields)


def _digest(fields: Mapping[str, str]) -> str:
    canonical = json.dumps(dict(sorted(fields.items())), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def content_version(files: Iterable[tuple[str, bytes]]) -> str:
    """One digest of every file loaded, keyed by relative path, whatever the order read."""
    hasher = hashlib.sha256()
    for name, data in sorted(files):
        encoded = name.encode("utf-8")
        # Length prefixes keep ("ab", "c") and ("a", "bc") from hashing alike.
        hasher.update(len(encoded).to_bytes(4, "big") + encoded)
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()[:DIGEST_LENGTH]
