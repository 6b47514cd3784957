"""GraphQL fields made from the declaration of translatable fields (``api/content/fields.py``).

Each declared field becomes a field of its GraphQL type, named after it (``call_to_action``
is ``callToAction``): plain text a ``String``, Markdown a ``Body``, non-null when the
source locale must give it; an article's sections a ``[Section!]!``. Fields in a
group (``seo``) are the fields of that group's own type. A new field in the
declaration is in the schema with nothing written here.

The values are plain attributes, filled in by ``declared_values`` when an object is
built: GraphQL then reads them as it reads any attribute, with no resolver to call.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from api.content.fields import SECTIONS, ContentFields, SectionFields, TextField, TextFormat
from api.content.translation import ResolvedText
from api.graphql.body import Body

T = TypeVar("T")
# Reads a declared field's value from the domain object a GraphQL object is built from.
TextReader = Callable[[Any, TextField], ResolvedText | None]
# The GraphQL objects of an article's sections, from the same domain object.
SectionsReader = Callable[[Any], list[Any]]

_DECLARED = "__declared_fields__"


@dataclass(frozen=True)
class _Declared:
    entries: tuple[TextField | SectionFields, ...]
    read: TextReader
    sections: SectionsReader | None


def ungrouped(declared: ContentFields) -> tuple[TextField | SectionFields, ...]:
    """An item type's own fields: those outside groups, and its sections."""
    return tuple(
        entry for entry in declared.entries if isinstance(entry, SectionFields) or not entry.group
    )


def declared_fields(
    entries: Iterable[TextField | SectionFields],
    read: TextReader,
    *,
    sections: tuple[type, SectionsReader] | None = None,
) -> Callable[[type[T]], type[T]]:
    """A class decorator, under ``@strawberry.type``: one field per declared entry.

    They come after the class's own annotated fields and before its resolver methods,
    in the declaration's order. ``sections`` is the section type and how to read the
    sections, for a type whose declaration has them.
    """
    declared = tuple(entries)

    def add_fields(cls: type[T]) -> type[T]:
        # The class's own annotations only: a base class's must not be touched.
        annotations = dict(inspect.get_annotations(cls))
        for entry in declared:
            if isinstance(entry, TextField):
                annotations[entry.key] = _graphql_type(entry)
            elif sections is not None:
                annotations[SECTIONS] = list[sections[0]]  # type: ignore[valid-type]
            else:
                raise TypeError(f"{cls.__name__} has sections but no section type")
        cls.__annotations__ = annotations
        # Not annotated: no GraphQL field, and not a dataclass field either.
        setattr(cls, _DECLARED, _Declared(declared, read, sections[1] if sections else None))
        return cls

    return add_fields


def declared_values(graphql_type: type, source: Any) -> dict[str, Any]:
    """The values of a type's declared fields, read from ``source``: keyword arguments for
    the type's constructor."""
    declared: _Declared = getattr(graphql_type, _DECLARED)
    values: dict[str, Any] = {}
    for entry in declared.entries:
        if isinstance(entry, SectionFields):
            assert declared.sections is not None  # checked by declared_fields
            values[SECTIONS] = declared.sections(source)
            continue
        text = declared.read(source, entry)
        if text is None:
            values[entry.key] = None
        elif entry.format is TextFormat.MARKDOWN:
            values[entry.key] = Body(markdown=text.value, locale=text.locale)
        else:
            values[entry.key] = text.value
    return values


def _graphql_type(field: TextField) -> Any:
    value_type: Any = Body if field.format is TextFormat.MARKDOWN else str
    return value_type if field.required else value_type | None
