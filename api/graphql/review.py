"""The medical review of an item: when, and by whom; both empty until a clinician signs off."""

from __future__ import annotations

import strawberry

from api.content.model import Review
from api.graphql.dates import LocalizedDate


@strawberry.type(description="Medical review; empty until a clinician has reviewed the item.")
class MedicalReview:
    is_reviewed: bool
    reviewed: LocalizedDate | None
    reviewer: str | None

    @classmethod
    def from_domain(cls, review: Review, locale: str) -> MedicalReview:
        return cls(
            is_reviewed=review.reviewed is not None,
            reviewed=LocalizedDate.from_domain(review.reviewed, locale),
            reviewer=review.reviewer,
        )
