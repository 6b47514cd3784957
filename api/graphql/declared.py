"""GraphQL fields made from the declaration of translatable fields (``api/content/fields.py``).

Each declared field becomes a field of its GraphQL type, named after it (``call_to_action``
is ``callToAction``) and described by its ``description``: plain text a ``String``,
Markdown a ``Body``, non-null when the source locale must give it; an article's
sections a ``[Section!]!``. The ``seo`` group's fields are the fields of ``Seo``. A
new field in the declaration is in the schema with nothing written here.

The values are plain attributes, filled in by ``declared_values`` when an object is
built: GraphQL then reads them as it reads any attribute, with no resolver to call.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import strawberry

from api.content.fields import (
    SECTIONS,
    SEO_GROUP,
    ContentFields,
    SectionFields,
    TextField,
    TextFormat,
)
from api.content.translation import ResolvedText
from api.graphql.body import Body

T = TypeVar("T")
# The GraphQL objects of an article's sections, from the domain object.
SectionsReader = Callable[[Any], list[Any]]

_DECLARED = "__declared_fields__"


class TextSource(Protocol):
    """What a GraphQL object's declared fields are read from: a localized item or section."""

    def text(self, field: TextField) -> ResolvedText | None: ...


@dataclass(frozen=True)
class _Declared:
    entries: tuple[TextField | SectionFields, ...]
    sections: SectionsReader | None


def ungrouped(declared: ContentFields) -> tuple[TextField | SectionFields, ...]:
    """An item type's own fields: those outside groups, and its sections.

    The ``seo`` group is served by ``Seo``; a field of any other group would be left out
    of the schema without a type of its own, so it is refused here instead.
    """
    groups = {field.group for field in declared.fields if field.group}
    if groups - {SEO_GROUP}:
        raise TypeError(
            f"no GraphQL type for the field group(s) {sorted(groups - {SEO_GROUP})}: "
            "add one, as api/graphql/seo.py does for seo"
        )
    return tuple(
        entry for entry in declared.entries if isinstance(entry, SectionFields) or not entry.group
    )


def declared_fields(
    entries: Iterable[TextField | SectionFields],
    *,
    sections: tuple[type, SectionsReader] | None = None,
) -> Callable[[type[T]], type[T]]:
    """A class decorator, under ``@strawberry.type``: one field per declared entry.

    They come after the class's own annotated fields and before its resolver methods,
    in the declaration's order. ``sections`` is the section type and how to make its
    objects, for a type whose declaration has sections.
    """
    declared = tuple(entries)

    def add_fields(cls: type[T]) -> type[T]:
        # The class's own annotations only: a base class's must not be touched.
        annotations = dict(inspect.get_annotations(cls))
        for entry in declared:
            if isinstance(entry, SectionFields):
                if sections is None:
                    raise TypeError(f"{cls.__name__} has sections but no section type")
                annotations[SECTIONS] = list[sections[0]]  # type: ignore[valid-type]
                continue
            annotations[entry.key] = _graphql_type(entry)
            if entry.description is not None:
                setattr(cls, entry.key, strawberry.field(description=entry.description))
        cls.__annotations__ = annotations
        # Not annotated: no GraphQL field, and not a dataclass field either.
        setattr(cls, _DECLARED, _Declared(declared, sections[1] if sections else None))
        return cls

    return add_fields


def declared_values(graphql_type: type, source: TextSource) -> dict[str, Any]:
    """The values of a type's declared fields, read from ``source``: keyword arguments for
    the type's constructor."""
    declared: _Declared = getattr(graphql_type, _DECLARED)
    values: dict[str, Any] = {}
    for entry in declared.entries:
        if isinstance(entry, SectionFields):
            assert declared.sections is not None  # checked by declared_fields
            values[SECTIONS] = declared.sections(source)
            continue
        text = source.text(entry)
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
