"""An article: title, summary, sections, and its FAQs."""

from __future__ import annotations

import strawberry

from api.content.localized import LocalizedArticle
from api.content.markdown import markdown_to_text
from api.content.words import word_count
from api.graphql.content import LocalizedContent, node_id
from api.graphql.context import Info
from api.graphql.faq import Faq
from api.graphql.fields import described
from api.graphql.section import Section
from api.links import Links


@strawberry.type(description="An article, in sections whose anchors are the same in every locale.")
class Article(LocalizedContent):
    title: str
    summary: str
    sections: list[Section]
    call_to_action: str | None
    localized_article: strawberry.Private[LocalizedArticle]

    @classmethod
    def from_domain(cls, localized: LocalizedArticle, links: Links) -> Article:
        texts = [localized.title.value, localized.summary.value]
        for section in localized.sections:
            texts += [section.heading.value, markdown_to_text(section.body.value)]
        return cls(
            id=node_id(localized.article),
            item=localized.article,
            localized=localized,
            links=links,
            word_count=sum(word_count(text) for text in texts),
            title=localized.title.value,
            summary=localized.summary.value,
            sections=[Section.from_domain(section) for section in localized.sections],
            call_to_action=localized.call_to_action.value if localized.call_to_action else None,
            localized_article=localized,
        )

    @described("The article's published FAQs, in the article's order.")
    async def faqs(self, info: Info) -> list[Faq]:
        article = self.localized_article.article
        locale = self.localized_article.requested_locale
        keys = [(faq.key, locale) for faq in info.context.catalog.faqs_of(article)]
        localized = await info.context.loaders.faqs.load_many(keys)
        return [Faq.from_domain(faq, info.context.services.links) for faq in localized]
