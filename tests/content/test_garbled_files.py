"""Garbled, random or hostile files never crash the loader: only ContentError comes out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.content import ContentError, load_content
from api.files.yamlfile import parse_yaml
from tests.conftest import PROJECT_ROOT

TARGETS = (
    "content/faqs/side-effects.yaml",
    "content/articles/ketamine-trd.yaml",
    "locales/fr-CA/faqs/side-effects.yaml",
    "locales/en-CA/articles/ketamine-trd.yaml",
    "locales/locales.yaml",
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["key", "slug", "title", "sections", "id", "body", "faqs", "x"])
            | st.text(max_size=8),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def tree_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("garbled")
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    shutil.copytree(PROJECT_ROOT / "locales", root / "locales")
    return root


def load_with(root: Path, relative: str, data: bytes) -> None:
    """Load the tree with one file replaced; anything but ContentError fails the test."""
    target = root / relative
    original = (PROJECT_ROOT / relative).read_bytes()
    target.write_bytes(data)
    try:
        load_content(root / "content", root / "locales")
    except ContentError as error:
        assert error.problems, "a ContentError always says what is wrong"
    finally:
        target.write_bytes(original)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400))
def test_random_text_only_raises_content_error(text: str) -> None:
    try:
        parse_yaml(text, Path("random.yaml"))
    except ContentError as error:
        assert error.problems


@settings(max_examples=60, deadline=None)
@given(relative=st.sampled_from(TARGETS), data=st.binary(max_size=300))
def test_random_bytes_in_any_file(tree_root: Path, relative: str, data: bytes) -> None:
    load_with(tree_root, relative, data)


@settings(max_examples=80, deadline=None)
@given(relative=st.sampled_from(TARGETS), value=yaml_values)
def test_wellformed_yaml_of_the_wrong_shape(tree_root: Path, relative: str, value: object) -> None:
    load_with(tree_root, relative, yaml.safe_dump(value, allow_unicode=True).encode())


@settings(max_examples=80, deadline=None)
@given(
    relative=st.sampled_from(TARGETS),
    cuts=st.lists(st.tuples(st.integers(0, 2000), st.text(max_size=5)), min_size=1, max_size=4),
)
def test_mangled_real_files(tree_root: Path, relative: str, cuts: list[tuple[int, str]]) -> None:
    text = (PROJECT_ROOT / relative).read_text(encoding="utf-8")
    for offset, insert in cuts:
        position = offset % (len(text) + 1)
        text = text[:position] + insert + text[position + 1 :]
    load_with(tree_root, relative, text.encode())


def test_billion_laughs_is_refused() -> None:
    """Nine levels of nine aliases would expand to 9**9 strings if aliases were followed."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join([f'*{previous}'] * 9)}]")
    with pytest.raises(ContentError, match="aliases"):
        parse_yaml("\n".join(lines) + "\n", Path("bomb.yaml"))


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ContentError, match="malformed YAML"):
        parse_yaml("[" * 50_000 + "]" * 50_000, Path("deep.yaml"))
