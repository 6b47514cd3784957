"""Embed pages: one published item as a self-contained HTML page for iframes (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from api.content import Article, Faq, Item, TranslationState
from api.content.localized import LocalizedItem
from api.content.markdown import markdown_to_html
from api.locales.formatting import long_date
from api.services import Services
from api.ui_strings import UI_STRINGS

_STRINGS = {string.id: string for string in UI_STRINGS}

# Autoescaping on for every template: only values wrapped in Markup (the sanitized
# Markdown bodies, nothing else) reach the page as HTML.
_TEMPLATES = Environment(
    loader=PackageLoader("api.embed", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def ui_text(services: Services, locale: str, string_id: str, **values: str) -> str:
    """A UI string (api/ui_strings.py) in ``locale``, its placeholders filled."""
    text = services.snapshot.messages.message(locale, _STRINGS[string_id]).text
    return text.format_map(values)


def provider_name(public_url: str) -> str:
    """Who published the content, as attribution names it: the public site's host."""
    return urlsplit(public_url).netloc


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: str
    html: Markup


@dataclass(frozen=True)
class PageLinks:
    """Where the page points: its canonical page, its oEmbed endpoint, its stylesheet."""

    canonical_url: str
    oembed_url: str
    stylesheet_url: str


def item_title(services: Services, item: Item, locale: str) -> str:
    """The article's title or the FAQ's question, in ``locale`` (or its fallback)."""
    if isinstance(item, Article):
        return services.catalog.localize_article(item, locale).title.value
    assert isinstance(item, Faq)
    return services.catalog.localize_faq(item, locale).question.value


def render_item_page(services: Services, item: Item, locale: str, links: PageLinks) -> str:
    catalog = services.catalog
    summary: str | None = None
    call_to_action: str | None = None
    sections: list[SectionView] = []
    answer: Markup | None = None
    localized: LocalizedItem
    if isinstance(item, Article):
        localized_article = catalog.localize_article(item, locale)
        localized = localized_article
        summary = localized_article.summary.value
        sections = [
            SectionView(s.id, s.heading.value, Markup(markdown_to_html(s.body.value)))
            for s in localized_article.sections
        ]
        if localized_article.call_to_action is not None:
            call_to_action = localized_article.call_to_action.value
    else:
        assert isinstance(item, Faq)
        localized_faq = catalog.localize_faq(item, locale)
        localized = localized_faq
        answer = Markup(markdown_to_html(localized_faq.answer.value))
    notices = []
    if localized.fallback_fields:
        notices.append(ui_text(services, locale, "translation.fallback_notice"))
    elif localized.state is TranslationState.STALE:
        notices.append(ui_text(services, locale, "translation.stale_notice"))
    published = (
        ui_text(services, locale, "article.published_on", date=long_date(item.published, locale))
        if item.published is not None
        else None
    )
    return _TEMPLATES.get_template("item.html").render(
        locale=locale,
        kind=item.type.value,
        title=item_title(services, item, locale),
        summary=summary,
        sections=sections,
        answer=answer,
        call_to_action=call_to_action,
        notices=notices,
        published=published,
        attribution=ui_text(
            services, locale, "attribution.source", clinic=provider_name(services.links.public_url)
        ),
        links=links,
    )


def render_not_found_page(services: Services, locale: str, stylesheet_url: str) -> str:
    return _TEMPLATES.get_template("not_found.html").render(
        locale=locale,
        title=ui_text(services, locale, "embed.not_found_title"),
        message=ui_text(services, locale, "embed.not_found"),
        stylesheet_url=stylesheet_url,
    )


def render_oembed_frame(src: str, title: str, width: int, height: int) -> str:
    """The ``html`` of an oEmbed response: an iframe of the embed page."""
    return (
        _TEMPLATES.get_template("oembed_frame.html")
        .render(src=src, title=title, width=width, height=height)
        .strip()
    )
