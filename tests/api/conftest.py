"""API fixtures: apps built by ``create_app`` and a client speaking real HTTP to them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp

from api.app import ContentApi, create_app
from api.settings import Settings
from tests.conftest import PUBLIC_URL, ContentTree, settings_for


class ApiClient:
    """Real HTTP requests (through httpx's ASGI transport) to one app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    @property
    def api(self) -> ContentApi:
        """The app as ``create_app`` built it: its live services, endpoint and partners."""
        assert isinstance(self.app, ContentApi), "this client serves another ASGI app"
        return self.app

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(send())

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post_query(
        self,
        query: str,
        variables: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        body = {"query": query, "variables": dict(variables or {})}
        return self.request("POST", "/graphql", json=body, headers=dict(headers or {}))

    def data(
        self,
        query: str,
        variables: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """The ``data`` of a query that must succeed."""
        response = self.post_query(query, variables, headers)
        assert response.status_code == 200, response.text
        payload: dict[str, Any] = response.json()
        assert "errors" not in payload, payload["errors"]
        data: dict[str, Any] = payload["data"]
        return data

    def errors(
        self,
        query: str,
        variables: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """The ``errors`` of a query that must fail."""
        payload: dict[str, Any] = self.post_query(query, variables, headers).json()
        assert payload.get("errors"), payload
        errors: list[dict[str, Any]] = payload["errors"]
        return errors


@pytest.fixture(scope="session")
def client(shipped_settings: Settings) -> ApiClient:
    """The shipped content, served once for the whole session (it is read-only)."""
    return ApiClient(create_app(shipped_settings))


MakeClient = Callable[..., ApiClient]


@pytest.fixture
def make_client(tmp_path: Path) -> MakeClient:
    """An app over an edited content tree, with settings overridden as keyword arguments."""

    def make(tree: ContentTree, **overrides: Any) -> ApiClient:
        settings = replace(settings_for(tree.root, tmp_path / "search_index"), **overrides)
        return ApiClient(create_app(settings))

    return make
