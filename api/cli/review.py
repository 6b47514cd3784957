"""``content-api review status``: which texts' medical reviews are overdue or never done."""

from __future__ import annotations

import datetime
import json
import sys

import click

from api.cli.options import content_settings, load_or_exit, output_format
from api.content.review_cadence import ReviewState, TextReview, text_reviews, today_utc
from api.serving.services import review_cadence
from api.settings import Settings


@click.group()
def review() -> None:
    """The medical review cadence: each text's next review, and which are due."""


@review.command()
@content_settings()
@output_format
@click.option("--check", is_flag=True, help="Exit 1 if any text is overdue or never reviewed.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge what is due on this day (YYYY-MM-DD) [default: today, in UTC].",
)
def status(
    settings: Settings, output_format: str, check: bool, as_of: datetime.datetime | None
) -> None:
    """List every published text (item and locale) that is overdue or was never reviewed.

    A review covers one locale's text: each locale is listed on its own. Intervals are
    CONTENT_API_REVIEW_INTERVAL_ARTICLE_DAYS and ..._FAQ_DAYS, or an item's own
    review_interval_days.
    """
    snapshot = load_or_exit(settings)
    today = as_of.date() if as_of is not None else today_utc()
    reviews = list(text_reviews(snapshot, review_cadence(settings), today))
    due = [entry for entry in reviews if entry.state is not ReviewState.CURRENT]
    counts = {state.value: sum(entry.state is state for entry in reviews) for state in ReviewState}
    if output_format == "json":
        report = {
            "as_of": today.isoformat(),
            "counts": counts,
            "due": [_entry_json(entry) for entry in due],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print(due, counts, today)
    if check and due:
        sys.exit(1)


def _entry_json(entry: TextReview) -> dict[str, object]:
    return {
        "type": entry.item.type.value,
        "key": entry.item.key,
        "locale": entry.locale,
        "state": entry.state.value,
        "reviewed": entry.review.reviewed.isoformat() if entry.review.reviewed else None,
        "reviewer": entry.review.reviewer,
        "interval_days": entry.interval_days,
        "next_due": entry.next_due.isoformat() if entry.next_due else None,
    }


def _print(due: list[TextReview], counts: dict[str, int], today: datetime.date) -> None:
    click.echo(
        f"Medical reviews as of {today.isoformat()}: {counts['current']} current, "
        f"{counts['overdue']} overdue, {counts['never_reviewed']} never reviewed."
    )
    for entry in due:
        if entry.state is ReviewState.NEVER_REVIEWED:
            since = f"due since {entry.next_due.isoformat()}" if entry.next_due else "due"
            what = f"never reviewed ({since})"
        else:
            assert entry.next_due is not None and entry.review.reviewed is not None
            reviewer = entry.review.reviewer or "no one named"
            what = (
                f"overdue since {entry.next_due.isoformat()} (reviewed "
                f"{entry.review.reviewed.isoformat()} by {reviewer}, "
                f"every {entry.interval_days} days)"
            )
        click.echo(f"  {entry.item.type.value:<8} {entry.item.key:<28} {entry.locale:<6} {what}")
