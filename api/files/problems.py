"""Problems in the service's files: what is wrong, in which file, at which line, in which field.

Named after content, the files most of them are about; the partners file reports its
problems the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with the content, located as precisely as the file allows."""

    path: Path
    line: int | None
    column: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        location = str(self.path)
        if self.line is not None:
            location += f":{self.line}"
            if self.column is not None:
                location += f":{self.column}"
        field = f" [{self.field}]" if self.field else ""
        return f"{location}:{field} {self.message}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (str(self.path), self.line or 0, self.column or 0, self.field or "", self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class ContentError(Exception):
    """The content cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems: tuple[ContentProblem, ...] = tuple(
            sorted(problems, key=ContentProblem.sort_key)
        )
        count = len(self.problems)
        listing = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{count} content problem{'s' if count != 1 else ''}:\n{listing}")
