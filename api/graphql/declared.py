"""GraphQL fields made from the declaration of translatable fields (``api/content/fields.py``).

Each declared field becomes a field of its GraphQL type, named after it (``call_to_action``
is ``callToAction``): plain text a ``String``, Markdown a ``Body``, non-null when the
source locale must give it; an article's sections a ``[Section!]!``. Fields in a
group (``seo``) are the fields of that group's own type. A new field in the
declaration is in the schema with nothing written here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import strawberry

from api.content.fields import SECTIONS, ContentFields, SectionFields, TextField, TextFormat
from api.content.translation import ResolvedText
from api.graphql.body import Body

T = TypeVar("T")
# Reads a declared field's value from the object a GraphQL type is resolved on.
TextReader = Callable[[Any, TextField], ResolvedText | None]
# The GraphQL objects of an article's sections.
SectionsReader = Callable[[Any], list[Any]]


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

    def add_fields(cls: type[T]) -> type[T]:
        # The class's own annotations only: a base class's must not be touched.
        annotations = dict(inspect.get_annotations(cls))
        for entry in entries:
            if isinstance(entry, SectionFields):
                if sections is None:
                    raise TypeError(f"{cls.__name__} has sections but no section type")
                name, field, graphql_type = SECTIONS, *_sections_field(*sections)
            else:
                name, field, graphql_type = entry.key, *_text_field(entry, read)
            setattr(cls, name, field)
            annotations[name] = graphql_type
        cls.__annotations__ = annotations
        return cls

    return add_fields


def _text_field(declared: TextField, read: TextReader) -> tuple[Any, Any]:
    graphql_type: Any
    resolve: Callable[[Any], Any]
    if declared.format is TextFormat.MARKDOWN:
        graphql_type = Body

        def resolve(root: Any) -> Body | None:
            text = read(root, declared)
            return None if text is None else Body(markdown=text.value, locale=text.locale)
    else:
        graphql_type = str

        def resolve(root: Any) -> str | None:
            text = read(root, declared)
            return None if text is None else text.value

    if not declared.required:
        graphql_type = graphql_type | None
    field = strawberry.field(
        resolver=resolve, graphql_type=graphql_type, description=declared.description
    )
    return field, graphql_type


def _sections_field(section_type: type, read: SectionsReader) -> tuple[Any, Any]:
    def resolve(root: Any) -> list[Any]:
        return read(root)

    graphql_type = list[section_type]  # type: ignore[valid-type]
    return strawberry.field(resolver=resolve, graphql_type=graphql_type), graphql_type
