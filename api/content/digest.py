"""Digests: of an item's source text (to detect stale translations) and of the whole content."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

# 16 hex digits (64 bits): short enough to read in a diff, far beyond any collision risk here.
DIGEST_LENGTH = 16


def text_digest(fields: Mapping[str, str]) -> str:
    """Digest of an item's translatable text: changes when any field's text changes.

    The slug is deliberately not part of it: renaming a URL does not make a
    translation out of date.
    """
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
