"""Translators' tools: what is missing or stale, what changed, and the PO round trip."""
