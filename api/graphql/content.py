"""What every localized item tells: identity, locale provenance, state, links, dates."""

from __future__ import annotations

from typing import Self

import strawberry

from api.catalog import Links
from api.catalog.structured_data import structured_data
from api.content import Item
from api.content.localized import LocalizedItem
from api.graphql.alternate import Alternate
from api.graphql.context import Info
from api.graphql.dates import LocalizedDate
from api.graphql.declared import declared_values
from api.graphql.enums import ContentType, TranslationState
from api.graphql.fields import described
from api.graphql.node import GlobalId, Node
from api.graphql.provenance import FieldLocale
from api.graphql.reading_time import ReadingTime
from api.graphql.review import MedicalReview
from api.graphql.safety_notice import SafetyNotice
from api.graphql.scalars import JsonValue
from api.graphql.seo import Seo


@strawberry.interface(
    description=(
        "An article or FAQ as one locale sees it. Fallback is per field and visible: "
        "`requestedLocale` is what was asked for, `fieldLocales` where each value came from."
    )
)
class LocalizedContent(Node):
    # The domain objects the fields are read from; never exposed as such.
    item: strawberry.Private[Item]
    localized: strawberry.Private[LocalizedItem]
    links: strawberry.Private[Links]

    @classmethod
    def from_domain(cls, localized: LocalizedItem, links: Links) -> Self:
        return cls(
            id=strawberry.ID(GlobalId.of(localized.item, localized.requested_locale).encode()),
            item=localized.item,
            localized=localized,
            links=links,
            **declared_values(cls, localized),
        )

    @described("The language-neutral key, the same in every locale.")
    def key(self) -> str:
        return self.item.key

    @strawberry.field
    def content_type(self) -> ContentType:
        return self.item.type

    @described("The locale that was asked for (after negotiation).")
    def requested_locale(self) -> str:
        return self.localized.requested_locale

    @described("CURRENT, STALE or MISSING in the requested locale.")
    def translation_state(self) -> TranslationState:
        return self.localized.state

    @described("Every field that has a value, and the locale it came from.")
    def field_locales(self) -> list[FieldLocale]:
        return FieldLocale.list_from_domain(self.localized.field_locales)

    @described("Only the fields served from another locale than requested.")
    def fallback_fields(self) -> list[FieldLocale]:
        return FieldLocale.list_from_domain(self.localized.fallback_fields)

    @described("The slug in the requested locale (or its fallback).")
    def slug(self) -> str:
        return self.localized.slug.value

    @described("Absolute URL of this item in the requested locale.")
    def url(self) -> str:
        return self.links.url(self.item, self.localized.requested_locale)

    @described(
        "The page search engines should index: this one, or, when the requested locale "
        "has no text of its own, the page of the locale its text comes from."
    )
    def canonical_url(self) -> str:
        return self.links.canonical_url(self.item, self.localized.requested_locale)

    @described(
        "The item in every locale that has its own text (pages served by fallback are not "
        "alternates), then `x-default`."
    )
    def alternates(self) -> list[Alternate]:
        return [Alternate.from_domain(alternate) for alternate in self.links.alternates(self.item)]

    @strawberry.field
    def tags(self) -> list[str]:
        return list(self.item.tags)

    @strawberry.field
    def published(self) -> LocalizedDate | None:
        return LocalizedDate.from_domain(self.item.published, self.localized.requested_locale)

    @strawberry.field
    def updated(self) -> LocalizedDate | None:
        return LocalizedDate.from_domain(self.item.updated, self.localized.requested_locale)

    @strawberry.field
    def review(self, info: Info) -> MedicalReview:
        services = info.context.services
        return MedicalReview.from_domain(
            self.localized, services.snapshot.messages, services.review_cadence
        )

    @described(
        "The safety notices to show first, before the item's text, in the requested locale "
        "(its fallback never: every notice is written in every locale).",
        # One or two per item: counted as 10 (the default), they made the widget's page of
        # 50 FAQs, each asking for its notices, cost more than the whole budget.
        list_size=2,
    )
    def notices(self, info: Info) -> list[SafetyNotice]:
        notices = info.context.services.snapshot.notices
        texts = notices.texts_for(self.item, self.localized.requested_locale)
        return [SafetyNotice.from_domain(text) for text in texts]

    @described(
        "schema.org JSON-LD of the item's page, as embed pages put it in their `<head>`: "
        "a `MedicalWebPage` for an article, a `FAQPage` for a FAQ, with the medical review "
        "only when one is recorded and the page's translations (docs/publishing.md)."
    )
    def structured_data(self, info: Info) -> JsonValue:
        glossary = info.context.services.snapshot.glossary
        return JsonValue(structured_data(self.localized, self.links, glossary))

    @strawberry.field
    def reading_time(self, info: Info) -> ReadingTime:
        return ReadingTime.from_words(
            self.localized.reading_words,
            self.localized.requested_locale,
            info.context.services.snapshot.messages,
        )

    @strawberry.field
    def seo(self) -> Seo:
        return Seo.from_domain(self.localized)
