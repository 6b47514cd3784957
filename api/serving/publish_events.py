"""Publish events: a signed JSON POST to each configured URL when a new version is served.

So that a CDN can purge, or a static front end rebuild, exactly what changed. The
event lists the items added, changed or removed, with the locales whose text changed
and their URLs. Its body is signed with HMAC-SHA256 over ``<timestamp>.<body>``
(``X-Content-Signature: sha256=<hex>``, ``X-Content-Timestamp``): a receiver
recomputes it with the shared secret, and refuses old timestamps to stop replays.

Delivery never holds up serving: events wait in a bounded queue (the oldest dropped
when it is full, with a warning) for one sender thread, which tries each URL up to
``CONTENT_API_PUBLISH_EVENT_ATTEMPTS`` times, waiting 1, 2, 4... seconds between
tries. Every worker process serving the content sends its own event for a version:
the event ``id`` names the change (previous and new version), so receivers can
drop duplicates.
"""

from __future__ import annotations

import collections
import datetime
import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from api.catalog import Links
from api.content import ContentSnapshot, Item, Status
from api.settings import Settings

logger = logging.getLogger("api.publish_events")

SIGNATURE_HEADER = "X-Content-Signature"
TIMESTAMP_HEADER = "X-Content-Timestamp"
EVENT_TYPE = "content.published"
TIMEOUT_SECONDS = 10.0
FIRST_RETRY_SECONDS = 1.0


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of ``<timestamp>.<body>`` with the shared secret."""
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _changed_locales(before: Item | None, after: Item | None, locales: Sequence[str]) -> list[str]:
    """The locales whose page changed: all of them if the item's structure did."""
    if before is None or after is None:
        return list(locales)
    structure = ("status", "published", "updated", "order", "tags", "section_ids")
    if any(getattr(before, name) != getattr(after, name) for name in structure):
        return list(locales)
    # A locale served by fallback changes with the text it falls back to.
    return [
        locale
        for locale in locales
        if before.texts.get(locale) != after.texts.get(locale)
        or before.source_text != after.source_text
    ]


def _public(item: Item | None) -> Item | None:
    return item if item is not None and item.status is Status.PUBLISHED else None


def content_event(
    old: ContentSnapshot, new: ContentSnapshot, old_links: Links, new_links: Links
) -> dict[str, Any]:
    """The event announcing ``new`` in place of ``old``: what changed, where."""
    changes = []
    for kind, key in sorted(old.changed_items(new)):
        before, after = _public(old.item(kind, key)), _public(new.item(kind, key))
        if after is not None:
            change, item, links = ("changed" if before else "published"), after, new_links
        elif before is not None:
            change, item, links = "removed", before, old_links
        else:
            continue  # a draft, before and after: nothing public changed
        locales = _changed_locales(before, after, new.locales.enabled)
        changes.append(
            {
                "type": kind.value,
                "key": key,
                "change": change,
                "locales": locales,
                "urls": {locale: links.url(item, locale) for locale in locales},
            }
        )
    return {
        "id": f"{old.version}-{new.version}",
        "type": EVENT_TYPE,
        "version": new.version,
        "previous_version": old.version,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "items": changes,
    }


@dataclass
class PublishEvents:
    """The bounded queue of events and the thread that sends them."""

    urls: tuple[str, ...]
    secret: str
    capacity: int
    attempts: int
    # What waits between tries (tests pass a faster one).
    sleep: Callable[[float], None] = time.sleep
    _queue: collections.deque[bytes] = field(init=False)
    _ready: threading.Condition = field(init=False, default_factory=threading.Condition)
    _thread: threading.Thread | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._queue = collections.deque(maxlen=self.capacity)

    @classmethod
    def from_settings(cls, settings: Settings) -> PublishEvents | None:
        if not settings.publish_event_urls:
            return None
        return cls(
            urls=settings.publish_event_urls,
            secret=settings.publish_event_secret,
            capacity=settings.publish_event_queue,
            attempts=settings.publish_event_attempts,
        )

    def publish(self, event: dict[str, Any]) -> None:
        """Queue ``event`` for every URL; never blocks, never raises."""
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
        with self._ready:
            if len(self._queue) == self.capacity:
                logger.warning("publish event queue full (%d): dropping the oldest", self.capacity)
            self._queue.append(body)
            self._ready.notify()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._send_forever, name="publish-events", daemon=True
                )
                self._thread.start()

    def _send_forever(self) -> None:
        while True:
            with self._ready:
                while not self._queue:
                    self._ready.wait()
                body = self._queue.popleft()
            for url in self.urls:
                self._deliver(url, body)

    def _deliver(self, url: str, body: bytes) -> bool:
        wait = FIRST_RETRY_SECONDS
        for attempt in range(1, self.attempts + 1):
            timestamp = str(int(time.time()))
            request = urllib.request.Request(
                url,
                data=body,
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    TIMESTAMP_HEADER: timestamp,
                    SIGNATURE_HEADER: signature(self.secret, timestamp, body),
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                    if 200 <= response.status < 300:
                        return True
                    outcome = f"HTTP {response.status}"
            except urllib.error.HTTPError as error:
                outcome = f"HTTP {error.code}"
            except (urllib.error.URLError, OSError) as error:
                outcome = str(error)
            logger.warning(
                "publish event to %s failed (attempt %d of %d): %s",
                url,
                attempt,
                self.attempts,
                outcome,
            )
            if attempt < self.attempts:
                self.sleep(wait)
                wait *= 2
        logger.error("publish event to %s given up after %d attempts", url, self.attempts)
        return False
