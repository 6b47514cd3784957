"""Two replicas on one Redis: a partner's limit holds across both, and a persisted query
registered through one is served by the other. Each replica is a real ``content-api
serve`` process, and Redis a real ``redis-server``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from api.settings import Settings
from tests.api.servers import ServerProcess, server_process
from tests.conftest import PROJECT_ROOT
from tests.partners.sample import PARTNER_KEY, PARTNERS_YAML
from tests.redis_server import redis_server

LIMIT = 5
QUERY = "{ contentVersion }"


@pytest.fixture
def replicas(tmp_path: Path, shipped_settings: Settings) -> Iterator[list[ServerProcess]]:
    partners_file = tmp_path / "partners.yaml"
    limited = PARTNERS_YAML.replace("rate_limit: 600/minute", f"rate_limit: {LIMIT}/minute", 1)
    partners_file.write_text(limited, encoding="utf-8")
    with ExitStack() as stack:
        url = stack.enter_context(redis_server(tmp_path))
        environment: dict[str, str | None] = {
            "CONTENT_API_REDIS_URL": url,
            "CONTENT_API_PARTNERS_FILE": str(partners_file),
        }
        yield [
            stack.enter_context(
                server_process(PROJECT_ROOT, shipped_settings.index_dir, environment)
            )
            for _ in range(2)
        ]


def test_a_partner_limit_holds_across_replicas(replicas: list[ServerProcess]) -> None:
    headers = {"X-Api-Key": PARTNER_KEY}
    statuses = [
        httpx.post(
            f"{replicas[number % 2].url}/graphql", json={"query": QUERY}, headers=headers
        ).status_code
        for number in range(2 * LIMIT)
    ]

    # Alone, each replica would have admitted LIMIT of its own LIMIT requests.
    assert statuses.count(200) == LIMIT
    assert statuses[:LIMIT] == [200] * LIMIT
    assert set(statuses[LIMIT:]) == {429}


def test_a_query_registered_on_one_replica_is_served_by_the_other(
    replicas: list[ServerProcess],
) -> None:
    first, second = replicas
    sha256 = hashlib.sha256(QUERY.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": sha256}})

    unknown = httpx.get(f"{second.url}/graphql", params={"extensions": extensions})
    registered = httpx.post(
        f"{first.url}/graphql", json={"query": QUERY, "extensions": json.loads(extensions)}
    )
    served = httpx.get(f"{second.url}/graphql", params={"extensions": extensions})

    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert registered.status_code == 200
    assert served.status_code == 200
    assert served.json()["data"]["contentVersion"] == registered.json()["data"]["contentVersion"]
