"""Rate limits as people write them: ``COUNT/second``, ``COUNT/minute``, ``COUNT/hour``, or off.

Read by the settings (the anonymous limit) and by the partners file (each partner's);
the windows that apply them are the partners gate's (``api/partners/limiter.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNLIMITED = "off"
_RATE_LIMIT = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour)\s*$")


class InvalidRateLimit(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(
            f"{text!r} is not a rate limit: write COUNT/second, COUNT/minute or COUNT/hour "
            f"(for example 600/minute), or {UNLIMITED!r} for none"
        )


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` requests in any ``unit`` of time."""

    count: int
    unit: str

    @classmethod
    def parse(cls, text: str) -> RateLimit | None:
        """``"600/minute"`` -> RateLimit(600, "minute"); ``"off"`` -> None (no limit)."""
        if text.strip().lower() == UNLIMITED:
            return None
        match = _RATE_LIMIT.match(text)
        if match is None or int(match.group(1)) < 1:
            raise InvalidRateLimit(text)
        return cls(int(match.group(1)), match.group(2))

    def __str__(self) -> str:
        return f"{self.count}/{self.unit}"


def check_rate_limit(text: str) -> str:
    """The text itself if it parses (for validators that keep the text)."""
    RateLimit.parse(text)
    return text.strip()
