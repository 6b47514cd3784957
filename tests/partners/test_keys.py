"""Keys: random, recognisable, and stored only as their SHA-256 digest."""

from __future__ import annotations

import hashlib

from api.partners.keys import KEY_PREFIX, generate_key, key_digest, short_digest


def test_keys_are_prefixed_and_never_repeat() -> None:
    keys = {generate_key() for _ in range(100)}

    assert len(keys) == 100
    assert all(key.startswith(KEY_PREFIX) and len(key) == len(KEY_PREFIX) + 43 for key in keys)


def test_the_digest_is_the_hex_sha256_of_the_key() -> None:
    key = "cpk_example"

    assert key_digest(key) == hashlib.sha256(b"cpk_example").hexdigest()
    assert len(key_digest(key)) == 64


def test_listings_show_only_the_start_of_a_digest() -> None:
    digest = key_digest("cpk_example")

    assert short_digest(digest) == f"sha256:{digest[:8]}…"
    assert digest not in short_digest(digest)
