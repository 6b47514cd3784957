"""Estimated reading time of an item's text."""

from __future__ import annotations

import strawberry

from api.content.notices import reading_time_notice
from api.content.ui_messages import MessageCatalogs
from api.content.words import reading_minutes
from api.locales.formatting import minutes


@strawberry.type(description="Estimated reading time, at 200 words a minute.")
class ReadingTime:
    minutes: int
    words: int
    label: str = strawberry.field(description="`4 minutes`, in the response locale.")
    text: str = strawberry.field(
        description="What a reader is shown: `4 minutes de lecture`, `4 minute read` "
        "(the `article.reading_time` UI string)."
    )

    @classmethod
    def from_words(cls, words: int, locale: str, messages: MessageCatalogs) -> ReadingTime:
        count = reading_minutes(words)
        return cls(
            minutes=count,
            words=words,
            label=minutes(count, locale),
            text=reading_time_notice(messages, locale, words),
        )
