"""JSON as the service writes it on the wire."""

from __future__ import annotations

import json


def encode_json(payload: object) -> bytes:
    # Compact and UTF-8: French text stays readable and smaller than \u escapes.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
