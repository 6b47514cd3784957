"""Markdown bodies: one parser for what they may contain, their safe HTML and their words.

Every reader of a body goes through here: validation (no raw HTML, no script links),
the HTML clients and embed pages show, and the plain text that search indexes and
reading time counts, so that they all see the same body.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

# Relative links ("") and these schemes; anything else (javascript:, data:) is refused.
ALLOWED_LINK_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})

# What Markdown can produce, and nothing else; nh3 drops everything outside it.
_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_ALLOWED_URL_SCHEMES = set(ALLOWED_LINK_SCHEMES - {""})
# Inline tokens whose content is text a reader reads (an image's is its alt text).
_TEXT_TOKENS = frozenset({"text", "code_inline", "softbreak", "hardbreak", "image"})
# A soft break is where the source wrapped its lines: a space, as a browser shows it. A
# hard break is one the writer asked for.
_INLINE_TEXT = {"softbreak": " ", "hardbreak": "\n"}

# Content is immutable while served, so each body is rendered once per process.
_CACHE_SIZE = 4096


def _escaped_html(_renderer: Any, tokens: Sequence[Token], index: int, *_: Any) -> str:
    # Raw HTML is parsed (so that validation can refuse it), never passed through.
    return escapeHtml(tokens[index].content)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark")  # HTML recognised as such: see _escaped_html
    parser.add_render_rule("html_block", _escaped_html)
    parser.add_render_rule("html_inline", _escaped_html)
    return parser


_PARSER = _parser()


def _checking_parser() -> MarkdownIt:
    # markdown-it silently leaves ``[x](javascript:...)`` (and data:, vbscript:, file:) as
    # text rather than a link; validation must see such links to refuse them.
    parser = _parser()
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_CHECKING_PARSER = _checking_parser()


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def markdown_problems(text: str) -> list[str]:
    """Why ``text`` is not acceptable as a body, one message per offending construct."""
    problems: list[str] = []
    html: list[str] = []
    for token in _walk(_CHECKING_PARSER.parse(text)):
        if token.type in ("html_block", "html_inline"):
            html.append(repr(token.content.strip().splitlines()[0][:60]))
        elif token.type in ("link_open", "image"):
            target = str(token.attrGet("href") or token.attrGet("src") or "")
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_LINK_SCHEMES:
                problems.append(f"links may not use the {scheme!r} scheme (found {target[:60]!r})")
    if html:
        # One message for all the tags, so "<b>x</b>" is one problem, not two.
        problems.insert(0, f"raw HTML is not allowed in Markdown (found {', '.join(html)})")
    return problems


@lru_cache(maxsize=_CACHE_SIZE)
def markdown_to_html(markdown: str) -> str:
    """Sanitized HTML: links get ``rel="noopener noreferrer"``, unknown tags are removed."""
    return nh3.clean(
        _PARSER.render(markdown),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@lru_cache(maxsize=_CACHE_SIZE)
def markdown_to_text(markdown: str) -> str:
    """The words without the markup: inline text joined, blocks separated by a blank line."""
    blocks: list[str] = []
    for token in _PARSER.parse(markdown):
        if token.type == "inline" and token.children is not None:
            parts = [
                _INLINE_TEXT.get(child.type, child.content)
                for child in token.children
                if child.type in _TEXT_TOKENS
            ]
            blocks.append("".join(parts).strip())
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block)
