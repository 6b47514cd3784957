"""Publish events: signed, retried and queued, received by a real local HTTP server."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from api.catalog import Links
from api.serving.publish_events import PublishEvents, content_event
from api.settings import Settings, SettingsError
from tests.api.servers import running_server
from tests.conftest import PUBLIC_URL, ContentTree

SECRET = "a-secret-shared-with-the-receiver"
DEADLINE_SECONDS = 15


@dataclass
class Receiver:
    """A real HTTP server that records each POST, answering the statuses it is given."""

    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    # Statuses for the next requests, then 200.
    statuses: list[int] = field(default_factory=list)
    # While clear, requests wait before being answered.
    open: threading.Event = field(default_factory=threading.Event)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int) -> list[tuple[dict[str, str], bytes]]:
        with self.arrived:
            done = self.arrived.wait_for(lambda: len(self.received) >= count, DEADLINE_SECONDS)
        assert done, f"{len(self.received)} of {count} requests arrived"
        return self.received

    def events(self, count: int) -> list[dict[str, Any]]:
        return [json.loads(body) for _, body in self.wait_for(count)]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()
    state.open.set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with state.arrived:
                state.received.append((dict(self.headers.items()), body))
                state.arrived.notify_all()
            state.open.wait(DEADLINE_SECONDS)
            status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/content"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.open.set()
    server.shutdown()
    server.server_close()


def sender(receiver: Receiver, **overrides: Any) -> tuple[PublishEvents, list[float]]:
    waits: list[float] = []
    options: dict[str, Any] = {"capacity": 10, "attempts": 3} | overrides
    events = PublishEvents(urls=(receiver.url,), secret=SECRET, sleep=waits.append, **options)
    return events, waits


def assert_signed(headers: dict[str, str], body: bytes) -> None:
    timestamp = headers["X-Content-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(headers["X-Content-Signature"], f"sha256={expected.hexdigest()}")
    assert headers["Content-Type"] == "application/json"


def test_an_event_is_posted_signed(receiver: Receiver) -> None:
    events, _ = sender(receiver)
    events.publish({"id": "a-b", "items": [{"key": "side-effects"}]})
    ((headers, body),) = receiver.wait_for(1)

    assert_signed(headers, body)
    assert json.loads(body) == {"id": "a-b", "items": [{"key": "side-effects"}]}


def test_a_failed_delivery_is_retried_with_growing_waits(receiver: Receiver) -> None:
    receiver.statuses = [503, 500]
    events, waits = sender(receiver)
    events.publish({"id": "retried"})
    received = receiver.wait_for(3)

    assert [json.loads(body)["id"] for _, body in received] == ["retried"] * 3
    assert waits == [1.0, 2.0]
    for headers, body in received:
        assert_signed(headers, body)


def test_after_its_last_attempt_an_event_is_given_up_and_the_next_sent(
    receiver: Receiver,
) -> None:
    receiver.statuses = [500, 500]
    events, waits = sender(receiver, attempts=2)
    events.publish({"id": "lost"})
    events.publish({"id": "next"})

    assert [event["id"] for event in receiver.events(3)] == ["lost", "lost", "next"]
    assert waits == [1.0]


def test_the_queue_is_bounded_and_drops_the_oldest(receiver: Receiver) -> None:
    receiver.open.clear()
    events, _ = sender(receiver, capacity=2)
    events.publish({"id": "first"})
    receiver.wait_for(1)  # being delivered, so no longer queued
    for name in ("second", "third", "fourth"):
        events.publish({"id": name})
    receiver.open.set()

    assert [event["id"] for event in receiver.events(3)] == ["first", "third", "fourth"]


def test_the_event_lists_what_changed_and_where(content_tree: ContentTree) -> None:
    old = content_tree.load()
    content_tree.replace(
        "locales/fr-CA/faqs/side-effects.yaml", "des nausées", "des nausées passagères"
    )
    content_tree.replace(
        "content/faqs/insurance-coverage.yaml", "status: published", "status: draft"
    )
    new = content_tree.load()
    event = content_event(old, new, Links(PUBLIC_URL, old), Links(PUBLIC_URL, new))

    assert event["id"] == f"{old.version}-{new.version}"
    assert event["type"] == "content.published" and event["version"] == new.version
    by_key = {item["key"]: item for item in event["items"]}
    assert by_key["side-effects"] == {
        "type": "faq",
        "key": "side-effects",
        "change": "changed",
        "locales": ["fr-CA"],
        "urls": {"fr-CA": f"{PUBLIC_URL}/fr-CA/faqs/effets-secondaires-du-traitement-par-ketamine"},
    }
    assert by_key["insurance-coverage"]["change"] == "removed"
    assert set(by_key["insurance-coverage"]["locales"]) == {"en-CA", "fr-CA"}
    assert set(by_key) == {"side-effects", "insurance-coverage"}


def test_urls_without_a_secret_are_refused() -> None:
    with pytest.raises(SettingsError, match="CONTENT_API_PUBLISH_EVENT_SECRET"):
        Settings.from_env({"CONTENT_API_PUBLISH_EVENT_URLS": "https://cdn.example/purge"})
    with pytest.raises(SettingsError, match="CONTENT_API_PUBLISH_EVENT_URLS"):
        Settings.from_env({"CONTENT_API_PUBLISH_EVENT_URLS": "ftp://cdn.example/purge"})


def test_a_real_server_announces_an_edit_it_serves(
    receiver: Receiver, content_tree: ContentTree, tmp_path: Path
) -> None:
    env = {
        "CONTENT_API_WATCH": "true",
        "CONTENT_API_PUBLISH_EVENT_URLS": receiver.url,
        "CONTENT_API_PUBLISH_EVENT_SECRET": SECRET,
    }
    with running_server(content_tree.root, tmp_path / "index", env):
        content_tree.replace(
            "locales/fr-CA/faqs/side-effects.yaml", "des nausées", "des nausées passagères"
        )
        ((headers, body),) = receiver.wait_for(1)

    assert_signed(headers, body)
    (item,) = json.loads(body)["items"]
    assert (item["key"], item["change"], item["locales"]) == ("side-effects", "changed", ["fr-CA"])
