"""What the app opens for one content version, and every request reads: content, links, search."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from api.catalog import Catalog, Links
from api.content import ContentSnapshot, ContentType
from api.content.publish_gate import TranslationRequirement, check_publish_gate
from api.content.review_cadence import ReviewCadence
from api.content.snapshot_cache import load_content_cached
from api.metrics import SEARCH_INDEX_OPEN
from api.search import SearchIndex, ensure_index, open_checked
from api.serving.previews import PreviewIndex, has_drafts, with_drafts_shown
from api.settings import Settings


def prepare_content(settings: Settings, *, keep_snapshot: bool | None = None) -> ContentSnapshot:
    """Load and validate the content, then make sure its search index is built.

    The snapshot comes from the cache when the files are unchanged. A snapshot parsed
    here is kept in the cache if ``keep_snapshot`` (by default: when live reload is on,
    the only time a server writes in the index folder; ``content-api index`` keeps it
    otherwise). Raises ContentError listing every content problem, and every item the
    bilingual publish gate refuses (api/content/publish_gate.py).
    """
    keep = settings.watch if keep_snapshot is None else keep_snapshot
    snapshot = load_content_cached(
        settings.content_dir, settings.locales_dir, settings.snapshot_cache_dir, keep=keep
    )
    check_publish_gate(snapshot, translation_requirement(settings))
    # Raises IndexNotBuilt or IndexDamaged when the index is missing or damaged and
    # building is off; otherwise builds or rebuilds it (api/search/lifecycle.py).
    ensure_index(
        snapshot,
        settings.index_dir,
        build=settings.build_index,
        keep=settings.index_versions_kept,
    )
    return snapshot


def translation_requirement(settings: Settings) -> TranslationRequirement:
    """What the bilingual publish gate refuses (``CONTENT_API_REQUIRE_TRANSLATIONS``)."""
    return TranslationRequirement(settings.require_translations)


def review_cadence(settings: Settings) -> ReviewCadence:
    """The review interval of each content type, as the settings give them."""
    return ReviewCadence(
        MappingProxyType(
            {
                ContentType.ARTICLE: settings.review_interval_article_days,
                ContentType.FAQ: settings.review_interval_faq_days,
            }
        )
    )


@dataclass(frozen=True)
class Services:
    snapshot: ContentSnapshot
    catalog: Catalog
    links: Links
    search: SearchIndex
    # When each text's medical review falls due (the review interval settings).
    review_cadence: ReviewCadence
    # The same version with its drafts shown, for preview requests only (previews.py);
    # None when previews are off or there is no draft.
    preview: Services | None = field(default=None, repr=False)
    # The preview's own index, which ``close`` deletes; None but on a preview's services.
    preview_index: PreviewIndex | None = field(default=None, repr=False)

    @classmethod
    def open(cls, settings: Settings) -> Services:
        """The services of the content on disk (see ``prepare_content``).

        Raises ContentError, or IndexNotBuilt or IndexDamaged when the index is missing
        or damaged and ``build_index`` is off.
        """
        return cls.for_snapshot(settings, prepare_content(settings))

    @classmethod
    def for_snapshot(cls, settings: Settings, snapshot: ContentSnapshot) -> Services:
        """The services of a snapshot whose search index is already built.

        With a preview token set and drafts in the snapshot, the preview's index is
        built here too (in memory and a temporary folder, a fraction of a second on
        the shipped content, docs/publishing.md).
        """
        search = open_checked(snapshot, settings)
        for locale in snapshot.locales.enabled:
            SEARCH_INDEX_OPEN.labels(locale=locale).set(1)
        preview = None
        if settings.preview_token and has_drafts(snapshot):
            preview = cls._preview_of(settings, snapshot)
        return cls(
            snapshot=snapshot,
            catalog=Catalog(snapshot),
            links=Links(settings.public_url, snapshot),
            search=search,
            review_cadence=review_cadence(settings),
            preview=preview,
        )

    @classmethod
    def _preview_of(cls, settings: Settings, snapshot: ContentSnapshot) -> Services:
        shown = with_drafts_shown(snapshot)
        index = PreviewIndex.build(shown, settings)
        return cls(
            snapshot=shown,
            catalog=Catalog(shown),
            links=Links(settings.public_url, shown),
            search=index.search,
            review_cadence=review_cadence(settings),
            preview_index=index,
        )

    def for_preview(self) -> Services:
        """What a preview request is served: the drafts too, if there are any."""
        return self.preview if self.preview is not None else self

    def close(self) -> None:
        """Close the indexes (the preview's deleted with its files)."""
        if self.preview_index is not None:
            self.preview_index.close()  # its own index: searchers, copy and folder
        else:
            self.search.close()
        if self.preview is not None:
            self.preview.close()

    def remove_copy(self) -> None:
        """Delete the private copy of the public index's files: the process is about to end."""
        self.search.remove_copy()
