"""Writing a file in one step: whoever reads it sees the old bytes or the new, never half.

The one way every writer of the service replaces a file (content fixes, translations
imported, the partners file, index pointers and vocabularies, snapshot caches).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` when the block ends; nothing changes on error.

    It is written beside ``path`` under a hidden name (the content loader and the
    watcher skip dot files), flushed to disk, then renamed over it. A file it replaces
    keeps its permissions (a partners file readable only by its owner stays so); a new
    file gets the umask's, not the owner-only ones of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            yield file
            file.flush()
            # Renamed only once its bytes are on disk: a crash leaves the old file, whole.
            os.fsync(file.fileno())
        with suppress(FileNotFoundError):  # a new file keeps the umask's permissions
            temporary.chmod(path.stat().st_mode & 0o7777)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one step."""
    with atomic_writer(path) as file:
        file.write(data.encode("utf-8") if isinstance(data, str) else data)
