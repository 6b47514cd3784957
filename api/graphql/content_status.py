"""The state of the content being served, for operators and translators' tools."""

from __future__ import annotations

import datetime

import strawberry

from api.content import ContentProblem
from api.serving import ContentStatus as DomainContentStatus


@strawberry.type(description="One problem in a content file: where it is and what is wrong.")
class ContentProblemInfo:
    file: str
    line: int | None
    column: int | None
    field: str | None
    message: str

    @classmethod
    def from_domain(cls, problem: ContentProblem) -> ContentProblemInfo:
        return cls(
            file=problem.path.as_posix(),
            line=problem.line,
            column=problem.column,
            field=problem.field,
            message=problem.message,
        )


@strawberry.type(
    description=(
        "The content version served and when it was loaded. `problems` lists what is wrong "
        "with the files on disk: until they are fixed, the last good version keeps serving."
    )
)
class ContentStatus:
    version: str
    loaded_at: datetime.datetime
    checked_at: datetime.datetime
    problems: list[ContentProblemInfo] | None = strawberry.field(
        description=(
            "Only for the operator (`Authorization: Bearer` with the operator token): "
            "they name files and quote values. Null for everyone else."
        )
    )

    @classmethod
    def from_domain(cls, status: DomainContentStatus, *, for_operator: bool) -> ContentStatus:
        return cls(
            version=status.version,
            loaded_at=status.loaded_at,
            checked_at=status.checked_at,
            problems=(
                [ContentProblemInfo.from_domain(problem) for problem in status.problems]
                if for_operator
                else None
            ),
        )
