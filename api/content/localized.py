"""Items as one locale sees them: every field resolved, with where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict

from api.content.model import (
    ANSWER,
    CALL_TO_ACTION,
    QUESTION,
    SEO_DESCRIPTION,
    SEO_TITLE,
    SUMMARY,
    TITLE,
    Article,
    Faq,
    Item,
    TranslationState,
    section_field,
)
from api.content.translation import FieldResolver, ResolvedText, translation_state
from api.locales import LocaleConfig


@dataclass(frozen=True)
class LocalizedSection:
    id: str
    heading: ResolvedText
    body: ResolvedText


@dataclass(frozen=True)
class LocalizedItem:
    """What every localized item tells: the locale asked for, its state and provenance."""

    requested_locale: str
    state: TranslationState
    slug: ResolvedText
    seo_title: ResolvedText | None
    seo_description: ResolvedText | None
    # Field name -> the locale its value came from, for every field that has a value.
    field_locales: Mapping[str, str]

    @property
    def fallback_fields(self) -> Mapping[str, str]:
        """The fields served from another locale than the one asked for."""
        return {
            name: locale
            for name, locale in self.field_locales.items()
            if locale != self.requested_locale
        }


@dataclass(frozen=True)
class LocalizedArticle(LocalizedItem):
    article: Article
    title: ResolvedText
    summary: ResolvedText
    sections: tuple[LocalizedSection, ...]
    call_to_action: ResolvedText | None


@dataclass(frozen=True)
class LocalizedFaq(LocalizedItem):
    faq: Faq
    question: ResolvedText
    answer: ResolvedText


class _CommonFields(TypedDict):
    requested_locale: str
    state: TranslationState
    slug: ResolvedText
    seo_title: ResolvedText | None
    seo_description: ResolvedText | None
    field_locales: Mapping[str, str]


def _common(item: Item, resolver: FieldResolver, locale: str) -> _CommonFields:
    # Called last, so that the provenance it hands over is complete.
    return {
        "requested_locale": locale,
        "state": translation_state(item, locale),
        "slug": resolver.slug(),
        "seo_title": resolver.field(SEO_TITLE),
        "seo_description": resolver.field(SEO_DESCRIPTION),
        "field_locales": resolver.provenance,
    }


def localize_article(article: Article, locale: str, locales: LocaleConfig) -> LocalizedArticle:
    resolver = FieldResolver(article, locale, locales)
    sections = tuple(
        LocalizedSection(
            id=section_id,
            heading=resolver.required(section_field(section_id, "heading")),
            body=resolver.required(section_field(section_id, "body")),
        )
        for section_id in article.section_ids
    )
    return LocalizedArticle(
        article=article,
        title=resolver.required(TITLE),
        summary=resolver.required(SUMMARY),
        sections=sections,
        call_to_action=resolver.field(CALL_TO_ACTION),
        **_common(article, resolver, locale),
    )


def localize_faq(faq: Faq, locale: str, locales: LocaleConfig) -> LocalizedFaq:
    resolver = FieldResolver(faq, locale, locales)
    return LocalizedFaq(
        faq=faq,
        question=resolver.required(QUESTION),
        answer=resolver.required(ANSWER),
        **_common(faq, resolver, locale),
    )
