"""``content-api index``: build the search indexes for the content as it is on disk."""

from __future__ import annotations

import sys

import click

from api.cli.options import content_settings, load_or_exit
from api.search import build_index, current_version, documents_per_locale, is_built
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
    if is_built(index_root, version):
        was_current = current_version(index_root) == version
        build_index(snapshot, index_root)
        state = "up to date" if was_current else "already built; now current"
        click.echo(f"Search index for content version {version} is {state} ({index_root}).")
        return
    total = documents_per_locale(snapshot) * len(snapshot.locales.enabled)
    if total >= PROGRESS_BAR_FROM:
        with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:

            def advance(done: int, _total: int) -> None:
                bar.update(done - bar.pos)

            build_index(snapshot, index_root, progress=advance)
    else:
        build_index(snapshot, index_root)
    locales = ", ".join(snapshot.locales.enabled)
    click.echo(
        f"Built search index for content version {version}: {total} documents "
        f"({locales}) in {index_root / version}."
    )
