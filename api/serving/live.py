"""Live content: the services being served, replaced whole when the content changes.

A request reads ``LiveServices.current`` once, when it starts, and keeps that
``Services`` (snapshot, index, links) to the end: in-flight requests finish on the
version they began with while new ones get the new version. An edit that makes the
content invalid changes nothing that is served; its problems are kept for operators
(``/readyz`` and the ``contentStatus`` query) until a later edit fixes them.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import threading
from collections.abc import Set
from dataclasses import dataclass

import anyio
from watchfiles import awatch

from api.content import ContentError, ContentProblem, ContentSnapshot, load_content
from api.content.publish_gate import check_publish_gate
from api.metrics import CONTENT_RELOADS, serving_version
from api.search import build_index, prune, update_items
from api.serving.publish_events import PublishEvents, content_event
from api.serving.services import Services, translation_requirement
from api.settings import Settings

logger = logging.getLogger("api.serving")

# Long enough for requests started on an old version to finish (searches stop after
# 2 s) before its index is closed; short, because until then every edit's version
# stays in memory. A search that still comes late opens a searcher of its own.
RETIRE_AFTER_SECONDS = 20.0


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@dataclass(frozen=True)
class ContentStatus:
    """What operators see: the version served, when it was loaded, and any problems."""

    version: str
    loaded_at: datetime.datetime
    checked_at: datetime.datetime
    # Problems of the content on disk, which is not being served until they are fixed.
    problems: tuple[ContentProblem, ...]


class LiveServices:
    """Holds the services of the last good content and reloads them on demand."""

    def __init__(self, settings: Settings, services: Services) -> None:
        self.settings = settings
        self._current = services
        # Where new versions are announced (CONTENT_API_PUBLISH_EVENT_URLS), if anywhere.
        self._events = PublishEvents.from_settings(settings)
        now = _now()
        self._status = ContentStatus(services.snapshot.version, now, now, ())
        serving_version(services.snapshot.version)
        # One reload at a time: the watcher and explicit calls may overlap.
        self._reloading = threading.Lock()
        self._retired: list[Services] = []

    @property
    def current(self) -> Services:
        return self._current

    @property
    def status(self) -> ContentStatus:
        return self._status

    def reload(self) -> bool:
        """Load the content from disk and serve it if valid; True if the version changed.

        Blocking (it reads files and writes the index): call it from a worker thread.
        """
        with self._reloading:
            old = self._current
            settings = self.settings
            try:
                snapshot = load_content(settings.content_dir, settings.locales_dir)
                check_publish_gate(snapshot, translation_requirement(settings))
            except ContentError as error:
                logger.warning(
                    "content change refused, still serving %s:\n%s",
                    old.snapshot.version,
                    "\n".join(f"  {problem}" for problem in error.problems),
                )
                self._status = ContentStatus(
                    old.snapshot.version, self._status.loaded_at, _now(), error.problems
                )
                CONTENT_RELOADS.labels(outcome="refused").inc()
                return False
            if snapshot.version == old.snapshot.version:
                self._status = ContentStatus(snapshot.version, self._status.loaded_at, _now(), ())
                return False
            self._index(old.snapshot, snapshot)
            # Opened before the old version retires: if opening fails (the preview's
            # index cannot be built, say), the old one is still served, and kept open.
            new = Services.for_snapshot(settings, snapshot)
            self._retire(old)
            self._current = new
            # The retired version keeps its reader lease until it closes: never pruned early.
            prune(settings.index_dir, settings.index_versions_kept)
            now = _now()
            self._status = ContentStatus(snapshot.version, now, now, ())
            CONTENT_RELOADS.labels(outcome="ok").inc()
            serving_version(snapshot.version, old.snapshot.version)
            if self._events is not None:
                self._events.publish(
                    content_event(old.snapshot, snapshot, old.links, self._current.links)
                )
            logger.info("now serving content version %s", snapshot.version)
            return True

    def _index(self, old: ContentSnapshot, new: ContentSnapshot) -> None:
        index_root = self.settings.index_dir
        if old.locales != new.locales:
            # Analysis and fields depend on the locales: nothing to reuse.
            build_index(new, index_root)
            return
        changed = old.changed_items(new)
        logger.info("re-indexing %d changed item(s)", len(changed))
        update_items(new, index_root, changed, base_version=old.version)

    def _retire(self, services: Services) -> None:
        """Close the index of a replaced version once its last requests are done."""
        self._retired.append(services)
        timer = threading.Timer(RETIRE_AFTER_SECONDS, self._close_retired, args=(services,))
        timer.daemon = True
        timer.start()

    def _close_retired(self, services: Services) -> None:
        services.close()
        self._retired.remove(services)

    def shut_down(self) -> None:
        """Close every index still open and remove its files' private copy (the app stops)."""
        for services in (*self._retired, self._current):
            services.close()
            services.remove_copy()


async def watch_content(live: LiveServices, stop: asyncio.Event) -> None:
    """Reload whenever files under the content and locales folders change, until ``stop``."""
    folders = (live.settings.content_dir, live.settings.locales_dir)
    async for changes in awatch(*folders, stop_event=stop, debounce=200, step=50):
        names: Set[str] = {path for _, path in changes}
        logger.info("content changed: %s", ", ".join(sorted(names)))
        try:
            await anyio.to_thread.run_sync(live.reload)
        except Exception:
            # A reload must never stop the watcher; the old version keeps serving.
            logger.exception("reloading the content failed; still serving the last version")
