"""``content-api index``: build the search indexes for the content as it is on disk.

A version already built is checked against its manifest, every byte of it, and
rebuilt when damaged; abandoned build folders are removed and old versions pruned
(``api/search/lifecycle.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from api.cli.options import content_settings, load_or_exit
from api.search import (
    IndexState,
    Progress,
    current_version,
    documents_per_locale,
    ensure_index,
    switch_current,
)
from api.settings import Settings

# Builds smaller than this finish before a progress bar would be worth drawing.
PROGRESS_BAR_FROM = 500


@click.command()
@content_settings(index=True)
def index(settings: Settings) -> None:
    """Build the search indexes for the current content and switch to them.

    Also keeps the validated content in the index folder, so that `serve` starts warm
    and writes nothing.
    """
    try:
        _index(settings)
    except OSError as error:
        raise click.ClickException(f"the search index was not built: {error}") from error


def _index(settings: Settings) -> None:
    snapshot = load_or_exit(settings, "the search index was not built.", keep_snapshot=True)
    index_root = settings.index_dir
    version = snapshot.version
    was_current = current_version(index_root) == version
    total = documents_per_locale(snapshot) * len(snapshot.locales.enabled)
    with _progress(total) as progress:
        state = ensure_index(
            snapshot,
            index_root,
            build=True,
            checksums=True,
            keep=settings.index_versions_kept,
            progress=progress,
        )
    switch_current(index_root, version)
    if state is IndexState.SOUND:
        verdict = "up to date" if was_current else "already built; now current"
        click.echo(f"Search index for content version {version} is {verdict} ({index_root}).")
        return
    locales = ", ".join(snapshot.locales.enabled)
    how = "Rebuilt the damaged" if state is IndexState.REBUILT else "Built"
    click.echo(
        f"{how} search index for content version {version}: {total} documents "
        f"({locales}) in {index_root / version}."
    )


@contextmanager
def _progress(total: int) -> Iterator[Progress | None]:
    """A progress bar on standard error for large builds; nothing for small ones."""
    if total < PROGRESS_BAR_FROM:
        yield None
        return
    with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:

        def advance(done: int, _total: int) -> None:
            bar.update(done - bar.pos)

        yield advance
