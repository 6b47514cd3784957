"""Load the content tree into a ContentSnapshot, or refuse with every problem found.

Layout (docs/architecture.md, "Content files"):
    content/articles/<key>.yaml          language-neutral structure of an article
    content/faqs/<key>.yaml              ... of a FAQ
    locales/locales.yaml                 enabled locales, default, fallback chains
    locales/<locale>/articles/<key>.yaml the text of an article in one locale
    locales/<locale>/faqs/<key>.yaml     ... of a FAQ
    locales/glossary.yaml                the bilingual glossary (optional)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from babel.messages.catalog import Message
from pydantic import BaseModel, ValidationError

from api.content import file_models
from api.content.digest import content_version, raw_text_digest, text_digest
from api.content.fields import REVIEW, SECTIONS, SLUG, SOURCE_DIGEST, TextFormat
from api.content.glossary import EMPTY_GLOSSARY, GLOSSARY_FILE, Glossary, read_glossary
from api.content.markdown import markdown_problems
from api.content.model import (
    Article,
    ContentType,
    Faq,
    Item,
    LocalizedText,
    Review,
    Status,
    fields_of,
)
from api.content.safety_notices import (
    NO_NOTICES,
    NOTICES_FOLDER,
    NoticeFile,
    NoticeText,
    NoticeTextFile,
    SafetyNotice,
    SafetyNotices,
)
from api.content.snapshot import ContentSnapshot
from api.content.translation import FieldResolver
from api.content.ui_messages import CATALOG_FILE, MessageCatalogs, read_message_catalog
from api.files.problems import ContentError, ContentProblem
from api.files.validation import validation_problems
from api.files.yamlfile import FieldPath, YamlDocument, read_yaml
from api.locales import LocaleConfig

LOCALES_FILE = "locales.yaml"
_Model = TypeVar("_Model", bound=BaseModel)
_ItemT = TypeVar("_ItemT", bound=Item)


def load_content(content_dir: Path, locales_dir: Path) -> ContentSnapshot:
    """Load and validate everything; raise ContentError listing all problems if any."""
    return _Loader(content_dir, locales_dir).load()


@dataclass
class _Structure:
    """A language-neutral file, validated, waiting for its texts."""

    document: YamlDocument
    model: file_models.ArticleFile | file_models.FaqFile


@dataclass
class _Text:
    document: YamlDocument
    model: file_models.TextFile
    locale: str
    kind: ContentType


@dataclass
class _Loader:
    content_dir: Path
    locales_dir: Path
    problems: list[ContentProblem] = field(default_factory=list)
    raw_files: list[tuple[str, bytes]] = field(default_factory=list)
    # Files that exist but failed validation: their problems are already reported,
    # so nothing that refers to them is reported again as missing.
    broken_items: set[tuple[ContentType, str]] = field(default_factory=set)
    broken_texts: set[tuple[ContentType, str, str]] = field(default_factory=set)

    def load(self) -> ContentSnapshot:
        for directory in (self.content_dir, self.locales_dir):
            if not directory.is_dir():
                raise ContentError(
                    [ContentProblem(directory, None, None, None, "folder does not exist")]
                )
        locales = self._load_locales()
        structures = {kind: self._load_structures(kind, locales) for kind in ContentType}
        if locales is None:
            # Without valid locales, texts cannot be placed; report what was found so far.
            raise ContentError(self.problems)
        texts = self._load_texts(locales, structures)
        articles: dict[str, Article] = {}
        faqs: dict[str, Faq] = {}
        for kind, by_key in structures.items():
            for key, structure in by_key.items():
                item = self._assemble(structure, texts.get((kind, key), {}))
                if isinstance(item, Article):
                    articles[key] = item
                elif isinstance(item, Faq):
                    faqs[key] = item
        self._check_relations(articles, structures)
        notices = self._load_notices(locales, structures)
        self._check_notices_translated(
            notices, structures, (*articles.values(), *faqs.values()), locales
        )
        if self.problems:
            raise ContentError(self.problems)
        messages = self._load_messages(locales)
        glossary = self._load_glossary(locales)
        if self.problems:
            raise ContentError(self.problems)
        snapshot = ContentSnapshot(
            messages=messages,
            glossary=glossary,
            notices=notices,
            version=content_version(self.raw_files),
            locales=locales,
            articles=MappingProxyType(_in_order(articles)),
            faqs=MappingProxyType(_in_order(faqs)),
            content_dir=self.content_dir,
            locales_dir=self.locales_dir,
        )
        self._check_unique_slugs(snapshot, texts)
        if self.problems:
            raise ContentError(self.problems)
        return snapshot

    # -- reading ---------------------------------------------------------

    def _display(self, path: Path) -> Path:
        """Paths in messages are relative to the folder holding content/ and locales/."""
        base = self.content_dir.parent
        try:
            return path.relative_to(base)
        except ValueError:
            return path

    def _read(self, path: Path, model: type[_Model]) -> tuple[YamlDocument, _Model] | None:
        display = self._display(path)
        try:
            document, raw = read_yaml(path, display)
        except ContentError as error:
            self.problems.extend(error.problems)
            return None
        self.raw_files.append((display.as_posix(), raw))
        if not isinstance(document.data, dict):
            found = "an empty file" if document.data is None else type(document.data).__name__
            self.problems.append(
                document.problem((), f"expected a mapping of fields, found {found}")
            )
            return None
        try:
            return document, model.model_validate(document.data)
        except ValidationError as error:
            self.problems.extend(validation_problems(document, error, model))
            return None

    def _load_locales(self) -> LocaleConfig | None:
        path = self.locales_dir / LOCALES_FILE
        if not path.is_file():
            self.problems.append(
                ContentProblem(self._display(path), None, None, None, "locales file is missing")
            )
            return None
        parsed = self._read(path, file_models.LocalesFile)
        if parsed is None:
            return None
        document, model = parsed
        tags = [entry.tag for entry in model.locales]
        problems_before = len(self.problems)
        for index, entry in enumerate(model.locales):
            if tags.index(entry.tag) != index:
                self.problems.append(
                    document.problem(
                        ("locales", index, "tag"), f"locale {entry.tag} is listed twice"
                    )
                )
            for position, fallback in enumerate(entry.fallback):
                if fallback not in tags or fallback == entry.tag:
                    self.problems.append(
                        document.problem(
                            ("locales", index, "fallback", position),
                            f"fallback {fallback} is not another enabled locale "
                            f"(enabled: {', '.join(tags)})",
                        )
                    )
        if model.default not in tags:
            self.problems.append(
                document.problem(
                    ("default",),
                    f"default locale {model.default} is not enabled (enabled: {', '.join(tags)})",
                )
            )
        if len(self.problems) > problems_before:
            return None
        return LocaleConfig(
            default=model.default,
            enabled=tuple(tags),
            fallbacks=MappingProxyType({entry.tag: entry.fallback for entry in model.locales}),
        )

    def _load_messages(self, locales: LocaleConfig) -> MessageCatalogs:
        """Each locale's UI string catalog; a locale without one shows the source strings."""
        translations: dict[str, Mapping[str, Message]] = {}
        for tag in locales.enabled:
            path = self.locales_dir / tag / CATALOG_FILE
            if not path.is_file():
                continue
            display = self._display(path)
            raw = path.read_bytes()
            self.raw_files.append((display.as_posix(), raw))
            try:
                translations[tag] = read_message_catalog(raw, display, tag)
            except ContentError as error:
                self.problems.extend(error.problems)
        return MessageCatalogs(MappingProxyType(translations))

    def _load_glossary(self, locales: LocaleConfig) -> Glossary:
        path = self.locales_dir / GLOSSARY_FILE
        if not path.is_file():
            return EMPTY_GLOSSARY
        display = self._display(path)
        try:
            document, raw = read_yaml(path, display)
        except ContentError as error:
            self.problems.extend(error.problems)
            return EMPTY_GLOSSARY
        self.raw_files.append((display.as_posix(), raw))
        glossary, problems = read_glossary(document, locales.enabled)
        self.problems.extend(problems)
        return glossary

    def _yaml_files(self, folder: Path) -> Iterator[Path]:
        """The ``*.yaml`` files of a folder; stray ``.yml`` files are reported, not ignored."""
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue  # editor swap and backup files
            if path.suffix == ".yaml" and path.is_file():
                yield path
            elif path.suffix == ".yml":
                self.problems.append(
                    ContentProblem(
                        self._display(path),
                        None,
                        None,
                        None,
                        "content files end in .yaml, not .yml",
                    )
                )

    def _load_structures(
        self, kind: ContentType, locales: LocaleConfig | None
    ) -> dict[str, _Structure]:
        model: type[file_models.ArticleFile] | type[file_models.FaqFile] = (
            file_models.ArticleFile if kind is ContentType.ARTICLE else file_models.FaqFile
        )
        structures: dict[str, _Structure] = {}
        for path in self._yaml_files(self.content_dir / kind.plural):
            parsed = self._read(path, model)
            if parsed is None:
                self.broken_items.add((kind, path.stem))
                continue
            document, structure = parsed
            problems_before = len(self.problems)
            self._check_structure(document, structure, path.stem, locales)
            if len(self.problems) == problems_before:
                structures[structure.key] = _Structure(document, structure)
            else:
                self.broken_items.add((kind, path.stem))
        return structures

    def _check_structure(
        self,
        document: YamlDocument,
        structure: file_models.ArticleFile | file_models.FaqFile,
        file_key: str,
        locales: LocaleConfig | None,
    ) -> None:
        report = self.problems.append
        if structure.key != file_key:
            report(document.problem(("key",), f"key {structure.key!r} differs from file name"))
        if locales and not locales.is_enabled(structure.source_locale):
            report(
                document.problem(
                    ("source_locale",),
                    f"source locale {structure.source_locale} is not enabled "
                    f"(enabled: {', '.join(locales.enabled)})",
                )
            )
        if structure.status == "published" and structure.published is None:
            report(document.problem(("published",), "a published item needs its publication date"))
        if structure.updated and structure.published and structure.updated < structure.published:
            report(document.problem(("updated",), "updated is earlier than published"))
        if structure.review is not None:
            report(
                document.problem(
                    ("review",),
                    "a medical review covers one language's text: record it in each reviewed "
                    f"locale file ({self.locales_dir.name}/<locale>/{_kind_of(structure).plural}/"
                    f"{structure.key}.yaml), not here",
                )
            )
        lists: dict[str, tuple[str, ...]] = {"tags": structure.tags}
        if isinstance(structure, file_models.ArticleFile):
            lists |= {SECTIONS: structure.sections, "faqs": structure.faqs}
        for name, values in lists.items():
            for index, value in enumerate(values):
                if values.index(value) != index:
                    report(document.problem((name, index), f"{value!r} is listed twice"))

    def _load_texts(
        self, locales: LocaleConfig, structures: Mapping[ContentType, Mapping[str, _Structure]]
    ) -> dict[tuple[ContentType, str], dict[str, _Text]]:
        texts: dict[tuple[ContentType, str], dict[str, _Text]] = {}
        for folder in sorted(self.locales_dir.iterdir()):
            if not folder.is_dir() or folder.name.startswith("."):
                continue
            if not locales.is_enabled(folder.name):
                self.problems.append(
                    ContentProblem(
                        self._display(folder),
                        None,
                        None,
                        None,
                        f"locale folder {folder.name} is not an enabled locale "
                        f"(enabled in {LOCALES_FILE}: {', '.join(locales.enabled)})",
                    )
                )
                continue
            for kind in ContentType:
                folder_name = kind.plural
                for path in self._yaml_files(folder / folder_name):
                    parsed = self._read(path, file_models.TEXT_FILE_MODELS[kind])
                    if parsed is None:
                        self.broken_texts.add((kind, path.stem, folder.name))
                        continue
                    document, text = parsed
                    structure = structures[kind].get(path.stem)
                    if structure is None and (kind, path.stem) in self.broken_items:
                        continue
                    if structure is None:
                        self.problems.append(
                            document.problem(
                                (),
                                f"translation of a {kind} that does not exist: no "
                                f"{folder_name}/{path.stem}.yaml in {self.content_dir.name}/",
                            )
                        )
                        continue
                    texts.setdefault((kind, path.stem), {})[folder.name] = _Text(
                        document, text, folder.name, kind
                    )
        return texts

    # -- assembling ------------------------------------------------------

    def _assemble(self, structure: _Structure, texts: Mapping[str, _Text]) -> Item | None:
        neutral = structure.model
        source = texts.get(neutral.source_locale)
        kind = _kind_of(neutral)
        if source is None and (kind, neutral.key, neutral.source_locale) in self.broken_texts:
            return None
        if source is None:
            self.problems.append(
                structure.document.problem(
                    ("source_locale",),
                    f"no text in the source locale: expected "
                    f"{self.locales_dir.name}/{neutral.source_locale}/"
                    f"{kind.plural}/{neutral.key}.yaml",
                )
            )
            return None
        section_ids = neutral.sections if isinstance(neutral, file_models.ArticleFile) else ()
        localized = {
            locale: self._localized_text(text, section_ids) for locale, text in texts.items()
        }
        problems_before = len(self.problems)
        self._check_source_text(source, localized[source.locale], section_ids)
        digest = text_digest(localized[source.locale].fields)
        for locale, text in texts.items():
            if locale != source.locale and text.model.source_digest is None:
                self.problems.append(
                    text.document.problem(
                        (SOURCE_DIGEST,),
                        f"a translation needs {SOURCE_DIGEST}, the digest of the "
                        f"{source.locale} text it was translated from (today's: "
                        f'{SOURCE_DIGEST}: "{digest}")',
                    )
                )
        if len(self.problems) > problems_before:
            return None
        common: dict[str, Any] = {
            "key": neutral.key,
            "source_locale": neutral.source_locale,
            "status": Status(neutral.status),
            "published": neutral.published,
            "updated": neutral.updated,
            "order": neutral.order,
            "tags": neutral.tags,
            "texts": MappingProxyType(localized),
            "source_digest": digest,
            "legacy_source_digest": raw_text_digest(localized[source.locale].fields),
            "path": structure.document.path,
            "review_interval_days": neutral.review_interval_days,
        }
        if isinstance(neutral, file_models.ArticleFile):
            return Article(section_ids=neutral.sections, faq_keys=neutral.faqs, **common)
        return Faq(**common)

    def _localized_text(self, text: _Text, section_ids: tuple[str, ...]) -> LocalizedText:
        """Flatten a text file into named fields, checking its sections and Markdown."""
        model, document = text.model, text.document
        declared = fields_of(text.kind)
        seen: set[str] = set()
        for index, section in enumerate(getattr(model, SECTIONS, ())):
            if section.id not in section_ids:
                self.problems.append(
                    document.problem(
                        (SECTIONS, index, "id"),
                        f"unknown section {section.id!r}; the article's sections are: "
                        f"{', '.join(section_ids)}",
                    )
                )
            elif section.id in seen:
                self.problems.append(
                    document.problem((SECTIONS, index, "id"), f"section {section.id!r} twice")
                )
            seen.add(section.id)
        fields = file_models.text_fields(model, declared)
        for name, value in fields.items():
            field = declared.field(name)
            if field is not None and field.format is TextFormat.MARKDOWN:
                for message in markdown_problems(value):
                    self.problems.append(
                        document.problem(file_models.field_path(model, name), message)
                    )
        if model.slug is None:
            self.problems.append(document.problem((SLUG,), "required field is missing"))
        if model.review.reviewer is not None and model.review.reviewed is None:
            self.problems.append(
                document.problem((REVIEW, "reviewed"), "a reviewer needs a review date")
            )
        return LocalizedText(
            locale=text.locale,
            slug=model.slug or "",
            fields=MappingProxyType(fields),
            source_digest=model.source_digest,
            path=document.path,
            review=Review(model.review.reviewed, model.review.reviewer),
        )

    def _check_source_text(
        self,
        text: _Text,
        localized: LocalizedText,
        section_ids: tuple[str, ...],
    ) -> None:
        """The source locale's text must be complete: it is every fallback's last resort."""
        if text.model.source_digest is not None:
            self.problems.append(
                text.document.problem(
                    (SOURCE_DIGEST,),
                    f"{text.locale} is this item's source locale; only translations record "
                    f"{SOURCE_DIGEST}",
                )
            )
        for declared, name in fields_of(text.kind).named(section_ids):
            if name in localized.fields or not declared.required:
                continue
            if name.startswith(f"{SECTIONS}."):
                section_id = name.split(".")[1]
                path: FieldPath = (SECTIONS,)
                message = f"section {section_id!r} needs its {declared.key}"
            else:
                path = tuple(name.split("."))
                message = "required field is missing"
            self.problems.append(text.document.problem(path, message))

    # -- cross-file checks -----------------------------------------------

    def _check_relations(
        self,
        articles: Mapping[str, Article],
        structures: Mapping[ContentType, Mapping[str, _Structure]],
    ) -> None:
        known_faqs = set(structures[ContentType.FAQ])
        known_faqs |= {key for kind, key in self.broken_items if kind is ContentType.FAQ}
        for key, article in articles.items():
            document = structures[ContentType.ARTICLE][key].document
            for index, faq_key in enumerate(article.faq_keys):
                if faq_key not in known_faqs:
                    self.problems.append(
                        document.problem(
                            ("faqs", index),
                            f"no FAQ {faq_key!r}: expected "
                            f"{self.content_dir.name}/{ContentType.FAQ.plural}/{faq_key}.yaml",
                        )
                    )

    def _load_notices(
        self, locales: LocaleConfig, structures: Mapping[ContentType, Mapping[str, _Structure]]
    ) -> SafetyNotices:
        """The safety notices (api/content/safety_notices.py), each with its texts."""
        texts = self._load_notice_texts(locales)
        notices: list[SafetyNotice] = []
        for path in self._yaml_files(self.content_dir / NOTICES_FOLDER):
            parsed = self._read(path, NoticeFile)
            if parsed is None:
                texts.pop(path.stem, None)
                continue
            document, model = parsed
            item_keys = {ContentType.ARTICLE: model.articles, ContentType.FAQ: model.faqs}
            self._check_notice(document, model, item_keys, structures)
            notices.append(
                SafetyNotice(
                    key=model.key,
                    order=model.order,
                    tags=frozenset(model.tags),
                    item_keys=MappingProxyType(
                        {kind: frozenset(keys) for kind, keys in item_keys.items()}
                    ),
                    texts=MappingProxyType(texts.pop(path.stem, {})),
                    path=document.path,
                )
            )
        for key, by_locale in texts.items():
            for tag in by_locale:
                self.problems.append(
                    ContentProblem(
                        self._display(self.locales_dir / tag / NOTICES_FOLDER / f"{key}.yaml"),
                        None,
                        None,
                        None,
                        f"text of a notice that does not exist: no {NOTICES_FOLDER}/{key}.yaml "
                        f"in {self.content_dir.name}/",
                    )
                )
        if not notices:
            return NO_NOTICES
        return SafetyNotices(tuple(sorted(notices, key=lambda notice: (notice.order, notice.key))))

    def _load_notice_texts(self, locales: LocaleConfig) -> dict[str, dict[str, NoticeText]]:
        """Notice key -> locale -> its text there."""
        texts: dict[str, dict[str, NoticeText]] = {}
        for tag in locales.enabled:
            for path in self._yaml_files(self.locales_dir / tag / NOTICES_FOLDER):
                parsed = self._read(path, NoticeTextFile)
                if parsed is None:
                    continue
                document, text = parsed
                for message in markdown_problems(text.body):
                    self.problems.append(document.problem(("body",), message))
                texts.setdefault(path.stem, {})[tag] = NoticeText(
                    path.stem, tag, text.title, text.body
                )
        return texts

    def _check_notice(
        self,
        document: YamlDocument,
        model: NoticeFile,
        item_keys: Mapping[ContentType, tuple[str, ...]],
        structures: Mapping[ContentType, Mapping[str, _Structure]],
    ) -> None:
        if model.key != document.path.stem:
            self.problems.append(
                document.problem(("key",), f"key {model.key!r} differs from file name")
            )
        if not (model.tags or model.articles or model.faqs):
            self.problems.append(
                document.problem((), "a notice goes on items: give it tags, articles or faqs")
            )
        for kind, keys in item_keys.items():
            for index, key in enumerate(keys):
                if key not in structures[kind] and (kind, key) not in self.broken_items:
                    self.problems.append(
                        document.problem(
                            (kind.plural, index),
                            f"no {kind} {key!r}: expected "
                            f"{self.content_dir.name}/{kind.plural}/{key}.yaml",
                        )
                    )

    def _check_notices_translated(
        self,
        notices: SafetyNotices,
        structures: Mapping[ContentType, Mapping[str, _Structure]],
        items: tuple[Item, ...],
        locales: LocaleConfig,
    ) -> None:
        """A published item's notices must be readable in every locale it is served in."""
        for item in items:
            if item.status is not Status.PUBLISHED:
                continue
            for notice in notices.applying_to(item):
                for tag in locales.enabled:
                    if tag in notice.texts:
                        continue
                    self.problems.append(
                        structures[item.type][item.key].document.problem(
                            ("tags",) if notice.tags.intersection(item.tags) else ("key",),
                            f"safety notice {notice.key!r} {notice.reason(item)} but has no "
                            f"{tag} text, so published {item.type} {item.key!r} would be "
                            f"served in {tag} without it: expected "
                            f"{self.locales_dir.name}/{tag}/{NOTICES_FOLDER}/{notice.key}.yaml",
                        )
                    )

    def _check_unique_slugs(
        self,
        snapshot: ContentSnapshot,
        texts: Mapping[tuple[ContentType, str], Mapping[str, _Text]],
    ) -> None:
        """A slug names one item per type and locale, including slugs served by fallback."""
        owners: dict[tuple[ContentType, str, str], Item] = {}
        for item in snapshot.items():
            for locale in snapshot.locales.enabled:
                resolved = FieldResolver(item, locale, snapshot.locales).slug()
                owner = owners.setdefault((item.type, locale, resolved.value), item)
                if owner is item:
                    continue
                text = texts[(item.type, item.key)][resolved.locale]
                self.problems.append(
                    text.document.problem(
                        (SLUG,),
                        f"slug {resolved.value!r} is already used in {locale} by "
                        f"{owner.type} {owner.key!r}",
                    )
                )


def _kind_of(model: file_models.ArticleFile | file_models.FaqFile) -> ContentType:
    return ContentType.ARTICLE if isinstance(model, file_models.ArticleFile) else ContentType.FAQ


def _in_order(items: Mapping[str, _ItemT]) -> dict[str, _ItemT]:
    return dict(sorted(items.items(), key=lambda pair: (pair[1].order, pair[0])))
