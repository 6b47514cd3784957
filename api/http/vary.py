"""``Vary``: several parts of the app add to it, none may drop what another put there."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders


def merged_vary(present: Iterable[str], names: Iterable[str]) -> str:
    """The ``Vary`` value listing what is present and ``names``, each once (``*`` wins)."""
    values: dict[str, str] = {}
    for header in present:
        for value in header.split(","):
            if value.strip():
                values.setdefault(value.strip().lower(), value.strip())
    for name in names:
        values.setdefault(name.lower(), name)
    if "*" in values:
        return "*"
    return ", ".join(values.values())


def add_vary(headers: MutableHeaders, names: Iterable[str]) -> None:
    """Add to ``Vary``, keeping what is there (``Accept-Language``) and without repeats."""
    headers["Vary"] = merged_vary(headers.getlist("vary"), names)


def add_vary_raw(raw: list[tuple[bytes, bytes]], names: tuple[str, ...]) -> None:
    """``add_vary`` on an ASGI message's header list, for middleware on every response.

    Returns at once when the names are already there, as on most responses.
    """
    present = [value.decode("latin-1") for name, value in raw if name == b"vary"]
    wanted = merged_vary(present, names)
    if len(present) == 1 and present[0] == wanted:
        return
    raw[:] = [(name, value) for name, value in raw if name != b"vary"]
    raw.append((b"vary", wanted.encode("latin-1")))
