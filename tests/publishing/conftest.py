"""A real ``content-api serve`` of the shipped content, shared by the publishing tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import client, make_client
from tests.api.servers import running_server
from tests.conftest import PROJECT_ROOT
from tests.partners.conftest import make_gated_client, partners_file

# The API's and the partners' fixtures, for the tests of this folder too.
__all__ = ["client", "make_client", "make_gated_client", "partners_file", "served_url"]


@pytest.fixture(scope="session")
def served_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a server process reading a copy of the shipped content."""
    root = tmp_path_factory.mktemp("served")
    for folder in ("content", "locales"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    with running_server(root, Path(root) / "search_index") as url:
        yield url
