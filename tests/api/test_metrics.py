"""``/metrics``: who may scrape it, and what it counts, in one process and under --workers 2."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from api.settings import Settings
from tests.api.conftest import ApiClient
from tests.api.servers import server_process
from tests.conftest import PROJECT_ROOT

TOKEN = "operator-secret-for-the-tests"
OPERATOR = {"Authorization": f"Bearer {TOKEN}"}
SEARCH = '{ search(query: "kétamine", locale: "fr-CA") { totalCount } }'

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    """Every sample of a scrape, by name and labels."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scraped: Samples, name: str, **labels: str) -> float:
    return scraped.get((name, tuple(sorted(labels.items()))), 0.0)


def metrics_client(shipped_settings: Settings, **overrides: object) -> ApiClient:
    return ApiClient(create_app(replace(shipped_settings, **overrides)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mode", "token", "headers", "refusal"),
    [
        ("off", TOKEN, OPERATOR, (404, "NOT_FOUND")),
        ("token", TOKEN, {}, (401, "OPERATOR_TOKEN_REQUIRED")),
        ("token", TOKEN, {"Authorization": "Bearer wrong"}, (401, "OPERATOR_TOKEN_REQUIRED")),
        ("token", TOKEN, {"Authorization": TOKEN}, (401, "OPERATOR_TOKEN_REQUIRED")),
        # No token configured: nobody is an operator, not even with an empty one.
        ("token", "", {"Authorization": "Bearer "}, (401, "OPERATOR_TOKEN_REQUIRED")),
    ],
)
def test_metrics_are_refused_unless_the_setting_allows(
    shipped_settings: Settings,
    mode: str,
    token: str,
    headers: dict[str, str],
    refusal: tuple[int, str],
) -> None:
    client = metrics_client(shipped_settings, metrics=mode, operator_token=token)

    response = client.get("/metrics", headers=headers)

    assert (response.status_code, response.json()["errors"][0]["extensions"]["code"]) == refusal


@pytest.mark.parametrize(("mode", "headers"), [("open", {}), ("token", OPERATOR)])
def test_metrics_are_served_to_whom_the_setting_allows(
    shipped_settings: Settings, mode: str, headers: dict[str, str]
) -> None:
    client = metrics_client(shipped_settings, metrics=mode, operator_token=TOKEN)

    response = client.get("/metrics", headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    assert "content_api_http_requests_total" in response.text


def test_a_scrape_counts_what_was_served(shipped_settings: Settings) -> None:
    client = metrics_client(shipped_settings, metrics="open", response_cache_entries=64)
    before = samples(client.get("/metrics").text)
    version = client.data("{ contentVersion }")["contentVersion"]

    client.post_query(SEARCH)  # executed, then the same again: from the cache
    client.post_query(SEARCH)
    client.get("/graphql", params={"query": SEARCH})
    client.get("/graphql", params={"query": SEARCH})  # byte for byte: a replay
    sha256 = hashlib.sha256(SEARCH.encode()).hexdigest()
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": sha256}}
    client.get("/graphql", params={"extensions": json.dumps(persisted)})
    client.request("POST", "/graphql", json={"query": SEARCH, "extensions": persisted})
    client.get("/graphql", params={"extensions": json.dumps(persisted)})
    after = samples(client.get("/metrics").text)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    requests = "content_api_http_requests_total"
    assert grew(requests, route="/graphql", status="200", locale="fr-CA") >= 6
    assert grew(requests, route="/metrics", status="200", locale="") == 1
    assert grew("content_api_response_cache_lookups_total", result="replay") >= 1
    assert grew("content_api_response_cache_lookups_total", result="hit") >= 2
    assert grew("content_api_response_cache_lookups_total", result="miss") >= 1
    assert grew("content_api_persisted_query_lookups_total", result="miss") == 1
    assert grew("content_api_persisted_query_lookups_total", result="registered") == 1
    assert grew("content_api_persisted_query_lookups_total", result="hit") == 1
    assert grew("content_api_graphql_operation_seconds_count", answer="executed") >= 1
    assert grew("content_api_graphql_operation_seconds_count", answer="cached") >= 1
    assert grew("content_api_search_seconds_count", locale="fr-CA", kind="search") >= 1
    assert value(after, "content_api_content_version", version=version) == 1
    assert value(after, "content_api_search_index_open", locale="en-CA") == 1
    assert value(after, "content_api_search_index_open", locale="fr-CA") == 1


def test_rate_limit_refusals_are_counted_by_partner(shipped_settings: Settings) -> None:
    from api.rate_limits import RateLimit  # noqa: PLC0415

    client = metrics_client(
        shipped_settings, metrics="open", anonymous_rate_limit=RateLimit(1, "hour")
    )
    before = samples(client.get("/metrics").text)
    statuses = [client.post_query("{ contentVersion }").status_code for _ in range(3)]
    after = samples(client.get("/metrics").text)

    name = "content_api_rate_limited_total"
    assert statuses == [200, 429, 429]
    assert value(after, name, partner="anonymous") - value(before, name, partner="anonymous") == 2


def test_two_workers_are_scraped_as_one(shipped_settings: Settings) -> None:
    """Under --workers 2 each scrape reaches one worker, and reports both."""
    environment: dict[str, str | None] = {"CONTENT_API_METRICS": "open"}
    with server_process(
        PROJECT_ROOT, shipped_settings.index_dir, environment, serve_args=("--workers", "2")
    ) as server:
        folder = _multiprocess_folder(server.process.pid)
        # Each worker writes a file of its own once it counts something: send requests
        # (a new connection each) until both have served some.
        sent = 0
        deadline = time.monotonic() + 30
        while len(_writers(folder)) < 2 and time.monotonic() < deadline:
            httpx.post(f"{server.url}/graphql", json={"query": "{ contentVersion }"})
            sent += 1
        writers = _writers(folder)
        scrapes = [samples(httpx.get(f"{server.url}/metrics").text) for _ in range(4)]

    name = "content_api_http_requests_total"
    labels = {"route": "/graphql", "status": "200", "locale": ""}
    assert len(writers) == 2, "one worker served every request"
    # Every scrape, whichever worker answered it, adds up the requests of both.
    assert [value(scraped, name, **labels) for scraped in scrapes] == [float(sent)] * 4
    # The folder was the server's own, and is gone with it.
    assert not folder.exists()


def _writers(folder: Path) -> set[str]:
    """The processes that counted requests: one ``counter_<pid>.db`` file each."""
    return {path.stem.rsplit("_", 1)[1] for path in folder.glob("counter_*.db")}


def _multiprocess_folder(server_pid: int) -> Path:
    """The metrics folder ``serve`` made: in its workers' environment (set after it started)."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    for child in children:
        for variable in Path(f"/proc/{child}/environ").read_bytes().split(b"\0"):
            name, _, folder = variable.decode().partition("=")
            if name == "PROMETHEUS_MULTIPROC_DIR":
                return Path(folder)
    raise AssertionError("no worker has a PROMETHEUS_MULTIPROC_DIR")
