"""Write translated text back into locale YAML files, changing nothing else in them.

Reading content is PyYAML's safe loader's job; writing is ruamel.yaml's round trip
(``api.files.roundtrip``), so a translator's file changes only where its text changed.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from api.content.fields import (
    REVIEW,
    SECTIONS,
    SLUG,
    SOURCE_DIGEST,
    ContentFields,
    FieldRole,
    TextField,
    TextFormat,
    section_field,
)
from api.content.model import ContentType, fields_of
from api.content.wrapping import wrapped
from api.files.roundtrip import round_trip_yaml

# New one-line prose longer than this is folded (>-) near it; titles and headings stay on
# their line, and existing values keep their own style and line breaks.
FOLD_WIDTH = 80
_ONE_LINE_ROLES = frozenset({FieldRole.HEADLINE, FieldRole.HEADING})
_LEADING_KEYS = (SLUG, SOURCE_DIGEST)


def render_text_file(
    existing: str | None,
    *,
    content_type: ContentType,
    section_ids: tuple[str, ...],
    slug: str,
    source_digest: str | None,
    fields: Mapping[str, str],
    keep_review: bool = True,
) -> str:
    """The locale file's new text: ``existing`` updated, or a new file in the usual layout.

    ``keep_review=False`` drops the file's medical review: it was of the old wording.
    """
    declared = fields_of(content_type)
    yaml = round_trip_yaml()
    document: CommentedMap = yaml.load(existing) if existing else CommentedMap()
    keys_before = set(document)
    if not keep_review:
        document.pop(REVIEW, None)
    _set(document, SLUG, slug)
    if source_digest is not None:
        _set(document, SOURCE_DIGEST, source_digest)
    else:
        document.pop(SOURCE_DIGEST, None)
    groups: dict[str, CommentedMap] = {}
    for field in declared.fields:
        if field.group is None:
            _set_or_remove(document, field, fields.get(field.name))
            continue
        group = groups.get(field.group)
        if group is None:
            group = groups[field.group] = document.get(field.group) or CommentedMap()
        _set_or_remove(group, field, fields.get(field.name))
    for name, group in groups.items():
        if group:
            document[name] = group
        else:
            document.pop(name, None)
    if declared.sections is not None:
        _update_sections(document, declared.sections.fields, section_ids, fields)
    _place_new_keys(document, [key for key in document if key not in keys_before], declared)
    output = io.StringIO()
    yaml.dump(document, output)
    return output.getvalue()


def _update_sections(
    document: CommentedMap,
    section_fields: tuple[TextField, ...],
    section_ids: tuple[str, ...],
    fields: Mapping[str, str],
) -> None:
    existing = {entry.get("id"): entry for entry in document.get(SECTIONS) or ()}
    sections = CommentedSeq()
    # The article's structure file decides the order; sections with no text are dropped.
    for section_id in section_ids:
        entry = existing.get(section_id) or CommentedMap(id=section_id)
        for field in section_fields:
            _set_or_remove(entry, field, fields.get(section_field(section_id, field.key)))
        if len(entry) > 1:
            sections.append(entry)
    if sections:
        document[SECTIONS] = sections
    else:
        document.pop(SECTIONS, None)


def _file_keys(declared: ContentFields) -> list[str]:
    """The top-level keys of a locale file, in the order a new file has them.

    The fields that come before the sections, then the groups (``seo``), then the
    sections and the fields after them: a short head a translator reads first, as the
    shipped files are laid out.
    """
    head: list[str] = []
    groups: list[str] = []
    tail: list[str] = []
    after_sections = False
    for entry in declared.entries:
        if not isinstance(entry, TextField):
            tail.append(SECTIONS)
            after_sections = True
        elif entry.group is not None:
            groups.append(entry.group)
        else:
            (tail if after_sections else head).append(entry.key)
    return list(dict.fromkeys((*_LEADING_KEYS, *head, *groups, *tail)))


def _place_new_keys(document: CommentedMap, new: list[str], declared: ContentFields) -> None:
    """Keys added to the file go where a translator expects them, not at the end.

    Each goes right after the last key already there that comes before it in a new
    file's order; the keys that were there stay where they were.
    """
    order = {key: rank for rank, key in enumerate(_file_keys(declared))}
    for key in sorted(new, key=lambda key: order.get(key, len(order))):
        value = document.pop(key)
        rank = order.get(key, len(order))
        position = 0
        for index, present in enumerate(document):
            if order.get(present, len(order)) < rank:
                position = index + 1
        document.insert(position, key, value)


def _set_or_remove(mapping: CommentedMap, field: TextField, value: str | None) -> None:
    if value is None:
        mapping.pop(field.key, None)
    else:
        _set(mapping, field.key, value, field)


def _set(mapping: CommentedMap, key: str, value: str, field: TextField | None = None) -> None:
    # An unchanged value keeps its exact style and line breaks.
    if mapping.get(key) == value:
        return
    mapping[key] = _styled(value, mapping.get(key), field)


def _styled(value: str, previous: Any, field: TextField | None) -> str:
    markdown = field is not None and field.format is TextFormat.MARKDOWN
    if markdown or "\n" in value or isinstance(previous, LiteralScalarString):
        # A block, its prose wrapped near FOLD_WIDTH: the PO file gives paragraphs on one
        # line, and a line break inside one is layout (a soft break, or a space).
        literal: str = LiteralScalarString(wrapped(value, FOLD_WIDTH, markdown=markdown))
        return literal
    long_prose = field is not None and field.role not in _ONE_LINE_ROLES and len(value) > FOLD_WIDTH
    if isinstance(previous, FoldedScalarString) or (previous is None and long_prose):
        return _folded(value)
    return value


def _folded(text: str) -> FoldedScalarString:
    """A ``>-`` value wrapped near FOLD_WIDTH, at single ordinary spaces only."""
    folded: FoldedScalarString = FoldedScalarString(text)
    positions: list[int] = []
    line_start = 0
    last_space: int | None = None
    for index, character in enumerate(text):
        if character != " ":
            continue
        # Folding at a double space would change the text when read back.
        single = text[index - 1 : index] != " " and text[index + 1 : index + 2] != " "
        if index - line_start > FOLD_WIDTH and last_space is not None:
            positions.append(last_space)
            line_start = last_space + 1
            last_space = None
        if single:
            last_space = index
    # ruamel's emitter breaks a folded scalar's lines at these offsets.
    setattr(folded, "fold_pos", positions)  # noqa: B010 (not in ruamel's type stubs)
    return folded
