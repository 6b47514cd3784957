"""Partner keys: made with ``secrets``, shown once, stored only as their SHA-256 digest.

A key is 256 random bits, so a fast unsalted hash is enough: nobody can guess keys
to try against a stolen digest, which is all a slow or salted hash would guard
against. The partners file can then be committed or shared without giving access.
"""

from __future__ import annotations

import hashlib
import re
import secrets

KEY_PREFIX = "cpk_"
"""Marks a string as a clinic partner key, so that secret scanners and people spot one."""

_KEY_BYTES = 32
DIGEST_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def generate_key() -> str:
    """A new key: ``cpk_`` and 43 URL-safe characters."""
    return KEY_PREFIX + secrets.token_urlsafe(_KEY_BYTES)


def key_digest(key: str) -> str:
    """The lower-case hex SHA-256 of the key: what the partners file stores."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def short_digest(digest: str) -> str:
    """Enough of a digest to tell keys apart in a listing, never the whole of it."""
    return f"sha256:{digest[:8]}…"
