"""A content tree under git, as translators and the report see it."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ContentTree


def git(tree: ContentTree, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *arguments],
        cwd=tree.root,
        check=True,
        capture_output=True,
    )


def commit_all(tree: ContentTree, message: str) -> None:
    git(tree, "add", "-A")
    git(tree, "commit", "-q", "-m", message)


@pytest.fixture
def git_tree(content_tree: ContentTree) -> ContentTree:
    git(content_tree, "init", "-q")
    commit_all(content_tree, "shipped content")
    return content_tree
