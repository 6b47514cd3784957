"""Markdown rendering: sanitized HTML, plain text, reading time."""

from __future__ import annotations

import pytest

from api.content.markdown import markdown_problems, markdown_to_html, markdown_to_text
from api.content.words import reading_minutes, word_count


def test_html_renders_markdown() -> None:
    html = markdown_to_html("Some **bold** and a [link](https://example.org).\n\n- one\n- two")

    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
    ],
)
def test_html_never_carries_script(markdown: str) -> None:
    html = markdown_to_html(markdown).lower()

    assert "<script" not in html
    assert "javascript:" not in html or "<a" not in html
    assert "onerror=" not in html or "<img" not in html


def test_text_drops_the_markup_and_keeps_paragraphs() -> None:
    text = markdown_to_text("# Title\n\nSome **bold** `code`.\n\n- one\n- two")

    assert text == "Title\n\nSome bold code.\n\none\n\ntwo"


def test_words_and_minutes() -> None:
    assert word_count("L\u2019hôpital d'abord, puis la clinique.") == 5
    assert reading_minutes(0) == 1
    assert reading_minutes(200) == 1
    assert reading_minutes(201) == 2


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "![x](data:image/svg+xml,<svg/onload=alert(1)>)",
    ],
)
def test_links_of_other_schemes_are_refused(markdown: str) -> None:
    # markdown-it leaves these as text rather than links; validation still sees them.
    [problem] = markdown_problems(markdown)

    assert "scheme" in problem


@pytest.mark.parametrize(
    "markdown", ["[a](https://x.ca)", "[a](mailto:x@x.ca)", "[a](tel:+15145550100)", "[a](#b)"]
)
def test_links_of_the_allowed_schemes_pass(markdown: str) -> None:
    assert markdown_problems(markdown) == []
