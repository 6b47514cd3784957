"""Highlighted snippets: matches in ``<mark>``, every other character HTML-escaped.

Snippets are cut from the character offsets stored in the postings ("pinpoint"
highlighting), so the stored text is not analysed again at search time.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from whoosh.highlight import Formatter, Highlighter, PinpointFragmenter, get_text
from whoosh.searching import Hit

from api.search.schema import SOURCE_FIELDS, TextPart, text_field
from api.search.types import Snippet

BODY_FRAGMENTS = 2


class MarkFormatter(Formatter):  # type: ignore[misc]
    """Escapes text (content and query alike can hold ``<script>``) and marks matches."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text: str, token: object, replace: bool = False) -> str:
        return f"<mark>{html.escape(get_text(text, token, replace))}</mark>"


# Titles and headings are short: shown whole. Bodies: fragments around the matches.
_WHOLE = Highlighter(
    fragmenter=PinpointFragmenter(maxchars=100_000, surround=100_000), formatter=MarkFormatter()
)
_FRAGMENTS = Highlighter(
    fragmenter=PinpointFragmenter(maxchars=160, surround=60, autotrim=True),
    formatter=MarkFormatter(),
)


def hit_snippets(hit: Hit, languages: tuple[str, ...]) -> tuple[Snippet, ...]:
    """The hit's title or heading (always) and its body fragments (when they match)."""
    stored = hit.fields()
    source_fields: Mapping[str, str] = stored.get(SOURCE_FIELDS, {})
    matched_fields = {field for field, _ in hit.matched_terms()}
    snippets: list[Snippet] = []
    for part in TextPart:
        for language in languages:
            name = text_field(part, language)
            text = stored.get(name)
            if not text:
                continue
            matched = name in matched_fields
            if part is TextPart.BODY:
                if not matched:
                    continue
                marked = _FRAGMENTS.highlight_hit(hit, name, text=text, top=BODY_FRAGMENTS)
            else:
                marked = _WHOLE.highlight_hit(hit, name, text=text, top=1) if matched else ""
            field = source_fields.get(name, part.value)
            snippets.append(Snippet(field, marked or html.escape(text)))
    return tuple(snippets)
