"""Embed pages: one published item as a self-contained HTML page for iframes (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from api.catalog.links import site_name
from api.catalog.structured_data import script_text, structured_data
from api.content import ContentType, Item, TranslationState
from api.content.fields import FieldRole, SectionFields, TextField, TextFormat
from api.content.localized import LocalizedItem, LocalizedSection
from api.content.markdown import markdown_to_html
from api.content.notices import reading_time_notice, review_notice
from api.content.translation import ResolvedText
from api.locales.formatting import long_date
from api.serving import Services

# Autoescaping on for every template: only values wrapped in Markup (the sanitized
# Markdown bodies, nothing else) reach the page as HTML.
_TEMPLATES = Environment(
    loader=PackageLoader("api.embed", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def ui_text(services: Services, locale: str, string_id: str, **values: str) -> str:
    """A UI string (api/content/ui_strings.py) in ``locale``, its placeholders filled."""
    return services.snapshot.messages.text(locale, string_id).format_map(values)


def provider_name(public_url: str) -> str:
    """Who published the content, as attribution names it: the public site's host."""
    return site_name(public_url)


@dataclass(frozen=True)
class Block:
    """One declared field on the page: a paragraph of text, or rendered Markdown.

    ``lang`` is set when the text is in another language than the page (fallback), so
    that screen readers and hyphenation read it with the right rules (WCAG 3.1.2).
    """

    css_class: str
    text: str | None = None
    html: Markup | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Heading:
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: Heading | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SafetyNoticeView:
    """A safety notice, shown before everything else on the page."""

    key: str
    title: str
    html: Markup


@dataclass(frozen=True)
class PageLinks:
    """Where the page points: its canonical page, its oEmbed endpoint, its stylesheet."""

    canonical_url: str
    oembed_url: str
    stylesheet_url: str


def _lang(text: ResolvedText, page_locale: str) -> str | None:
    return text.locale if text.locale != page_locale else None


def _block(field: TextField, text: ResolvedText, page_locale: str) -> Block:
    css_class = field.key.replace("_", "-")
    lang = _lang(text, page_locale)
    if field.format is TextFormat.MARKDOWN:
        return Block(css_class, html=Markup(markdown_to_html(text.value)), lang=lang)
    return Block(css_class, text=text.value, lang=lang)


def _shown(field: TextField) -> bool:
    """Everything but the headline (the page's title) and metadata (not for readers)."""
    return field.role not in {FieldRole.HEADLINE, FieldRole.METADATA}


def _blocks(localized: LocalizedItem) -> list[Block | tuple[SectionView, ...]]:
    """The page's content in declaration order; the sections as one run of sections."""
    blocks: list[Block | tuple[SectionView, ...]] = []
    locale = localized.requested_locale
    for entry in localized.item.fields.entries:
        if isinstance(entry, SectionFields):
            blocks.append(tuple(_section(section, entry, locale) for section in localized.sections))
        elif _shown(entry) and (text := localized.text(entry)) is not None:
            blocks.append(_block(entry, text, locale))
    return blocks


def _section(section: LocalizedSection, declared: SectionFields, locale: str) -> SectionView:
    heading = next(
        (
            Heading(text.value, _lang(text, locale))
            for field in declared.fields
            if field.role is FieldRole.HEADING
            if (text := section.text(field)) is not None
        ),
        None,
    )
    blocks = tuple(
        _block(field, text, locale)
        for field in declared.fields
        if field.role is not FieldRole.HEADING and _shown(field)
        if (text := section.text(field)) is not None
    )
    return SectionView(section.id, heading, blocks)


def render_item_page(services: Services, item: Item, locale: str, links: PageLinks) -> str:
    localized = services.catalog.localize(item, locale)
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
    messages = services.snapshot.messages
    meta = [published] if published else []
    if item.type is ContentType.ARTICLE:
        meta.append(reading_time_notice(messages, locale, localized.reading_words))
    reviewed = review_notice(messages, locale, localized.review)
    headline = localized.headline
    safety_notices = [
        SafetyNoticeView(text.key, text.title, Markup(markdown_to_html(text.body)))
        for text in services.snapshot.notices.texts_for(item, locale)
    ]
    json_ld = structured_data(localized, services.links, services.snapshot.glossary)
    return _TEMPLATES.get_template("item.html").render(
        locale=locale,
        # Escaped for a script element by script_text: marked safe for the template.
        structured_data=Markup(script_text(json_ld)),
        safety_notices=safety_notices,
        kind=item.type.value,
        title=headline.value,
        title_lang=_lang(headline, locale),
        blocks=_blocks(localized),
        notices=notices,
        meta=meta,
        reviewed=reviewed,
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
