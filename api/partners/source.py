"""The partners file as the server reads it: loaded at startup, re-read when it changes.

Keys added with ``content-api partners add-key`` (or removed by hand) are served
within a second, without a restart. An edit that breaks the file changes nothing:
the last good partners stay in force and the problems are logged.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from api.partners.registry import PartnerRegistry, PartnersFileError, load_partners

logger = logging.getLogger("api.partners")

# How often, at most, the file's modification time is looked at.
CHECK_EVERY_SECONDS = 1.0

Clock = Callable[[], float]
"""Seconds from any fixed point, never going back (``time.monotonic``)."""

_Stamp = tuple[int, int, int] | None


def _stamp(path: Path | None) -> _Stamp:
    if path is None:
        return None
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


class LivePartners:
    """``current`` is the registry of the file as it last was valid."""

    def __init__(self, path: Path | None, *, clock: Clock = time.monotonic) -> None:
        """Load the file; raise PartnersFileError if it is invalid (startup refuses)."""
        self.path = path
        self.clock = clock
        self._stamp = _stamp(path)
        self._registry = load_partners(path)
        self._checked_at = clock()

    @property
    def current(self) -> PartnerRegistry:
        if self.path is not None and self.clock() - self._checked_at >= CHECK_EVERY_SECONDS:
            self._checked_at = self.clock()
            self._reload_if_changed(self.path)
        return self._registry

    def _reload_if_changed(self, path: Path) -> None:
        stamp = _stamp(path)
        if stamp == self._stamp:
            return
        # Remembered even when the new file is refused, so that it is reported once.
        self._stamp = stamp
        if stamp is None:
            logger.warning("partners file %s is gone; keeping the partners loaded", path)
            return
        try:
            self._registry = load_partners(path)
        except PartnersFileError as error:
            logger.warning("partners file change refused, keeping the last good one:\n%s", error)
            return
        logger.info(
            "partners file reloaded: %d partner(s), pid %d",
            len(self._registry.partners),
            os.getpid(),
        )
