"""Edits to the partners file that keep everything else in it: comments, order, layout.

Reading stays with the safe loader (api.partners.registry); writing is ruamel.yaml's
round trip (api.files.roundtrip), as for translations.
"""

from __future__ import annotations

import datetime
import io

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from api.files.roundtrip import round_trip_yaml


class UnknownPartner(LookupError):
    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        listing = ", ".join(known) if known else "none yet"
        super().__init__(f"no partner {name!r} in the partners file (partners: {listing})")
        self.name = name


def with_key_added(
    text: str,
    partner: str,
    digest: str,
    *,
    label: str | None = None,
    created: datetime.date | None = None,
) -> str:
    """The file's text with one more key for ``partner``; raises UnknownPartner."""
    yaml = round_trip_yaml()
    document = yaml.load(text)
    entries = document.get("partners") if isinstance(document, CommentedMap) else None
    found = [
        entry
        for entry in entries or ()
        if isinstance(entry, CommentedMap) and entry.get("name") == partner
    ]
    if not found:
        known = tuple(
            str(entry.get("name")) for entry in entries or () if isinstance(entry, CommentedMap)
        )
        raise UnknownPartner(partner, known)
    entry = found[0]
    keys = entry.get("keys")
    if not isinstance(keys, CommentedSeq):
        keys = CommentedSeq()
        entry["keys"] = keys
    # `keys: []` loads as a flow sequence; entries with several fields read better as a block.
    keys.fa.set_block_style()
    # A digest of digits only would read back as a number (once in 10^13 keys).
    key = CommentedMap(sha256=DoubleQuotedScalarString(digest) if digest.isdigit() else digest)
    if label is not None:
        key["label"] = label
    key["created"] = created or datetime.date.today()
    keys.append(key)
    output = io.StringIO()
    yaml.dump(document, output)
    return output.getvalue()
