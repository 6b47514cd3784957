"""Safe YAML reading that remembers where every value came from.

PyYAML's ``safe_load`` throws the node tree away, and with it the line numbers that
make an error message useful to a translator. Here the document is composed first
(kept for locating fields), checked for what safe_load silently accepts (duplicate
keys, aliases), then constructed with the safe constructor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from api.files.problems import ContentError, ContentProblem

# Content files are a few KiB; anything near this is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024

FieldPath = Sequence[str | int]


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and turns construction failures into located errors."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # Aliases are the "billion laughs" vector and content files never need them.
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML aliases (*name) are not allowed in content files",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # Out-of-range dates ("2026-13-01") and oversized integers raise plain
        # ValueErrors without a position; give them the node's position.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid value {_shorten(node.value)}: {error}", node.start_mark
            ) from error


def _shorten(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: its plain data plus the node tree for locating fields."""

    path: Path
    data: object
    root: yaml.Node | None

    def locate(self, field_path: FieldPath) -> tuple[int | None, int | None]:
        """1-based line and column of the deepest node found along ``field_path``."""
        node = self.root
        if node is None:
            return None, None
        mark = node.start_mark
        for segment in field_path:
            child = _child(node, segment)
            if child is None:
                break
            key_node, node = child
            mark = (key_node or node).start_mark
        return mark.line + 1, mark.column + 1

    def problem(self, field_path: FieldPath, message: str) -> ContentProblem:
        line, column = self.locate(field_path)
        return ContentProblem(self.path, line, column, format_field(field_path) or None, message)


def _child(node: yaml.Node, segment: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(segment):
                return key_node, value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(segment, int)
        and 0 <= segment < len(node.value)
    ):
        return None, node.value[segment]
    return None


def format_field(field_path: FieldPath) -> str:
    """``("sections", 2, "body")`` -> ``sections[2].body``."""
    text = ""
    for segment in field_path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        else:
            text += f".{segment}" if text else segment
    return text


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse one YAML document; raise ContentError naming the file and line on any failure."""
    try:
        loader = _ContentLoader(text)
    except yaml.reader.ReaderError as error:
        # Control characters (NUL, ESC, ...) are refused before parsing starts.
        line: int | None = text[: error.position].count("\n") + 1
        raise ContentError(
            [
                ContentProblem(
                    path, line, None, None, f"character U+{error.character:04X} is not allowed"
                )
            ]
        ) from error
    try:
        root = loader.get_single_node()
        if root is None:
            return YamlDocument(path, None, None)
        duplicates = list(_duplicate_keys(root, path))
        if duplicates:
            raise ContentError(duplicates)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column: int | None = mark.column + 1 if mark else None
        reason = " ".join(part for part in (error.context, error.problem) if part)
        raise ContentError(
            [ContentProblem(path, line, column, None, f"malformed YAML: {reason}")]
        ) from error
    except (yaml.YAMLError, RecursionError) as error:
        # RecursionError: absurdly deep nesting ([[[[...]]]]) exhausts the composer.
        raise ContentError(
            [ContentProblem(path, None, None, None, f"malformed YAML: {type(error).__name__}")]
        ) from error
    finally:
        loader.dispose()
    return YamlDocument(path, data, root)


def _duplicate_keys(node: yaml.Node, path: Path) -> list[ContentProblem]:
    """Keys given twice in one mapping: safe_load would silently keep the last one."""
    problems: list[ContentProblem] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value
                    line = key_node.start_mark.line + 1
                    if key in seen:
                        problems.append(
                            ContentProblem(
                                path,
                                line,
                                key_node.start_mark.column + 1,
                                key,
                                f"duplicate key {key!r} (first given on line {seen[key]})",
                            )
                        )
                    else:
                        seen[key] = line
                pending.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return problems


def read_yaml(path: Path, display_path: Path) -> tuple[YamlDocument, bytes]:
    """Read and parse a content file; return the document and the raw bytes (for versioning)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(
                [
                    ContentProblem(
                        display_path,
                        None,
                        None,
                        None,
                        f"file is {size} bytes; content files are limited to {MAX_FILE_BYTES}",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(
            [ContentProblem(display_path, None, None, None, f"cannot read file: {error.strerror}")]
        ) from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [ContentProblem(display_path, line, None, None, "file is not valid UTF-8")]
        ) from error
    return parse_yaml(text, display_path), raw
