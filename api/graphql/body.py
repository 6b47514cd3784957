"""A Markdown body, offered as sanitized HTML, the Markdown itself, or plain text."""

from __future__ import annotations

import strawberry

from api.content.markdown import markdown_to_html, markdown_to_text
from api.graphql.fields import described


@strawberry.type(description="Rich text, in the form the client prefers.")
class Body:
    markdown: str
    locale: str = strawberry.field(description="The locale this text is written in.")

    @described("Sanitized HTML, safe to insert into a page.")
    def html(self) -> str:
        return markdown_to_html(self.markdown)

    @described("The words without markup; paragraphs separated by blank lines.")
    def text(self) -> str:
        return markdown_to_text(self.markdown)
