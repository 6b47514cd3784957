"""Web origins as partners list them and browsers send them: ``scheme://host[:port]``.

Browsers send an origin serialized one way only (lower-case scheme and host, ASCII,
no default port, no path), so an origin listed in that same form is matched by
plain string comparison. ``http://localhost:*`` (any port) is the one pattern
allowed, for partners' development servers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
ANY_PORT = "*"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_IPV6 = re.compile(r"^\[[0-9a-f:.]+\]$")


class InvalidOrigin(ValueError):
    """A listed origin that no browser would ever send."""


@dataclass(frozen=True)
class OriginPattern:
    """One listed origin: exact, or any port of one scheme and host."""

    # The origin as a browser serializes it; for any-port patterns, without the port.
    origin: str
    any_port: bool = False

    def matches(self, origin: str) -> bool:
        if not self.any_port:
            return origin == self.origin
        if origin == self.origin:
            return True  # the default port
        rest = origin.removeprefix(self.origin + ":")
        return rest != origin and rest.isdigit() and rest.isascii()

    def __str__(self) -> str:
        return f"{self.origin}:{ANY_PORT}" if self.any_port else self.origin


def parse_origin(text: str) -> OriginPattern:
    """Check and normalize a listed origin; raise InvalidOrigin saying what to write."""
    raw = text.strip()
    any_port = raw.endswith(":" + ANY_PORT)
    candidate = raw.removesuffix(":" + ANY_PORT) if any_port else raw
    if not candidate.isascii():
        raise InvalidOrigin(
            f"{text!r}: write an internationalized host name in its ASCII form (xn--…)"
        )
    parts = urlsplit(candidate)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.netloc:
        raise InvalidOrigin(f"{text!r} is not an origin: write https://host or http://host:port")
    if parts.path or parts.query or parts.fragment or candidate.endswith(("?", "#")):
        raise InvalidOrigin(
            f"{text!r}: an origin has no path, query or fragment "
            f"(write {scheme}://{parts.netloc.lower()})"
        )
    if "@" in parts.netloc:
        raise InvalidOrigin(f"{text!r}: an origin has no user name or password")
    host = (parts.hostname or "").lower()
    bracketed = f"[{host}]" if ":" in host else host
    if not (_HOST.match(bracketed) or _IPV6.match(bracketed)):
        raise InvalidOrigin(f"{text!r}: {host!r} is not a host name")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise InvalidOrigin(f"{text!r}: the port is not a number from 1 to 65535")
    if port is not None and any_port:
        raise InvalidOrigin(f"{text!r}: give either a port or {ANY_PORT!r}, not both")
    origin = f"{scheme}://{bracketed}"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        origin += f":{port}"
    return OriginPattern(origin, any_port)
