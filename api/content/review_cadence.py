"""When each text's medical review falls due again, and which are overdue.

A review covers one locale's text (api/content/model.py, ``LocalizedText.review``), so
cadence is per item and locale. Each content type has an interval (the settings
``CONTENT_API_REVIEW_INTERVAL_ARTICLE_DAYS`` and ``..._FAQ_DAYS``); an item's structure
file may give its own (``review_interval_days``). A text is due again that many days
after its last review; a text never reviewed was due the day its item was published:
it is reported as never reviewed, and counts as overdue.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from api.content.model import ContentType, Item, Review, Status
from api.content.snapshot import ContentSnapshot


class ReviewState(StrEnum):
    CURRENT = "current"
    OVERDUE = "overdue"
    NEVER_REVIEWED = "never_reviewed"


@dataclass(frozen=True)
class ReviewCadence:
    """The review interval of each content type, in days."""

    interval_days: Mapping[ContentType, int]

    def interval_of(self, item: Item) -> int:
        return item.review_interval_days or self.interval_days[item.type]

    def next_due(self, item: Item, review: Review) -> datetime.date | None:
        """The day the text's review falls due: None for an unpublished item never reviewed."""
        if review.reviewed is not None:
            return review.reviewed + datetime.timedelta(days=self.interval_of(item))
        return item.published

    def state(self, item: Item, review: Review, today: datetime.date) -> ReviewState:
        if review.reviewed is None:
            return ReviewState.NEVER_REVIEWED
        due = self.next_due(item, review)
        return ReviewState.OVERDUE if due is not None and due <= today else ReviewState.CURRENT

    def is_overdue(self, item: Item, review: Review, today: datetime.date) -> bool:
        return self.state(item, review, today) is not ReviewState.CURRENT


@dataclass(frozen=True)
class TextReview:
    """The review of one published item's text in one locale, and where it stands."""

    item: Item
    locale: str
    review: Review
    interval_days: int
    next_due: datetime.date | None
    state: ReviewState


def text_reviews(
    snapshot: ContentSnapshot, cadence: ReviewCadence, today: datetime.date
) -> Iterator[TextReview]:
    """Every published item's text in every enabled locale it has one, in content order."""
    for item in snapshot.items():
        if item.status is not Status.PUBLISHED:
            continue
        for locale in snapshot.locales.enabled:
            text = item.texts.get(locale)
            if text is None:
                continue  # served by fallback: the review shown is the fallback text's
            yield TextReview(
                item=item,
                locale=locale,
                review=text.review,
                interval_days=cadence.interval_of(item),
                next_due=cadence.next_due(item, text.review),
                state=cadence.state(item, text.review, today),
            )


def today_utc() -> datetime.date:
    """Today's date, as the service tells days: in UTC, whatever the machine's zone."""
    return datetime.datetime.now(datetime.UTC).date()
