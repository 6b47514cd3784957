"""What a reader is told about an item beside its text: its medical review, its reading time.

Embed pages, the widget (through the API) and API clients show the same sentences,
made here from the UI strings of the reader's locale.
"""

from __future__ import annotations

from api.content.model import Review
from api.content.ui_messages import MessageCatalogs
from api.content.words import reading_minutes
from api.locales.formatting import long_date


def review_notice(messages: MessageCatalogs, locale: str, review: Review) -> str:
    """``Validé sur le plan médical par … le 1er décembre 2026``, or that nobody has yet."""
    if review.reviewed is None or review.reviewer is None:
        return messages.text(locale, "article.not_reviewed")
    return messages.text(locale, "article.reviewed_by").format_map(
        {"reviewer": review.reviewer, "date": long_date(review.reviewed, locale)}
    )


def reading_time_notice(messages: MessageCatalogs, locale: str, words: int) -> str:
    """``3 minutes de lecture``, ``3 minute read``: for ``words`` read at the usual pace."""
    count = reading_minutes(words)
    text = messages.plural_text(locale, "article.reading_time", count)
    return text.format_map({"minutes": str(count)})
