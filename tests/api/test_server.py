"""End to end: ``content-api serve`` as a real process, queried over a real socket."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.servers import running_server
from tests.conftest import PROJECT_ROOT


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    with running_server(PROJECT_ROOT, tmp_path / "search_index") as url:
        yield url


def test_real_server_answers_in_french_over_a_socket(server_url: str) -> None:
    response = httpx.post(
        f"{server_url}/graphql",
        json={"query": '{ article(key: "ketamine-trd") { title url } }'},
        headers={"Accept-Language": "fr-BE"},
        timeout=10,
    )

    assert response.status_code == 200
    article = response.json()["data"]["article"]
    assert article["title"].startswith("La kétamine")
    assert article["url"].startswith("https://clinic.example/fr-CA/articles/")
    assert response.headers["Content-Language"] == "fr-CA"
    assert httpx.get(f"{server_url}/readyz", timeout=10).json()["status"] == "ready"
