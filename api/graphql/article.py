"""An article: its declared fields, sections among them, and its FAQs."""

from __future__ import annotations

import strawberry

from api.content import Article as DomainArticle
from api.content.fields import ARTICLE_FIELDS
from api.content.localized import LocalizedItem
from api.graphql.content import LocalizedContent
from api.graphql.context import Info
from api.graphql.declared import declared_fields, ungrouped
from api.graphql.faq import Faq
from api.graphql.fields import described
from api.graphql.section import Section


def _sections(localized: LocalizedItem) -> list[Section]:
    return [Section.from_domain(section) for section in localized.sections]


@strawberry.type(description="An article, in sections whose anchors are the same in every locale.")
@declared_fields(ungrouped(ARTICLE_FIELDS), sections=(Section, _sections))
class Article(LocalizedContent):
    @described("The article's published FAQs, in the article's order.")
    async def faqs(self, info: Info) -> list[Faq]:
        assert isinstance(self.item, DomainArticle)
        locale = self.localized.requested_locale
        keys = [(faq.key, locale) for faq in info.context.catalog.faqs_of(self.item)]
        localized = await info.context.loaders.faqs.load_many(keys)
        return [Faq.from_domain(faq, info.context.links) for faq in localized]
