"""``content-api index``: build the search indexes for the content as it is on disk."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from api.cli_options import ContentFolders, content_folders
from api.search.builder import build_index, current_version, is_built
from api.search.documents import documents_per_locale

# Builds smaller than this finish before a progress bar would be worth drawing.
PROGRESS_BAR_FROM = 500


@click.command()
@content_folders
@click.option(
    "--index-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where indexes are built [default: ROOT/search_index].",
)
def index(folders: ContentFolders, index_dir: Path | None) -> None:
    """Build the search indexes for the current content and switch to them."""
    snapshot = folders.load_or_exit("The search index was not built.")
    index_root = index_dir or folders.root / "search_index"
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
