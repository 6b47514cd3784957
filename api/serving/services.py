"""What the app opens for one content version, and every request reads: content, links, search."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from api.catalog import Catalog, Links
from api.content import ContentSnapshot, ContentType
from api.content.publish_gate import TranslationRequirement, check_publish_gate
from api.content.review_cadence import ReviewCadence
from api.content.snapshot_cache import load_content_cached
from api.metrics import SEARCH_INDEX_OPEN
from api.search import SearchIndex, ensure_index, open_checked
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

    @classmethod
    def open(cls, settings: Settings) -> Services:
        """The services of the content on disk (see ``prepare_content``).

        Raises ContentError, or IndexNotBuilt or IndexDamaged when the index is missing
        or damaged and ``build_index`` is off.
        """
        return cls.for_snapshot(settings, prepare_content(settings))

    @classmethod
    def for_snapshot(cls, settings: Settings, snapshot: ContentSnapshot) -> Services:
        """The services of a snapshot whose search index is already built."""
        search = open_checked(snapshot, settings)
        for locale in snapshot.locales.enabled:
            SEARCH_INDEX_OPEN.labels(locale=locale).set(1)
        return cls(
            snapshot=snapshot,
            catalog=Catalog(snapshot),
            links=Links(settings.public_url, snapshot),
            search=search,
            review_cadence=review_cadence(settings),
        )
