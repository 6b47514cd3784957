"""Text as a translator sees it, without the line wrapping of the YAML files, and back.

Locale files wrap long paragraphs so that diffs stay readable; those line breaks are
layout, not text (a soft break in Markdown, a space in plain text). Translation tools
match sentences against their memory, so a PO file gives each paragraph on one line
(``unwrapped``); what an import writes back is wrapped again (``wrapped``). Only
prose paragraphs are joined or wrapped: a Markdown list, heading, quote, table or
code block keeps its lines, since there a line break is structure.
"""

from __future__ import annotations

import re
import textwrap

from api.content.digest import normalized_text

# What starts a Markdown line that is structure, not a wrapped sentence: a heading, a
# quote, a list item, a fence, a table row, an indented code line, a thematic break.
_STRUCTURE = re.compile(r"^(?: {0,3}(?:#|>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|```|~~~|\|)| {4}|\t)")
# A line ending in two spaces or a backslash is a hard line break, kept as it is.
_HARD_BREAK = re.compile(r"(?: {2}|\\)$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def unwrapped(value: str, *, markdown: bool) -> str:
    """Each prose paragraph on one line; paragraphs apart by a blank line; no trailing break."""
    return "\n\n".join(
        normalized_text(block) if not markdown or _is_prose(block) else block
        for block in _blocks(value)
    )


def wrapped(value: str, width: int, *, markdown: bool) -> str:
    """Prose paragraphs wrapped at ``width`` (at ordinary spaces only), ending in a newline."""

    def wrap(block: str) -> str:
        if markdown and not _is_prose(block):
            return block
        # normalized_text joins the old lines; textwrap breaks at ASCII spaces only, so a
        # no-break space never becomes a line break.
        lines = textwrap.wrap(
            normalized_text(block), width, break_long_words=False, break_on_hyphens=False
        )
        return "\n".join(lines)

    return "\n\n".join(wrap(block) for block in _blocks(value)) + "\n"


def _blocks(value: str) -> list[str]:
    blocks = (block.rstrip() for block in _BLANK_LINES.split(value.strip("\n")))
    return [block for block in blocks if block.strip()]


def _is_prose(block: str) -> bool:
    lines = block.splitlines()
    return not any(_STRUCTURE.match(line) or _HARD_BREAK.search(line) for line in lines) and not (
        len(lines) > 1 and re.fullmatch(r" {0,3}(?:=+|-+)\s*", lines[-1])
    )
