"""A FAQ: a question and its answer."""

from __future__ import annotations

import strawberry

from api.content.localized import LocalizedFaq
from api.content.markdown import markdown_to_text
from api.content.words import word_count
from api.graphql.body import Body
from api.graphql.content import LocalizedContent, node_id
from api.links import Links


@strawberry.type(description="A frequently asked question and its answer.")
class Faq(LocalizedContent):
    question: str
    answer: Body

    @classmethod
    def from_domain(cls, localized: LocalizedFaq, links: Links) -> Faq:
        words = word_count(localized.question.value) + word_count(
            markdown_to_text(localized.answer.value)
        )
        return cls(
            id=node_id(localized.faq),
            item=localized.faq,
            localized=localized,
            links=links,
            word_count=words,
            question=localized.question.value,
            answer=Body(markdown=localized.answer.value, locale=localized.answer.locale),
        )
