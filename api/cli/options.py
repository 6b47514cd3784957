"""What every command shares: the settings (from ``CONTENT_API_*``, then the options that
override them), the ``--format`` option, and how problems end a command."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from api.content import ContentError, ContentProblem, ContentSnapshot, load_content
from api.content.snapshot_cache import load_content_cached
from api.settings import Settings, SettingsError


def environment_settings() -> Settings:
    """``Settings.from_env()``, a bad variable being a usage error that names it."""
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise click.UsageError(str(error)) from error


def exit_with_problems(problems: Iterable[ContentProblem], consequence: str = "") -> NoReturn:
    """Print every problem, how many there were and what that means; exit 1."""
    listed = list(problems)
    for problem in listed:
        click.echo(str(problem), err=True)
    count = len(listed)
    summary = f"{count} problem{'s' if count != 1 else ''} found"
    click.echo(f"{summary}: {consequence}" if consequence else f"{summary}.", err=True)
    sys.exit(1)


def load_or_exit(
    settings: Settings, consequence: str = "", *, keep_snapshot: bool = False
) -> ContentSnapshot:
    """The content, or every problem printed (and ``consequence``) and exit 1.

    With ``keep_snapshot``, the content comes from, or is kept in, the snapshot cache
    of the index folder (api/content/snapshot_cache.py).
    """
    try:
        if keep_snapshot:
            return load_content_cached(
                settings.content_dir, settings.locales_dir, settings.snapshot_cache_dir
            )
        return load_content(settings.content_dir, settings.locales_dir)
    except ContentError as error:
        exit_with_problems(error.problems, consequence)


def content_settings(*, index: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add --root, --content-dir and --locales-dir (and --index-dir with ``index``) to a
    command, and pass it ``settings``: the environment's, with those options applied."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(
            root: Path | None,
            content_dir: Path | None,
            locales_dir: Path | None,
            index_dir: Path | None = None,
            **options: Any,
        ) -> Any:
            settings = environment_settings()
            if root is not None:
                settings = replace(
                    settings,
                    content_dir=root / "content",
                    locales_dir=root / "locales",
                    index_dir=root / "search_index",
                )
            settings = replace(
                settings,
                content_dir=content_dir or settings.content_dir,
                locales_dir=locales_dir or settings.locales_dir,
                index_dir=index_dir or settings.index_dir,
            )
            return command(settings=settings, **options)

        folder = click.Path(file_okay=False, path_type=Path)
        options = [
            click.option(
                "--root",
                type=folder,
                help="Folder holding content/, locales/ and search_index/ "
                "[default: CONTENT_API_CONTENT_DIR, _LOCALES_DIR, _INDEX_DIR].",
            ),
            click.option(
                "--content-dir",
                type=folder,
                help="Language-neutral content folder "
                "[default: ROOT/content, else CONTENT_API_CONTENT_DIR].",
            ),
            click.option(
                "--locales-dir",
                type=folder,
                help="Locale texts folder [default: ROOT/locales, else CONTENT_API_LOCALES_DIR].",
            ),
        ]
        if index:
            options.append(
                click.option(
                    "--index-dir",
                    type=folder,
                    help="Where indexes are built "
                    "[default: ROOT/search_index, else CONTENT_API_INDEX_DIR].",
                )
            )
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper

    return decorate


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
