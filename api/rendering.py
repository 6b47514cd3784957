"""Markdown bodies rendered for clients: sanitized HTML, plain text, and reading time."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

# Raw HTML off: content validation already refuses it, and this makes sure it never renders.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})

# What Markdown can produce, and nothing else; nh3 drops everything outside it.
_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Adult silent reading of non-fiction runs at 200-250 words a minute in English and French;
# the lower figure suits health content read with care.
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")  # l'hôpital, l\u2019hôpital: one word

# Content is immutable while served, so each body is rendered once per process.
_CACHE_SIZE = 4096


@lru_cache(maxsize=_CACHE_SIZE)
def markdown_to_html(markdown: str) -> str:
    """Sanitized HTML: links get ``rel="noopener noreferrer"``, unknown tags are removed."""
    return nh3.clean(
        _MARKDOWN.render(markdown),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@lru_cache(maxsize=_CACHE_SIZE)
def markdown_to_text(markdown: str) -> str:
    """The words without the markup: inline text joined, blocks separated by a blank line."""
    blocks: list[str] = []
    for token in _MARKDOWN.parse(markdown):
        if token.type == "inline" and token.children is not None:
            parts = [
                "\n" if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children
                if child.type in ("text", "code_inline", "softbreak", "hardbreak", "image")
            ]
            blocks.append("".join(parts).strip())
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block)


@lru_cache(maxsize=_CACHE_SIZE)
def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def reading_minutes(words: int) -> int:
    """Whole minutes, at least one: "0 min read" tells a reader nothing."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
