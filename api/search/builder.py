"""Index lifecycle: build a content version's indexes, update them, switch to them.

Layout under the index root::

    CURRENT                 the version being served (switched with os.replace)
    <version>/<locale>/     one Whoosh index per locale, never modified once published
    .staging-<version>-*/   a build in progress (removed if the build fails), and its
                            .lock; a killed build's are removed later (lifecycle.py)
    <version>/MANIFEST.json every file of the version, its size and checksum (manifest.py)

A version folder only ever appears by renaming a complete staging folder, so a
crashed or interrupted build cannot leave a half-built index where readers look,
and an older version keeps serving the readers that still have it open.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from api.content import ContentSnapshot, ContentType
from api.files.atomic import write_atomically
from api.search.analysis import language_of
from api.search.documents import (
    IndexDocument,
    documents_per_locale,
    item_documents,
    item_id,
    item_id_of,
    locale_documents,
)
from api.search.manifest import IndexDamaged, Manifest
from api.search.schema import ITEM_ID, build_schema, text_field_language
from api.search.storage import building, open_for_update
from api.search.vocabulary import DocumentWords, WordCounts, document_words

CURRENT_FILE = "CURRENT"
STAGING_PREFIX = ".staging-"

# Called as documents are indexed, with (documents done, documents in all).
Progress = Callable[[int, int], None]


class IndexNotBuilt(LookupError):
    """The index for a content version has not been built under the index root."""


def version_dir(index_root: Path, version: str) -> Path:
    return index_root / version


def is_built(index_root: Path, version: str) -> bool:
    return version_dir(index_root, version).is_dir()


def current_version(index_root: Path) -> str | None:
    """The version the pointer file names, or None before the first build."""
    try:
        return (index_root / CURRENT_FILE).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def switch_current(index_root: Path, version: str) -> None:
    """Point CURRENT at ``version`` atomically: readers see the old name or the new one."""
    if not is_built(index_root, version):
        raise IndexNotBuilt(f"no index for content version {version} in {index_root}")
    write_atomically(index_root / CURRENT_FILE, version + "\n")


def build_index(
    snapshot: ContentSnapshot, index_root: Path, progress: Progress | None = None
) -> Path:
    """Build every locale's index for the snapshot's version and make it current.

    Skips the build when that version is already built (it only switches to it).
    """
    target = version_dir(index_root, snapshot.version)
    if not is_built(index_root, snapshot.version):
        total = documents_per_locale(snapshot) * len(snapshot.locales.enabled)
        done = 0
        with _staging(index_root, snapshot.version) as staging:
            schema = build_schema(language_of(tag) for tag in snapshot.locales.enabled)
            for locale in snapshot.locales.enabled:
                (staging / locale).mkdir()
                ix = whoosh_index.create_in(str(staging / locale), schema)
                words = WordCounts()
                with _writing(ix.writer(limitmb=128)) as writer:
                    for document in locale_documents(snapshot, locale):
                        _add(writer, words, document)
                        done += 1
                        if progress is not None:
                            progress(done, total)
                words.save(staging / locale)
    switch_current(index_root, snapshot.version)
    return target


def update_items(
    snapshot: ContentSnapshot,
    index_root: Path,
    changed: Iterable[tuple[ContentType, str]],
    base_version: str | None = None,
) -> Path:
    """Make the snapshot's version from a built one by re-indexing only the changed items.

    ``changed`` names items added, edited or deleted (a deleted item is simply absent
    from the snapshot). The base version (default: the current one) is left as it was;
    its files are hard-linked, not copied, since Whoosh never rewrites a segment file.
    """
    base = base_version or current_version(index_root)
    if base is None or not _is_sound(index_root, base):
        # Files hard-linked from a damaged version would carry its damage along.
        return build_index(snapshot, index_root)
    target = version_dir(index_root, snapshot.version)
    if not is_built(index_root, snapshot.version):
        changed_ids = sorted({item_id_of(kind, key) for kind, key in changed})
        items = {item_id(item): item for item in snapshot.items()}
        with _staging(index_root, snapshot.version) as staging:
            for locale in snapshot.locales.enabled:
                _link_tree(version_dir(index_root, base) / locale, staging / locale)
                ix = open_for_update(staging / locale)
                words = WordCounts.load(staging / locale)
                with ix.searcher() as searcher:
                    for changed_id in changed_ids:
                        for stored in searcher.documents(**{ITEM_ID: changed_id}):
                            words.remove(_stored_words(stored))
                with _writing(ix.writer()) as writer:
                    for changed_id in changed_ids:
                        writer.delete_by_term(ITEM_ID, changed_id)
                        if changed_id in items:
                            for document in item_documents(snapshot, items[changed_id], locale):
                                _add(writer, words, document)
                words.save(staging / locale)
    switch_current(index_root, snapshot.version)
    return target


def _is_sound(index_root: Path, version: str) -> bool:
    if not is_built(index_root, version):
        return False
    folder = version_dir(index_root, version)
    try:
        Manifest.read(folder).verify(folder)
    except IndexDamaged:
        return False
    return True


def _add(writer: IndexWriter, words: WordCounts, document: IndexDocument) -> None:
    writer.add_document(**document.fields())
    words.add(document.words())


def _stored_words(stored: dict[str, object]) -> DocumentWords:
    """The words of a document already in the index, read back from its stored text."""
    return document_words(
        (str(value), language)
        for name, value in stored.items()
        if (language := text_field_language(name)) is not None and value
    )


@contextmanager
def _writing(writer: IndexWriter) -> Iterator[IndexWriter]:
    """Commit on success; on any error cancel, which also releases Whoosh's write lock."""
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


@contextmanager
def _staging(index_root: Path, version: str) -> Iterator[Path]:
    """A private folder to build in, renamed to the version folder only when complete."""
    index_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{version}-", dir=index_root))
    try:
        with building(staging):
            yield staging
            for lock in staging.glob("*/*LOCK"):
                # Released but left on disk by Whoosh; a published version is never written.
                lock.unlink()
            # What opening the version will check every file against.
            Manifest.of_folder(staging, version).write(staging)
        try:
            staging.replace(version_dir(index_root, version))
        except OSError:
            # Another process published the same version first; theirs is as good.
            if not is_built(index_root, version):
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _link_tree(source: Path, destination: Path) -> None:
    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:  # another file system, or links not supported
            shutil.copy2(src, dst)

    shutil.copytree(
        source, destination, copy_function=link_or_copy, ignore=shutil.ignore_patterns("*LOCK")
    )
