"""The custom scalars, each with the specification of its text form (``@specifiedBy``).

Strawberry's own ``Date`` and ``DateTime`` name no specification, so tools that type
scalars by it (graphql-codegen, GraphiQL) could only call them ``unknown``. These are
the same ISO 8601 texts, with the specifications that describe exactly those texts.
"""

from __future__ import annotations

import datetime
from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

# RFC 3339 full-date (`2026-11-26`) and date-time with an offset (`...T20:05:07+00:00`).
DATE_SPECIFICATION = "https://scalars.graphql.org/andimarek/local-date.html"
DATE_TIME_SPECIFICATION = "https://scalars.graphql.org/andimarek/date-time.html"
# Any JSON value (RFC 8259), served as itself, not as a string holding it.
JSON_SPECIFICATION = "https://www.rfc-editor.org/rfc/rfc8259"


def _isoformat(value: datetime.date) -> str:
    return value.isoformat()


DATE = strawberry.scalar(
    name="Date",
    description="A calendar date, `YYYY-MM-DD` (RFC 3339 full-date).",
    specified_by_url=DATE_SPECIFICATION,
    serialize=_isoformat,
)
DATE_TIME = strawberry.scalar(
    name="DateTime",
    description="An instant with its UTC offset, RFC 3339 (`2026-11-26T14:30:00+00:00`).",
    specified_by_url=DATE_TIME_SPECIFICATION,
    serialize=_isoformat,
)


def _as_is(value: object) -> object:
    return value


# The Python type of a JSON field: resolvers return the value itself (dicts, lists, ...).
JsonValue = NewType("JsonValue", object)

JSON = strawberry.scalar(
    name="JSON",
    description="A JSON value (RFC 8259): an object, array, string, number, boolean or null.",
    specified_by_url=JSON_SPECIFICATION,
    serialize=_as_is,
    parse_value=_as_is,
)

# For StrawberryConfig(scalar_map=...): the Python types these scalars stand for.
SCALAR_MAP: dict[object, ScalarDefinition] = {
    datetime.date: DATE,
    datetime.datetime: DATE_TIME,
    JsonValue: JSON,
}
