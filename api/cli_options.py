"""Command-line options shared by every command that reads the content tree."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from api.content import ContentError, ContentSnapshot, load_content


@dataclass(frozen=True)
class ContentFolders:
    """Where a command finds content/ and locales/."""

    root: Path
    content_dir: Path
    locales_dir: Path

    def load_or_exit(self, refusal: str = "") -> ContentSnapshot:
        """Load the content, or print every problem (and ``refusal``) and exit 1."""
        try:
            return load_content(self.content_dir, self.locales_dir)
        except ContentError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            count = len(error.problems)
            click.echo(
                f"{count} problem{'s' if count != 1 else ''} found. {refusal}".rstrip(), err=True
            )
            sys.exit(1)


def content_folders(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --root, --content-dir and --locales-dir; pass them as ``folders``."""

    @click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path(),
        show_default=True,
        help="Folder holding content/ and locales/.",
    )
    @click.option(
        "--content-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Language-neutral content folder [default: ROOT/content].",
    )
    @click.option(
        "--locales-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Locale texts folder [default: ROOT/locales].",
    )
    @functools.wraps(command)
    def wrapper(
        root: Path, content_dir: Path | None, locales_dir: Path | None, **options: Any
    ) -> Any:
        folders = ContentFolders(
            root, content_dir or root / "content", locales_dir or root / "locales"
        )
        return command(folders=folders, **options)

    return wrapper


def output_format(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--format text|json`` (tools read the JSON), passed as ``output_format``."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Text for people, JSON for tools.",
    )(command)
