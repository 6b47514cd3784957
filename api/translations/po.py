"""The gettext PO round trip: export a locale's translations, import them back.

One PO entry per item field: ``msgctxt`` names it (``faq/side-effects:answer``),
``msgid`` is today's source text, ``msgstr`` the translation. A stale field is
flagged fuzzy and carries the source text it was translated from as ``#| msgid``,
so translation tools show exactly what changed.

Texts are given as a translator reads them (``api.content.wrapping``): each paragraph
on one line, no trailing line break, so that translation memories match sentences
whatever the YAML wrapping. An entry whose text is unchanged (the same words, however
wrapped) leaves its file untouched, so an export imported back changes no byte.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape, generate_po, normalize, read_po

from api.content import (
    ContentError,
    ContentProblem,
    ContentSnapshot,
    ContentType,
    Item,
    TranslationState,
    load_content,
)
from api.content.digest import normalized_text, text_digest
from api.content.fields import SLUG, TextFormat
from api.content.textchecks import TextChecks, TextFinding
from api.content.wrapping import unwrapped
from api.files.atomic import write_atomically
from api.files.validation import IDENTIFIER_PATTERN
from api.translations.history import SourceHistory
from api.translations.report import build_report
from api.translations.textfiles import render_text_file

PO_WIDTH = 76
_TYPES = "|".join(content_type.value for content_type in ContentType)
_CONTEXT = re.compile(rf"^(?P<type>{_TYPES})/(?P<key>[a-z0-9-]+):(?P<field>[a-z0-9_.-]+)$")
_SLUG = re.compile(IDENTIFIER_PATTERN)
SLUG_HINT = (
    "The page's address in this language: lowercase letters a-z without accents, "
    "digits and single hyphens (kétamine -> ketamine), at most 120 characters. "
    "Changing it moves the page: old links stop working."
)


def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


def bcp47(locale: Locale) -> str:
    return "-".join(part for part in (locale.language, locale.territory) if part)


def export_catalog(snapshot: ContentSnapshot, locale: str, history: SourceHistory) -> bytes:
    """The PO file for ``locale``: every field of every item written in another locale."""
    catalog = Catalog(
        locale=babel_locale(locale),
        project="clinic-content",
        version=snapshot.version,
        header_comment=f"# Translations of the clinic's content into {locale}.",
        revision_date=datetime.datetime.now(datetime.UTC),
        last_translator="content-api translations export",
        language_team=locale,
        msgid_bugs_address="",
        fuzzy=False,
    )
    report = build_report(snapshot, [locale], history)
    previous: dict[str, str] = {}
    for entry in report.items:
        item = snapshot.item(entry.type, entry.key)
        assert item is not None  # the report was built from this snapshot
        translation = item.texts.get(locale)
        location = _translation_path(snapshot, item, locale)
        slug = translation.slug if translation else ""
        _add(
            catalog,
            item,
            SLUG,
            source=item.source_text.slug,
            translation=slug,
            location=location,
            hint=SLUG_HINT,
        )
        for reported in entry.fields:
            markdown = _is_markdown(item, reported.name)
            message = _add(
                catalog,
                item,
                reported.name,
                source=unwrapped(reported.source, markdown=markdown),
                translation=unwrapped(translation.fields.get(reported.name, ""), markdown=markdown)
                if translation
                else "",
                location=location,
            )
            if reported.state is TranslationState.STALE:
                message.flags.add("fuzzy")
                if reported.previous_source is not None:
                    previous[message.context or ""] = unwrapped(
                        reported.previous_source, markdown=markdown
                    )
    text = "".join(generate_po(catalog, width=PO_WIDTH, include_lineno=False))
    return _with_previous_sources(text, previous).encode("utf-8")


def _with_previous_sources(po_text: str, previous: dict[str, str]) -> str:
    """Add ``#| msgid`` lines (the source a stale entry was translated from).

    Babel's own writer re-wraps a long previous msgid as prose, which yields lines
    that no PO reader (Babel's included) can parse; so they are written here with
    Babel's string normalisation and put where gettext expects them, before msgctxt.
    """
    for context, source in previous.items():
        anchor = f"msgctxt {escape(context)}\n"
        lines = f"#| msgid {normalize(source, prefix='#| ', width=PO_WIDTH)}\n"
        po_text = po_text.replace(anchor, lines + anchor, 1)
    return po_text


def _is_markdown(item: Item, name: str) -> bool:
    declared = item.fields.field(name)
    return declared is not None and declared.format is TextFormat.MARKDOWN


def _add(
    catalog: Catalog,
    item: Item,
    field: str,
    *,
    source: str,
    translation: str,
    location: Path,
    hint: str | None = None,
) -> Message:
    comments = [f"{item.type} {item.key!r}, field {field}"]
    message = catalog.add(
        source,
        translation,
        locations=[(location.as_posix(), 0)],
        auto_comments=[*comments, hint] if hint else comments,
        context=f"{item.type}/{item.key}:{field}",
    )
    # Babel guesses "python-format" from "% d" in "30 % des": not a format string.
    message.flags.discard("python-format")
    return message


def _translation_path(snapshot: ContentSnapshot, item: Item, locale: str) -> Path:
    path = snapshot.text_path(item, locale)
    base = snapshot.content_dir.parent
    return path.relative_to(base) if path.is_relative_to(base) else path


@dataclass(frozen=True)
class ImportPlan:
    """What an import will write: the new text of every file that changes, and nothing else."""

    locale: str
    changes: dict[Path, str]
    # The entries left out because they are still fuzzy (not confirmed by a translator).
    fuzzy: tuple[str, ...] = field(default=())


def plan_import(snapshot: ContentSnapshot, po_bytes: bytes, po_path: Path) -> ImportPlan:
    """Work out the file changes a PO file asks for; raise ContentError listing every problem."""
    catalog = _read_catalog(po_bytes, po_path)
    problems: list[ContentProblem] = []
    locale = bcp47(catalog.locale) if catalog.locale else ""
    if not snapshot.locales.is_enabled(locale):
        raise ContentError(
            [
                ContentProblem(
                    po_path,
                    None,
                    None,
                    "Language",
                    f"the PO file's language {locale or '(none)'} is not an enabled locale "
                    f"({', '.join(snapshot.locales.enabled)})",
                )
            ]
        )
    groups: dict[tuple[ContentType, str], list[tuple[str, Message]]] = {}
    fuzzy: list[str] = []
    for message, (item_id, name) in _entries(catalog, po_path, problems):
        groups.setdefault(item_id, []).append((name, message))
        if message.fuzzy:
            fuzzy.append(message.context or "")
    changes: dict[Path, str] = {}
    for (content_type, key), entries in groups.items():
        item = snapshot.item(content_type, key)
        if item is None:
            line = entries[0][1].lineno
            problems.append(
                ContentProblem(
                    po_path, line, None, None, f"no {content_type} {key!r} in the content"
                )
            )
            continue
        if item.source_locale == locale:
            problems.append(
                ContentProblem(
                    po_path,
                    entries[0][1].lineno,
                    None,
                    None,
                    f"{content_type} {key!r} is written in {locale}: "
                    "it has no translation to import",
                )
            )
            continue
        change = _item_change(
            snapshot, item, locale, entries=entries, po_path=po_path, problems=problems
        )
        if change is not None:
            changes[change[0]] = change[1]
    if problems:
        raise ContentError(problems)
    return ImportPlan(locale, changes, tuple(fuzzy))


def _read_catalog(po_bytes: bytes, po_path: Path) -> Catalog:
    try:
        return read_po(io.BytesIO(po_bytes), abort_invalid=True)
    except Exception as error:
        # Babel raises PoFileError, but also ValueError/UnicodeDecodeError on odd input.
        raise ContentError(
            [
                ContentProblem(
                    po_path,
                    getattr(error, "lineno", None),
                    None,
                    None,
                    f"not a valid PO file: {error}",
                )
            ]
        ) from error


def _entries(
    catalog: Catalog, po_path: Path, problems: list[ContentProblem]
) -> Iterator[tuple[Message, tuple[tuple[ContentType, str], str]]]:
    for message in catalog:
        if not message.id:
            continue  # the header
        match = _CONTEXT.match(message.context or "")
        if match is None or not isinstance(message.id, str) or not isinstance(message.string, str):
            problems.append(
                _entry_problem(
                    po_path,
                    message,
                    "entry does not name an item field (msgctxt like faq/<key>:<field>) "
                    "or is a plural entry",
                )
            )
            continue
        yield message, ((ContentType(match["type"]), match["key"]), match["field"])


def _entry_problem(po_path: Path, message: Message, text: str) -> ContentProblem:
    """A problem with one PO entry, at its line and named by its msgctxt."""
    return ContentProblem(po_path, message.lineno, None, message.context, text)


def _item_change(
    snapshot: ContentSnapshot,
    item: Item,
    locale: str,
    *,
    entries: list[tuple[str, Message]],
    po_path: Path,
    problems: list[ContentProblem],
) -> tuple[Path, str] | None:
    """The new text of one item's locale file, or None when nothing changes."""
    translation = item.texts.get(locale)
    fields = dict(translation.fields) if translation else {}
    slug = translation.slug if translation else None
    # The source text the imported translation was made from: each entry's msgid.
    translated_from = dict(item.source_text.fields)
    keeps_stale_text = False
    for name, message in entries:
        text, source = str(message.string), str(message.id)
        if name != SLUG and name not in item.source_text.fields:
            problems.append(
                _entry_problem(po_path, message, f"{item.type} {item.key!r} has no field {name!r}")
            )
            continue
        if message.fuzzy:
            # Not confirmed by the translator: keep what the file has. If that is an
            # old translation, the item must stay stale, so its digest stays too.
            keeps_stale_text |= name in fields
            continue
        if name == SLUG:
            if text and not _SLUG.match(text):
                problems.append(
                    _entry_problem(
                        po_path, message, f"slug {text!r} is not a URL slug: {SLUG_HINT}"
                    )
                )
            slug = text or slug
            continue
        translated_from[name] = source
        if not text:
            fields.pop(name, None)
        elif normalized_text(text) != normalized_text(fields.get(name, "")):
            # Only a change of words is written: the file keeps its own wrapping otherwise.
            fields[name] = text
    if not fields and translation is None:
        return None
    if slug is None:
        problems.append(
            ContentProblem(
                po_path,
                entries[0][1].lineno,
                None,
                None,
                f"{item.type} {item.key!r} needs a slug in {locale}",
            )
        )
        return None
    if keeps_stale_text and translation is not None:
        digest = translation.source_digest
    else:
        digest = text_digest(translated_from)
    if translation and (fields, slug, digest) == (
        dict(translation.fields),
        translation.slug,
        translation.source_digest,
    ):
        return None
    path = snapshot.text_path(item, locale)
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    rendered = render_text_file(
        existing,
        content_type=item.type,
        section_ids=item.section_ids,
        slug=slug,
        source_digest=digest,
        fields=fields,
        # A clinician signed off on the words that were there, not on the new ones.
        keep_review=translation is None or fields == dict(translation.fields),
    )
    return path, rendered


def import_findings(snapshot: ContentSnapshot, plan: ImportPlan) -> list[TextFinding]:
    """What the translators' checks (``validate``'s) find in the files the plan would write."""
    checks = TextChecks(plan.locale, snapshot.glossary)
    base = snapshot.content_dir.parent
    return [
        finding
        for path, text in sorted(plan.changes.items())
        for finding in checks.check_text(
            text, path.relative_to(base) if path.is_relative_to(base) else path
        )
    ]


def verify_import(snapshot: ContentSnapshot, plan: ImportPlan) -> None:
    """Load the content as the plan would leave it; raise ContentError if it is not valid."""
    with tempfile.TemporaryDirectory(prefix="content-import-") as scratch:
        trial_content = Path(scratch) / snapshot.content_dir.name
        trial_locales = Path(scratch) / snapshot.locales_dir.name
        shutil.copytree(snapshot.content_dir, trial_content)
        shutil.copytree(snapshot.locales_dir, trial_locales)
        for path, text in plan.changes.items():
            trial = trial_locales / path.relative_to(snapshot.locales_dir)
            trial.parent.mkdir(parents=True, exist_ok=True)
            trial.write_text(text, encoding="utf-8")
        load_content(trial_content, trial_locales)  # raises ContentError: nothing written


def apply_import(snapshot: ContentSnapshot, plan: ImportPlan) -> None:
    """Write the plan's files, but only if the content they make is valid; else write nothing."""
    verify_import(snapshot, plan)
    for path, text in plan.changes.items():
        write_atomically(path, text)
