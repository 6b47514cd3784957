"""Validating a parsed file against a pydantic model, with problems a person can act on."""

from __future__ import annotations

import difflib
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from api.files.problems import ContentProblem
from api.files.yamlfile import FieldPath, YamlDocument

# Lower-case ASCII words joined by single hyphens: safe in URLs and file names.
IDENTIFIER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Identifier = Annotated[str, StringConstraints(pattern=IDENTIFIER_PATTERN, max_length=100)]


class FileModel(BaseModel):
    """Unknown fields are errors: a typo such as ``titel`` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def validation_problems(
    document: YamlDocument, error: ValidationError, model: type[BaseModel]
) -> list[ContentProblem]:
    """Turn pydantic's errors into located problems a translator can act on."""
    problems = []
    for detail in error.errors(include_url=False):
        location: FieldPath = tuple(detail["loc"])
        kind = detail["type"]
        if kind == "missing":
            message = "required field is missing"
        elif kind == "extra_forbidden":
            message = f"unknown field {str(location[-1])!r}"
            close = difflib.get_close_matches(str(location[-1]), field_names(model), n=1)
            if close:
                message += f" (did you mean {close[0]!r}?)"
        elif kind == "string_pattern_mismatch":
            message = (
                f"{detail['input']!r} is not valid here: use lower-case letters, digits and "
                "single hyphens"
                if location[-1] != "source_digest"
                else f"{detail['input']!r} is not a digest (16 hexadecimal digits)"
            )
        else:
            message = detail["msg"].removeprefix("Value error, ")
            if "input" in detail:
                message += f" (found {_describe(detail['input'])})"
        problems.append(document.problem(location, message))
    return problems


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def field_names(model: type[BaseModel]) -> list[str]:
    """Every field name of a model and of the models nested in it ("did you mean")."""
    names: list[str] = []
    pending: list[type[BaseModel]] = [model]
    while pending:
        current = pending.pop()
        for name, info in current.model_fields.items():
            names.append(name)
            annotation = info.annotation
            for candidate in getattr(annotation, "__args__", (annotation,)):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    pending.append(candidate)
    return names
