"""Bodies as the service writes them on the wire: JSON, and the media types it is sent as."""

from __future__ import annotations

import json

JSON = "application/json"
# GraphQL over HTTP's own type: its status codes say whether the request was valid.
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def encode_json(payload: object) -> bytes:
    # Compact and UTF-8: French text stays readable and smaller than \u escapes.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
