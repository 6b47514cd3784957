"""What Markdown bodies may contain: Markdown, not raw HTML or script links."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

# CommonMark with HTML parsing on, so that raw HTML shows up as tokens we can refuse.
_PARSER = MarkdownIt("commonmark")
ALLOWED_LINK_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def markdown_problems(text: str) -> list[str]:
    """Why ``text`` is not acceptable as a body, one message per offending construct."""
    problems: list[str] = []
    html: list[str] = []
    for token in _walk(_PARSER.parse(text)):
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
