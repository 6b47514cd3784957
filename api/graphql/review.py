"""The medical review of the text a reader gets: when, by whom, and of which language."""

from __future__ import annotations

import strawberry

from api.content.localized import LocalizedItem
from api.content.notices import review_notice
from api.content.ui_messages import MessageCatalogs
from api.graphql.dates import LocalizedDate


@strawberry.type(
    description=(
        "Medical review of the item's text in one locale; empty until a clinician has "
        "reviewed that text. A review of the English text does not cover the French one."
    )
)
class MedicalReview:
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

    @classmethod
    def from_domain(cls, localized: LocalizedItem, messages: MessageCatalogs) -> MedicalReview:
        review, locale = localized.review, localized.requested_locale
        return cls(
            is_reviewed=review.reviewed is not None,
            locale=localized.review_locale,
            reviewed=LocalizedDate.from_domain(review.reviewed, locale),
            reviewer=review.reviewer,
            notice=review_notice(messages, locale, review),
        )
