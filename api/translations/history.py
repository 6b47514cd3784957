"""Recover the source text a translation was made from, by its digest, from git history.

A translation records only the digest of its source text. Rather than keep a second
copy of every source text beside each translation (which translators would have to
carry along and which drifts), the text is looked up where it already is: the
source file's own history. Every committed version of the source file is digested
the same way the loader does; the one whose digest matches is the old text.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from api.content.digest import raw_text_digest, text_digest
from api.content.file_models import TEXT_FILE_MODELS, text_fields
from api.content.model import ContentType, fields_of
from api.files.problems import ContentError
from api.files.yamlfile import parse_yaml

# How far back to look; a translation older than this many source edits is rare,
# and each step is one `git show`.
MAX_REVISIONS = 200


class SourceHistory:
    """Looks up old source texts by digest; caches each file's history for its lifetime.

    Make one per command run: a long-lived one would not see later commits.
    """

    def __init__(self) -> None:
        self._versions: dict[Path, dict[str, Mapping[str, str]]] = {}

    def previous_fields(
        self, source_path: Path, content_type: ContentType, digest: str
    ) -> Mapping[str, str] | None:
        """The source text fields whose digest is ``digest``, or None if history lacks them."""
        path = source_path.resolve()
        if path not in self._versions:
            self._versions[path] = _versions(path, content_type)
        return self._versions[path].get(digest)


def _versions(source_path: Path, content_type: ContentType) -> dict[str, Mapping[str, str]]:
    """Digest -> fields, for every committed version of one source file."""
    folder, name = source_path.parent, source_path.name
    revisions = _git(folder, "log", f"-n{MAX_REVISIONS}", "--format=%H", "--", name)
    versions: dict[str, Mapping[str, str]] = {}
    for revision in (revisions or "").split():
        text = _git(folder, "show", f"{revision}:./{name}")
        if text is None:
            continue
        try:
            document = parse_yaml(text, source_path)
            model = TEXT_FILE_MODELS[content_type].model_validate(document.data)
        except (ContentError, ValidationError):
            continue  # a broken version in history cannot be what anyone translated
        fields = text_fields(model, fields_of(content_type))
        # A translation may still record the digest of the raw text (see Item).
        versions.setdefault(text_digest(fields), fields)
        versions.setdefault(raw_text_digest(fields), fields)
    return versions


def _git(folder: Path, *arguments: str) -> str | None:
    """Output of a git command, or None when git or the repository is not there."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(folder), *arguments],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout if completed.returncode == 0 else None
