"""``Vary``: several parts of the app add to it, none may drop what another put there."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders


def add_vary(headers: MutableHeaders, names: Iterable[str]) -> None:
    """Add to ``Vary``, keeping what is there (``Accept-Language``) and without repeats."""
    values: dict[str, str] = {}
    for header in headers.getlist("vary"):
        for value in header.split(","):
            if value.strip():
                values.setdefault(value.strip().lower(), value.strip())
    for name in names:
        values.setdefault(name.lower(), name)
    if "*" in values:
        values = {"*": "*"}
    headers["Vary"] = ", ".join(values.values())
