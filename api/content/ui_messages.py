"""UI string catalogs: ``locales/<locale>/messages.po`` read with Babel, checked, looked up."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from api.content.ui_strings import SOURCE_LANGUAGE, UI_STRINGS, UI_STRINGS_BY_ID, UiString
from api.files.problems import ContentError, ContentProblem

CATALOG_FILE = "messages.po"
# CLDR's order of plural categories, which is also the order of gettext's plural forms
# in the Plural-Forms expressions Babel derives from CLDR.
PLURAL_CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def plural_categories(tag: str) -> tuple[str, ...]:
    """The CLDR plural categories of a locale, in gettext form order: fr-CA -> one, many, other."""
    tags = Locale.parse(tag, sep="-").plural_form.tags
    return tuple(
        category for category in PLURAL_CATEGORY_ORDER if category in tags or category == "other"
    )


@dataclass(frozen=True)
class UiMessage:
    """One UI string as a locale sees it."""

    id: str
    text: str
    # (CLDR category, text) for strings that depend on a number; empty otherwise.
    plurals: tuple[tuple[str, str], ...]
    # Whether the text is in the locale's language: False when the English source is shown
    # for want of a translation; True in English, the strings' own language.
    translated: bool


@dataclass(frozen=True)
class MessageCatalogs:
    """The translated UI strings of every enabled locale."""

    translations: Mapping[str, Mapping[str, Message]]

    def messages(self, locale: str) -> tuple[UiMessage, ...]:
        return tuple(self.message(locale, string) for string in UI_STRINGS)

    def text(self, locale: str, string_id: str) -> str:
        """A string's text in ``locale``, by its id (``search.label``)."""
        return self.message(locale, UI_STRINGS_BY_ID[string_id]).text

    def plural_text(self, locale: str, string_id: str, count: int) -> str:
        """The form of a string that depends on a number, for ``count`` (CLDR's rules)."""
        message = self.message(locale, UI_STRINGS_BY_ID[string_id])
        category = Locale.parse(locale, sep="-").plural_form(count)
        forms = dict(message.plurals)
        return forms.get(category, forms.get("other", message.text))

    def message(self, locale: str, string: UiString) -> UiMessage:
        translated = self.translations.get(locale, {}).get(string.id)
        categories = plural_categories(locale)
        if translated is None:
            plurals = _english_plurals(string, categories)
            in_english = Locale.parse(locale, sep="-").language == SOURCE_LANGUAGE
            return UiMessage(string.id, string.text, plurals, translated=in_english)
        if isinstance(translated.string, tuple | list):
            forms = tuple(str(form) for form in translated.string)
            plurals = tuple(zip(categories, forms, strict=True))
            return UiMessage(string.id, forms[0], plurals, translated=True)
        return UiMessage(string.id, str(translated.string), (), translated=True)


def _english_plurals(string: UiString, categories: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Untranslated: the English forms, "one" for the singular and the plural for the rest."""
    if string.plural is None:
        return ()
    return tuple(
        (category, string.text if category == "one" else string.plural) for category in categories
    )


def read_message_catalog(raw: bytes, path: Path, tag: str) -> dict[str, Message]:
    """The usable translations of one catalog (fuzzy and empty ones left out), checked."""
    try:
        catalog = read_po(io.BytesIO(raw), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise ContentError(
            [
                ContentProblem(
                    path,
                    line + 1 if line is not None else None,
                    None,
                    None,
                    f"not a valid PO file: {error}",
                )
            ]
        ) from error
    problems = _header_problems(catalog, path, tag)
    usable: dict[str, Message] = {}
    for message in catalog:
        string = UI_STRINGS_BY_ID.get(message.context or "")
        if string is None or message.fuzzy or not _has_translation(message):
            continue  # obsolete, unconfirmed or untranslated: the source string is used
        found = _message_problems(message, string, path, len(plural_categories(tag)))
        problems.extend(found)
        if not found:
            usable[string.id] = message
    if problems:
        raise ContentError(problems)
    return usable


def _has_translation(message: Message) -> bool:
    forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return any(forms)


def _header_problems(catalog: Catalog, path: Path, tag: str) -> list[ContentProblem]:
    problems = []
    language = (
        "-".join(part for part in (catalog.locale.language, catalog.locale.territory) if part)
        if catalog.locale
        else None
    )
    if language is not None and language != tag:
        problems.append(
            ContentProblem(path, None, None, "Language", f"catalog is for {language}, not {tag}")
        )
    expected = len(plural_categories(tag))
    if catalog.num_plurals != expected:
        categories = ", ".join(plural_categories(tag))
        problems.append(
            ContentProblem(
                path,
                None,
                None,
                "Plural-Forms",
                f"{tag} has {expected} plural forms ({categories}); the catalog declares "
                f"{catalog.num_plurals}",
            )
        )
    return problems


def _message_problems(
    message: Message, string: UiString, path: Path, plural_count: int
) -> list[ContentProblem]:
    def problem(text: str) -> ContentProblem:
        # Babel's message line numbers are already 1-based (its parse errors' are not).
        return ContentProblem(path, message.lineno, None, string.id, text)

    forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
    if (string.plural is None) != (len(forms) == 1):
        return [problem("plural forms do not match the string (singular vs plural entry)")]
    if string.plural is not None and (len(forms) != plural_count or not all(forms)):
        return [problem(f"needs all {plural_count} plural forms, translated")]
    expected = set(_PLACEHOLDER.findall(string.text)) | set(
        _PLACEHOLDER.findall(string.plural or "")
    )
    problems = []
    for form in forms:
        used = set(_PLACEHOLDER.findall(str(form)))
        if not used <= expected:
            unknown = ", ".join(sorted(used - expected))
            problems.append(
                problem(f"unknown placeholder {{{unknown}}}; the string has {sorted(expected)}")
            )
    return problems
