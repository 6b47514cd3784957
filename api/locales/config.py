"""The enabled locales and their fallback chains, as configured in ``locales/locales.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class LocaleConfig:
    """Enabled BCP 47 tags (in configured order), the default, and each one's fallbacks."""

    default: str
    enabled: tuple[str, ...]
    fallbacks: Mapping[str, tuple[str, ...]]

    def is_enabled(self, tag: str) -> bool:
        return tag in self.fallbacks

    def chain(self, tag: str, last_resort: str | None = None) -> tuple[str, ...]:
        """The locales to try for ``tag``, in order, ending with ``last_resort`` if given.

        An item's source locale is passed as the last resort, so that an item written
        first in French is still served in English before its translation exists.
        """
        candidates = (tag, *self.fallbacks.get(tag, ()), *([last_resort] if last_resort else []))
        return tuple(dict.fromkeys(candidates))
