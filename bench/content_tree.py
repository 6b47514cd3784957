"""Content trees for the HTTP benchmarks: synthetic ones written to disk, or the shipped one.

A synthetic tree is the real thing: ``content/`` and ``locales/`` in the project's
file format, French translations with correct ``source_digest`` values, the shipped
``locales.yaml`` and UI string catalogs, checked by ``load_content`` and with its
search index built. Writing 10k FAQs per locale and indexing them takes minutes, so
each tree is cached under the temp folder, keyed by its size and by everything it
was made from; reruns find it ready.

    .venv/bin/python -m bench.content_tree --faqs 10000   # prints the tree's folder
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from api.content import ContentSnapshot, load_content
from api.content.digest import text_digest
from api.content.fields import (
    ANSWER,
    CALL_TO_ACTION,
    QUESTION,
    SEO_DESCRIPTION,
    SUMMARY,
    TITLE,
    section_field,
)
from api.search import build_index, is_built
from api.search.stopwords import STOP_WORDS
from bench.corpus import (
    ArticleText,
    FaqText,
    SyntheticArticle,
    SyntheticCorpus,
    SyntheticFaq,
    default_article_count,
    synthetic_corpus,
)
from bench.vocabulary import LANGUAGE, LOCALES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CACHE_ROOT = Path(tempfile.gettempdir()) / "content-api-bench"
# Bump when the generator or the file layout changes: old cached trees are then ignored.
GENERATOR_VERSION = 1
SOURCE_LOCALE = "en-CA"
PUBLISHED = "2026-12-01"
MARKER_FILE = "tree.json"
LOCALES_FILE = "locales.yaml"
LINE_WIDTH = 88
# Enough files to find the common words of a big tree quickly.
SAMPLED_TEXT_FILES = 300
# libyaml's safe loader when PyYAML has it: only reading words here, not validating.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Report = Callable[[str], None]


@dataclass(frozen=True)
class ContentTree:
    """A folder holding ``content/``, ``locales/`` and ``search_index/``."""

    root: Path
    version: str
    faqs: int
    articles: int

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def index_dir(self) -> Path:
        return self.root / "search_index"

    def environment(self) -> dict[str, str]:
        """The ``CONTENT_API_*`` variables that point a server at this tree."""
        return {
            "CONTENT_API_CONTENT_DIR": str(self.content_dir),
            "CONTENT_API_LOCALES_DIR": str(self.locales_dir),
            "CONTENT_API_INDEX_DIR": str(self.index_dir),
        }

    def describe(self) -> str:
        return (
            f"{self.faqs:,} FAQs and {self.articles:,} articles per locale, "
            f"content version {self.version} ({self.root})"
        )


def synthetic_tree(faq_count: int, *, rebuild: bool = False, report: Report = print) -> ContentTree:
    """The cached tree of ``faq_count`` FAQs per locale, generated and indexed if needed."""
    article_count = default_article_count(faq_count)
    folder = CACHE_ROOT / f"tree-{faq_count}-{_fingerprint(faq_count, article_count)}"
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if not (folder / MARKER_FILE).is_file():
        _generate(folder, faq_count, article_count, report)
    marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    tree = ContentTree(folder, marker["version"], faq_count, article_count)
    if not is_built(tree.index_dir, tree.version):
        raise SystemExit(f"{folder}: no search index for {tree.version}; rerun with --rebuild")
    return tree


def shipped_tree(destination: Path, *, index: bool = True) -> ContentTree:
    """A writable copy of the shipped content under ``destination``, indexed if asked."""
    for name in ("content", "locales"):
        shutil.copytree(PROJECT_ROOT / name, destination / name)
    snapshot = load_content(destination / "content", destination / "locales")
    tree = ContentTree(destination, snapshot.version, len(snapshot.faqs), len(snapshot.articles))
    if index:
        build_index(snapshot, tree.index_dir)
    return tree


def search_terms(tree: ContentTree, limit: int = 2000) -> dict[str, list[str]]:
    """Each locale's commonest words that are not stop words, from a sample of its texts."""
    terms = {}
    for locale in LOCALES:
        files = sorted((tree.locales_dir / locale).glob("*/*.yaml"))
        step = max(1, len(files) // SAMPLED_TEXT_FILES)
        words: Counter[str] = Counter()
        for path in files[::step]:
            for text in _texts(yaml.load(path.read_bytes(), Loader=_FAST_LOADER)):
                words.update(re.findall(r"[^\W\d_]{4,}", text.lower()))
        stop_words = STOP_WORDS[LANGUAGE[locale]]
        common = [word for word, _ in words.most_common() if word not in stop_words]
        terms[locale] = common[:limit]
    return terms


def _texts(value: object) -> Iterator[str]:
    """The text values of a locale file (not its slug, digest or section ids)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("slug", "source_digest", "id"):
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str):
        yield value


def write_tree(corpus: SyntheticCorpus, root: Path) -> None:
    """Write ``corpus`` under ``root`` as ``content/`` and ``locales/`` files."""
    locales = root / "locales"
    locales.mkdir(parents=True)
    for source in _copied_locale_files():
        target = locales / source.relative_to(PROJECT_ROOT / "locales")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for faq in corpus.faqs:
        _write_item(root, "faqs", faq.key, _faq_structure(faq), _faq_texts(faq))
    for article in corpus.articles:
        _write_item(
            root, "articles", article.key, _article_structure(article), _article_texts(article)
        )


def _generate(folder: Path, faq_count: int, article_count: int, report: Report) -> None:
    """Write, check and index a tree in a staging folder, then move it into place whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".staging-{folder.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        started = time.perf_counter()
        corpus = synthetic_corpus(faq_count, article_count)
        write_tree(corpus, staging)
        report(
            f"wrote {faq_count:,} FAQs and {article_count:,} articles per locale "
            f"in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        snapshot = load_content(staging / "content", staging / "locales")
        check_translations_current(snapshot)
        report(
            f"loaded and checked content version {snapshot.version} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        build_index(snapshot, staging / "search_index", progress=_index_progress(report))
        report(f"built the search index in {time.perf_counter() - started:.1f} s")
        marker = {"version": snapshot.version, "faqs": faq_count, "articles": article_count}
        (staging / MARKER_FILE).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        if folder.exists():  # another run finished first: keep its tree
            return
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_translations_current(snapshot: ContentSnapshot) -> None:
    """Every translation records the digest of today's source text, or the tree is wrong."""
    for item in snapshot.items():
        for locale, text in item.texts.items():
            if locale != item.source_locale and text.source_digest != item.source_digest:
                raise AssertionError(
                    f"{text.path}: source_digest {text.source_digest} should be "
                    f"{item.source_digest}"
                )


def _index_progress(report: Report) -> Callable[[int, int], None]:
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        tenth = done * 10 // max(total, 1)
        if tenth != shown:
            shown = tenth
            report(f"  indexing: {done:,}/{total:,} documents")

    return progress


def _copied_locale_files() -> list[Path]:
    """What a synthetic tree takes from the project: locale settings and UI catalogs."""
    locales = PROJECT_ROOT / "locales"
    return [locales / LOCALES_FILE, *sorted(locales.glob("*/messages.po"))]


def _fingerprint(faq_count: int, article_count: int) -> str:
    """Changes with what decides the tree's items, so a stale cache is not reused.

    The UI catalogs are left out on purpose: they change often, a tree's copy stays
    valid, and no benchmark reads them. ``--rebuild`` refreshes them.
    """
    hasher = hashlib.sha256(f"{GENERATOR_VERSION}:{faq_count}:{article_count}".encode())
    hasher.update((PROJECT_ROOT / "locales" / LOCALES_FILE).read_bytes())
    return hasher.hexdigest()[:12]


# -- files ---------------------------------------------------------------------


def _write_item(
    root: Path, folder: str, key: str, structure: str, texts: Mapping[str, str]
) -> None:
    structure_path = root / "content" / folder / f"{key}.yaml"
    structure_path.parent.mkdir(parents=True, exist_ok=True)
    structure_path.write_text(structure, encoding="utf-8")
    for locale, text in texts.items():
        path = root / "locales" / locale / folder / f"{key}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _structure(key: str, order: int, tags: tuple[str, ...]) -> list[str]:
    return [
        f"key: {key}",
        f"source_locale: {SOURCE_LOCALE}",
        "status: published",
        f"published: {PUBLISHED}",
        f"order: {order}",
        f"tags: [{', '.join(tags)}]",
    ]


def _faq_structure(faq: SyntheticFaq) -> str:
    return _lines(_structure(faq.key, faq.order, faq.tags))


def _article_structure(article: SyntheticArticle) -> str:
    lines = _structure(article.key, article.order, article.tags)
    section_ids = next(iter(article.texts.values())).sections
    lines += ["sections:", *(f"  - {section.id}" for section in section_ids)]
    if article.faq_keys:
        lines += ["faqs:", *(f"  - {key}" for key in article.faq_keys)]
    return _lines(lines)


def _faq_texts(faq: SyntheticFaq) -> dict[str, str]:
    def fields(text: FaqText) -> dict[str, str]:
        return {QUESTION.name: text.question, ANSWER.name: _literal_value(text.answer)}

    digest = text_digest(fields(faq.texts[SOURCE_LOCALE]))
    files = {}
    for locale, text in faq.texts.items():
        values = fields(text)
        lines = [f"slug: {text.slug}", *_digest_line(locale, digest)]
        lines += [
            f"question: {_quoted(values[QUESTION.name])}",
            *_literal("answer", values[ANSWER.name]),
        ]
        files[locale] = _lines(lines)
    return files


def _article_texts(article: SyntheticArticle) -> dict[str, str]:
    def fields(text: ArticleText) -> dict[str, str]:
        values = {
            TITLE.name: text.title,
            SUMMARY.name: text.summary,
            CALL_TO_ACTION.name: _literal_value(text.call_to_action),
            SEO_DESCRIPTION.name: text.seo_description,
        }
        for section in text.sections:
            values[section_field(section.id, "heading")] = section.heading
            values[section_field(section.id, "body")] = _literal_value(section.body)
        return values

    digest = text_digest(fields(article.texts[SOURCE_LOCALE]))
    files = {}
    for locale, text in article.texts.items():
        values = fields(text)
        lines = [f"slug: {text.slug}", *_digest_line(locale, digest)]
        lines += [
            f"title: {_quoted(values[TITLE.name])}",
            f"summary: {_quoted(values[SUMMARY.name])}",
        ]
        lines += ["seo:", f"  description: {_quoted(values[SEO_DESCRIPTION.name])}", "sections:"]
        for section in text.sections:
            lines += [
                f"  - id: {section.id}",
                f"    heading: {_quoted(values[section_field(section.id, 'heading')])}",
                *_literal("body", values[section_field(section.id, "body")], indent=4),
            ]
        lines += _literal("call_to_action", values[CALL_TO_ACTION.name])
        files[locale] = _lines(lines)
    return files


def _digest_line(locale: str, digest: str) -> list[str]:
    # Quoted: a digest of digits only would otherwise be read as an integer.
    return [] if locale == SOURCE_LOCALE else [f"source_digest: {_quoted(digest)}"]


def _literal_value(text: str) -> str:
    """Text as a literal block (|) gives it back: paragraphs wrapped, one final newline."""
    paragraphs = text.split("\n\n")
    wrapped = [
        "\n".join(textwrap.wrap(paragraph, LINE_WIDTH, break_on_hyphens=False))
        for paragraph in paragraphs
    ]
    return "\n\n".join(wrapped) + "\n"


def _literal(key: str, value: str, indent: int = 0) -> list[str]:
    """``key: |`` and the value's lines, indented under the key."""
    pad = " " * (indent + 2)
    return [f"{' ' * indent}{key}: |", *(pad + line if line else "" for line in value.splitlines())]


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, whatever the text holds.
    return json.dumps(text, ensure_ascii=False)


def _lines(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--faqs", type=int, default=10_000, help="FAQs per locale")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached tree")
    arguments = parser.parse_args()
    tree = synthetic_tree(arguments.faqs, rebuild=arguments.rebuild)
    print(tree.describe())
    print(f".venv/bin/content-api validate --root {tree.root}")


if __name__ == "__main__":
    main()
