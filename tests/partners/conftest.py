"""Partner fixtures: a partners file with known keys, and apps gated by it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.partners.source import Clock
from api.settings import Settings
from tests.api.conftest import ApiClient
from tests.partners.sample import PARTNERS_YAML

MakeGatedClient = Callable[..., ApiClient]


@pytest.fixture
def partners_file(tmp_path: Path) -> Path:
    path = tmp_path / "partners.yaml"
    path.write_text(PARTNERS_YAML, encoding="utf-8")
    return path


@pytest.fixture
def make_gated_client(shipped_settings: Settings, partners_file: Path) -> MakeGatedClient:
    """An app gated by the test partners file, its rate limits and partners file measured
    by ``clock``, settings overridden as keyword arguments."""

    def make(clock: Clock = time.monotonic, **overrides: Any) -> ApiClient:
        settings = replace(shipped_settings, partners_file=partners_file, **overrides)
        return ApiClient(create_app(settings, clock=clock))

    return make


@pytest.fixture
def gated_client(make_gated_client: MakeGatedClient) -> ApiClient:
    return make_gated_client()
