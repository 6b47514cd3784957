"""Every UI string the service and its widgets show, in English (the msgid).

Strings are declared with ``ui()`` and ``ui_plural()`` so that ``pybabel extract``
finds them (see babel.cfg and ``make messages``). The context is the stable id
front-ends ask for; the English text is the gettext msgid and the fallback.
Their translations are read by ``api.content.ui_messages``.
"""

from __future__ import annotations

from dataclasses import dataclass

# The language the strings are declared in: an English locale shows them as written,
# which is no fallback (a catalog may still give an en-CA wording of its own).
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class UiString:
    id: str
    text: str
    # For strings that depend on a number: the English plural (gettext msgid_plural).
    plural: str | None = None


def ui(context: str, text: str) -> UiString:
    return UiString(context, text)


def ui_plural(context: str, singular: str, plural: str) -> UiString:
    return UiString(context, singular, plural)


UI_STRINGS: tuple[UiString, ...] = (
    ui("search.label", "Search"),
    ui("search.placeholder", "Search articles and questions"),
    ui("search.no_results", "No results for “{query}”."),
    ui("search.did_you_mean", "Did you mean {suggestion}?"),
    ui_plural("search.result_count", "{count} result", "{count} results"),
    ui("faq.heading", "Frequently asked questions"),
    ui("article.read_more", "Read more"),
    ui("article.published_on", "Published on {date}"),
    ui("article.updated_on", "Updated on {date}"),
    ui("article.reviewed_by", "Medically reviewed by {reviewer} on {date}"),
    ui("article.not_reviewed", "This content has not yet been medically reviewed."),
    ui_plural("article.reading_time", "{minutes} minute read", "{minutes} minute read"),
    ui("translation.fallback_notice", "This text is not yet available in your language."),
    ui("translation.stale_notice", "This translation may not reflect the latest version."),
    ui("attribution.source", "Source: {clinic}"),
    ui(
        "error.unsupported_locale",
        "This language is not available. Available languages: {locales}.",
    ),
    ui("error.generic", "Something went wrong. Please try again."),
    # GraphQL error messages a reader can meet (api/graphql/errors.py); English requests
    # keep the detailed English message, other locales get these.
    ui(
        "error.locale_not_in_scope",
        "This language is not available here. Available languages: {locales}.",
    ),
    ui("error.internal", "Internal server error"),
    ui("error.query_too_long", "The search text is too long; please shorten it."),
    ui("error.too_many_terms", "The search has too many words; please use fewer."),
    ui("error.search_timeout", "The search took too long; try fewer or more specific words."),
    # The embeddable widget and embed pages (api/embed/).
    ui("language.switch", "Language"),
    ui("widget.loading", "Loading…"),
    ui("widget.not_found", "This content could not be found."),
    ui("faq.none", "There are no questions to show."),
    ui("search.submit", "Search"),
    ui("search.searching", "Searching…"),
    ui("embed.not_found_title", "Page not found"),
    ui("embed.not_found", "This content does not exist or is no longer published."),
)

# Front-ends, embed pages and catalogs look strings up by their id.
UI_STRINGS_BY_ID = {string.id: string for string in UI_STRINGS}
