"""Public error codes: one registry, every code documented, one body shape on every route."""

from __future__ import annotations

import re

import pytest

from api.errors import ErrorCode
from tests.api.conftest import ApiClient
from tests.conftest import PROJECT_ROOT


def documented_codes() -> set[str]:
    """The codes in the first column of docs/hardening.md's table of codes."""
    hardening = (PROJECT_ROOT / "docs" / "hardening.md").read_text(encoding="utf-8")
    table = hardening.split("## Error bodies and codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \|", table, re.MULTILINE)
    return {code for row in rows for code in re.findall(r"`([A-Z_]+)`", row)}


def test_every_code_is_documented_and_every_documented_code_exists() -> None:
    assert documented_codes() == {code.value for code in ErrorCode}


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/no-such-page", 404, "NOT_FOUND"),
        ("POST", "/healthz", 405, "METHOD_NOT_ALLOWED"),
        ("GET", "/oembed", 400, "BAD_REQUEST"),
    ],
)
def test_routes_other_than_graphql_answer_errors_in_the_same_shape(
    client: ApiClient, method: str, path: str, status: int, code: str
) -> None:
    response = client.request(method, path)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": code}
    assert error["message"]
