"""Shared fixtures: the shipped content served once, and fresh copies of it to edit and break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from api.content import ContentSnapshot, load_content
from api.serving import prepare_content
from api.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PUBLIC_URL = "https://clinic.example"


@dataclass
class ContentTree:
    """A writable copy of content/ and locales/ in a temporary folder."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> None:
        """Replace exactly one occurrence, so a test cannot silently edit nothing."""
        text = self.read(relative)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        self.write(relative, text.replace(old, new))

    def remove(self, relative: str) -> None:
        self.path(relative).unlink()

    def load(self) -> ContentSnapshot:
        return load_content(self.content_dir, self.locales_dir)


@pytest.fixture
def make_content_tree(tmp_path: Path) -> Callable[[], ContentTree]:
    """Factory for fresh copies of the shipped content (each call gets its own folder)."""
    counter = 0

    def make() -> ContentTree:
        nonlocal counter
        counter += 1
        root = tmp_path / f"tree{counter}"
        shutil.copytree(PROJECT_ROOT / "content", root / "content")
        shutil.copytree(PROJECT_ROOT / "locales", root / "locales")
        return ContentTree(root)

    return make


@pytest.fixture
def content_tree(make_content_tree: Callable[[], ContentTree]) -> ContentTree:
    return make_content_tree()


def settings_for(root: Path, index_dir: Path) -> Settings:
    """The settings of a content tree served under PUBLIC_URL, its index in ``index_dir``."""
    return Settings(
        content_dir=root / "content",
        locales_dir=root / "locales",
        index_dir=index_dir,
        public_url=PUBLIC_URL,
        # The suite sends hundreds of requests from one address; tests/partners test limits.
        anonymous_rate_limit=None,
    )


@pytest.fixture(scope="session")
def shipped_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped content's settings; its search index is built once, for every test."""
    settings = settings_for(PROJECT_ROOT, tmp_path_factory.mktemp("search_index"))
    # Kept, as `content-api index` keeps it, so that every app the tests build starts warm.
    prepare_content(settings, keep_snapshot=True)
    return settings


@pytest.fixture(scope="session")
def shipped_content(shipped_settings: Settings) -> ContentSnapshot:
    """The content as shipped, loaded once (it is immutable)."""
    return prepare_content(shipped_settings)
