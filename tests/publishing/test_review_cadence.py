"""Review cadence: each text's next review, the command that lists what is due, the API."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from api.cli import main
from tests.api.conftest import MakeClient
from tests.conftest import PROJECT_ROOT, ContentTree

REVIEWED_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
REVIEW_QUERY = """query($l: String) {
  faq(key: "side-effects", locale: $l) {
    review { locale reviewed { iso } reviewer intervalDays nextDue { iso } isOverdue }
  }
}"""


def review_status(root: object, *arguments: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        main, ["review", "status", "--root", str(root), *arguments], env=env or {}
    )


def record_review(tree: ContentTree, day: str) -> None:
    tree.replace(
        REVIEWED_FAQ,
        "source_digest:",
        f"review:\n  reviewed: {day}\n  reviewer: Dre Claire Tremblay, psychiatre\nsource_digest:",
    )


def test_the_shipped_texts_are_all_never_reviewed() -> None:
    result = review_status(PROJECT_ROOT, "--format", "json", "--as-of", "2026-12-04")
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.output)

    assert report["counts"] == {"current": 0, "overdue": 0, "never_reviewed": 12}
    due = {(entry["type"], entry["key"], entry["locale"]) for entry in report["due"]}
    assert ("article", "ketamine-trd", "en-CA") in due
    assert ("article", "ketamine-trd", "fr-CA") in due
    assert len({key for _, key, _ in due}) == 6
    assert all(entry["next_due"] == "2026-12-01" for entry in report["due"])
    assert all(entry["reviewed"] is None and entry["reviewer"] is None for entry in report["due"])


def test_check_exits_1_while_anything_is_due_and_names_it() -> None:
    result = review_status(PROJECT_ROOT, "--check", "--as-of", "2026-12-04")
    assert result.exit_code == 1
    assert "0 current, 0 overdue, 12 never reviewed" in result.output
    assert (
        "ketamine-trd" in result.output and "never reviewed (due since 2026-12-01)" in result.output
    )


def test_a_review_is_current_for_its_interval_then_overdue(content_tree: ContentTree) -> None:
    record_review(content_tree, "2026-12-02")

    def state_on(day: str, **env: str) -> dict[str, Any]:
        result = review_status(content_tree.root, "--format", "json", "--as-of", day, env=env)
        report: dict[str, Any] = json.loads(result.output)
        return report

    soon = state_on("2027-12-01")
    assert soon["counts"] == {"current": 1, "overdue": 0, "never_reviewed": 11}
    assert all(
        entry["key"] != "side-effects" or entry["locale"] != "fr-CA" for entry in soon["due"]
    )
    late = state_on("2027-12-02")
    (overdue,) = [entry for entry in late["due"] if entry["state"] == "overdue"]
    assert overdue == {
        "type": "faq",
        "key": "side-effects",
        "locale": "fr-CA",
        "state": "overdue",
        "reviewed": "2026-12-02",
        "reviewer": "Dre Claire Tremblay, psychiatre",
        "interval_days": 365,
        "next_due": "2027-12-02",
    }
    # The type's interval is a setting; an item may set its own.
    shorter = state_on("2027-01-15", CONTENT_API_REVIEW_INTERVAL_FAQ_DAYS="30")
    assert shorter["counts"]["overdue"] == 1
    content_tree.replace(
        "content/faqs/side-effects.yaml", "order: 3", "order: 3\nreview_interval_days: 60"
    )
    own = state_on("2027-01-15", CONTENT_API_REVIEW_INTERVAL_FAQ_DAYS="30")
    assert own["counts"]["overdue"] == 0


def test_a_bad_interval_is_a_usage_error_naming_it() -> None:
    result = review_status(PROJECT_ROOT, env={"CONTENT_API_REVIEW_INTERVAL_FAQ_DAYS": "0"})
    assert result.exit_code == 2
    assert "CONTENT_API_REVIEW_INTERVAL_FAQ_DAYS" in result.output


def test_the_api_gives_each_locale_its_own_review_and_due_date(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    record_review(content_tree, "2026-12-02")
    client = make_client(content_tree, review_interval_faq_days=400)
    french = client.data(REVIEW_QUERY, {"l": "fr-CA"})["faq"]["review"]
    english = client.data(REVIEW_QUERY, {"l": "en-CA"})["faq"]["review"]

    assert french == {
        "locale": "fr-CA",
        "reviewed": {"iso": "2026-12-02"},
        "reviewer": "Dre Claire Tremblay, psychiatre",
        "intervalDays": 400,
        "nextDue": {"iso": "2028-01-06"},
        "isOverdue": False,
    }
    assert english["reviewed"] is None and english["nextDue"] == {"iso": "2026-12-01"}
    assert english["isOverdue"] is True


@pytest.mark.parametrize("locale", ["en-CA", "fr-CA"])
def test_a_real_server_reports_never_reviewed_texts_as_overdue_and_uncached(
    served_url: str, locale: str
) -> None:
    response = httpx.get(
        f"{served_url}/graphql",
        params={"query": REVIEW_QUERY, "variables": json.dumps({"l": locale})},
    )
    review = response.json()["data"]["faq"]["review"]
    assert review["isOverdue"] is True and review["nextDue"] == {"iso": "2026-12-01"}
    # isOverdue changes with the date, not the content: no cache may keep it.
    assert response.headers["cache-control"] == "no-store"
