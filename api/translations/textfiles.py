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

from api.content.model import (
    ANSWER,
    CALL_TO_ACTION,
    QUESTION,
    SEO_DESCRIPTION,
    SEO_TITLE,
    SUMMARY,
    TITLE,
    ContentType,
    section_field,
)
from api.files.roundtrip import round_trip_yaml

# Where a new folded (>-) value wraps; existing values keep their own line breaks.
FOLD_WIDTH = 80
_LEADING_KEYS = ("slug", "source_digest")
_ARTICLE_KEYS = (TITLE, SUMMARY, "seo", "sections", CALL_TO_ACTION)
_FAQ_KEYS = (QUESTION, ANSWER, "seo")
_FOLDED_BY_DEFAULT = frozenset({SUMMARY, SEO_DESCRIPTION})


def render_text_file(
    existing: str | None,
    *,
    content_type: ContentType,
    section_ids: tuple[str, ...],
    slug: str,
    source_digest: str | None,
    fields: Mapping[str, str],
) -> str:
    """The locale file's new text: ``existing`` updated, or a new file in the usual layout."""
    yaml = round_trip_yaml()
    document: CommentedMap = yaml.load(existing) if existing else CommentedMap()
    _set(document, "slug", slug, None)
    if source_digest is not None:
        _set(document, "source_digest", source_digest, None)
    else:
        document.pop("source_digest", None)
    scalar_fields = (
        (TITLE, SUMMARY, CALL_TO_ACTION)
        if content_type is ContentType.ARTICLE
        else (QUESTION, ANSWER)
    )
    for name in scalar_fields:
        _set_or_remove(document, name, fields.get(name), name)
    seo = document.get("seo") or CommentedMap()
    _set_or_remove(seo, "title", fields.get(SEO_TITLE), SEO_TITLE)
    _set_or_remove(seo, "description", fields.get(SEO_DESCRIPTION), SEO_DESCRIPTION)
    if seo:
        document["seo"] = seo
    else:
        document.pop("seo", None)
    if content_type is ContentType.ARTICLE:
        _update_sections(document, section_ids, fields)
    _order_new_keys(document, content_type)
    output = io.StringIO()
    yaml.dump(document, output)
    return output.getvalue()


def _update_sections(
    document: CommentedMap, section_ids: tuple[str, ...], fields: Mapping[str, str]
) -> None:
    existing = {entry.get("id"): entry for entry in document.get("sections") or ()}
    sections = CommentedSeq()
    # The article's structure file decides the order; sections with no text are dropped.
    for section_id in section_ids:
        entry = existing.get(section_id) or CommentedMap(id=section_id)
        for part in ("heading", "body"):
            name = section_field(section_id, part)
            _set_or_remove(entry, part, fields.get(name), name)
        if len(entry) > 1:
            sections.append(entry)
    if sections:
        document["sections"] = sections
    else:
        document.pop("sections", None)


def _order_new_keys(document: CommentedMap, content_type: ContentType) -> None:
    """Keys added to the file go where a translator expects them, not at the end."""
    body_keys = _ARTICLE_KEYS if content_type is ContentType.ARTICLE else _FAQ_KEYS
    order = {key: index for index, key in enumerate((*_LEADING_KEYS, *body_keys))}
    keys = list(document)
    wanted = sorted(keys, key=lambda key: order.get(key, len(order)))
    if keys != wanted:
        for position, key in enumerate(wanted):
            value = document.pop(key)
            document.insert(position, key, value)


def _set_or_remove(mapping: CommentedMap, key: str, value: str | None, field: str) -> None:
    if value is None:
        mapping.pop(key, None)
    else:
        _set(mapping, key, value, field)


def _set(mapping: CommentedMap, key: str, value: str, field: str | None) -> None:
    # An unchanged value keeps its exact style and line breaks.
    if mapping.get(key) == value:
        return
    mapping[key] = _styled(value, mapping.get(key), field)


def _styled(value: str, previous: Any, field: str | None) -> str:
    if "\n" in value:
        literal: str = LiteralScalarString(value)
        return literal
    if isinstance(previous, FoldedScalarString) or (
        previous is None and field in _FOLDED_BY_DEFAULT
    ):
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
