"""Draft previews: one content version as a preview request sees it, drafts included.

A preview is served from objects that no other request can reach: a snapshot in which
the drafts count as published, and a search index per locale built from it, with its own
words for typo corrections, "did you mean" and autocomplete, in a temporary folder of
its own. The public catalog and index are the ones built without drafts; nothing is
filtered out of them per request. So a draft cannot reach a request without the preview
token through a list, a count, a facet, a suggestion or a correction, whatever the
query: the public side never held it (docs/publishing.md, "Previews of drafts").
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from api.content import ContentSnapshot, Item, Status
from api.search import SearchIndex, build_index, open_index
from api.settings import Settings

_ItemT = TypeVar("_ItemT", bound=Item)

PREVIEW_FOLDER_PREFIX = "content-api-preview-"


def has_drafts(snapshot: ContentSnapshot) -> bool:
    return any(item.status is Status.DRAFT for item in snapshot.items())


def with_drafts_shown(snapshot: ContentSnapshot) -> ContentSnapshot:
    """The snapshot with every draft published: what a preview request is served."""

    def shown(items: Mapping[str, _ItemT]) -> Mapping[str, _ItemT]:
        return MappingProxyType(
            {
                key: dataclasses.replace(item, status=Status.PUBLISHED)
                if item.status is Status.DRAFT
                else item
                for key, item in items.items()
            }
        )

    return dataclasses.replace(
        snapshot, articles=shown(snapshot.articles), faqs=shown(snapshot.faqs)
    )


@dataclass(frozen=True)
class PreviewIndex:
    """The search index of a preview snapshot, and the temporary folder it was built in."""

    search: SearchIndex
    folder: Path

    @classmethod
    def build(cls, preview: ContentSnapshot, settings: Settings) -> PreviewIndex:
        # Never under CONTENT_API_INDEX_DIR: the public versions, their manifests and
        # pruning are left as they are, and no other process ever opens this one.
        folder = Path(tempfile.mkdtemp(prefix=PREVIEW_FOLDER_PREFIX))
        try:
            build_index(preview, folder)
            return cls(open_index(folder, preview, settings), folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def close(self) -> None:
        """Close the searchers and delete every file of this preview index."""
        self.search.close()
        self.search.remove_copy()
        shutil.rmtree(self.folder, ignore_errors=True)
