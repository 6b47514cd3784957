"""The medical review of the text a reader gets: when, by whom, of which language, and
when it falls due again."""

from __future__ import annotations

import strawberry

from api.content.localized import LocalizedItem
from api.content.notices import review_notice
from api.content.review_cadence import ReviewCadence, today_utc
from api.content.ui_messages import MessageCatalogs
from api.graphql.dates import LocalizedDate
from api.graphql.fields import described


@strawberry.type(
    description=(
        "Medical review of the item's text in one locale; empty until a clinician has "
        "reviewed that text. A review of the English text does not cover the French one."
    )
)
class MedicalReview:
    localized: strawberry.Private[LocalizedItem]
    cadence: strawberry.Private[ReviewCadence]
    is_reviewed: bool
    locale: str = strawberry.field(
        description="The locale of the text reviewed: the requested one, or its fallback."
    )
    reviewed: LocalizedDate | None
    reviewer: str | None
    notice: str = strawberry.field(
        description="What a reader is shown, in the response locale: who reviewed the text "
        "and when, or that it has not been reviewed yet."
    )
    interval_days: int = strawberry.field(
        description="Days between reviews of this text: its item's, or its type's setting."
    )
    next_due: LocalizedDate | None = strawberry.field(
        description="When the text's review falls due: its last review plus the interval, "
        "or, never reviewed, the day the item was published."
    )

    @described(
        "Whether the review is due (`nextDue` is today or earlier, in UTC), or the text was "
        "never reviewed.",
        # It changes with the date, not only with the content.
        cacheable=False,
    )
    def is_overdue(self) -> bool:
        return self.cadence.is_overdue(self.localized.item, self.localized.review, today_utc())

    @classmethod
    def from_domain(
        cls, localized: LocalizedItem, messages: MessageCatalogs, cadence: ReviewCadence
    ) -> MedicalReview:
        review, locale = localized.review, localized.requested_locale
        return cls(
            localized=localized,
            cadence=cadence,
            is_reviewed=review.reviewed is not None,
            locale=localized.review_locale,
            reviewed=LocalizedDate.from_domain(review.reviewed, locale),
            reviewer=review.reviewer,
            notice=review_notice(messages, locale, review),
            interval_days=cadence.interval_of(localized.item),
            next_due=LocalizedDate.from_domain(cadence.next_due(localized.item, review), locale),
        )
