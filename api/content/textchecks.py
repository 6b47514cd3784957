"""The translators' checks on a locale file: house typography, preferred terms, SEO lengths.

The checks read the file's text, not the loaded values, so that findings point at the
exact line and column, and fixes change nothing else in the file (comments, layout).
Only text values are checked: keys, slugs, ids and digests are not prose. The same
checks run on ``validate`` (every locale file, as warnings) and on ``translations
import`` (the files an import would write, before it writes them).

- Typography: the locale's house rules (``api.content.typography``); some have a safe
  fix, which ``validate --fix`` applies.
- Terminology: a wording the glossary marks ``avoid`` in this locale, with the
  preferred one (``locales/glossary.yaml``); never fixed automatically, since the
  sentence around it may need to change too.
- SEO: a search-engine title or description longer than results pages show, or missing
  (then search engines show text of their own choosing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from api.content.digest import normalized_text
from api.content.fields import SEO_DESCRIPTION, SEO_TITLE, SLUG, SOURCE_DIGEST
from api.content.glossary import Glossary
from api.content.safety_notices import NOTICES_FOLDER
from api.content.typography import (
    APOSTROPHE,
    TypographyRule,
    fixed_text,
    rule_matches,
    typography_rules,
)
from api.files.atomic import write_atomically
from api.files.problems import ContentError, ContentProblem
from api.files.yamlfile import parse_yaml

# Results pages cut titles near 60 characters and descriptions near 155-160.
SEO_TITLE_MAX = 60
SEO_DESCRIPTION_MAX = 160
SEO_LIMITS = {SEO_TITLE.name: SEO_TITLE_MAX, SEO_DESCRIPTION.name: SEO_DESCRIPTION_MAX}
# Keys whose values are identifiers or metadata, not prose (``id``: a section's).
_NOT_PROSE = frozenset({SLUG, SOURCE_DIGEST, "id", "review"})


@dataclass(frozen=True)
class TextFinding:
    path: Path
    line: int
    column: int
    field: str
    message: str
    fixable: bool

    def as_dict(self) -> dict[str, object]:
        """As content problems are written for tools, and whether ``--fix`` applies it."""
        located = ContentProblem(self.path, self.line, self.column, self.field, self.message)
        return {**located.as_dict(), "fixable": self.fixable}

    def __str__(self) -> str:
        fix = " (fixable with --fix)" if self.fixable else ""
        return f"{self.path}:{self.line}:{self.column}: [{self.field}] {self.message}{fix}"


@dataclass(frozen=True)
class TextChecks:
    """The checks of one locale: its typography rules and its glossary wordings to avoid."""

    locale: str
    glossary: Glossary

    @property
    def rules(self) -> tuple[TypographyRule, ...]:
        return typography_rules(self.locale)

    def check_file(self, path: Path, display_path: Path) -> list[TextFinding]:
        return self.check_text(path.read_text(encoding="utf-8"), display_path)

    def check_text(self, text: str, display_path: Path) -> list[TextFinding]:
        """Every finding in a locale file's text (as it is, or as an import would write it)."""
        findings: list[TextFinding] = []
        spans = _spans(text, display_path)

        def found(offset: int, field: str, message: str, fixable: bool) -> None:
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            findings.append(TextFinding(display_path, line, column, field, message, fixable))

        for span in spans:
            raw = text[span.start : span.end]
            for rule, match in rule_matches(raw, self.rules):
                fixable = rule.fix is not None and span.fixable
                found(span.start + match.start(), span.field, rule.message, fixable)
            for start, message in self._avoided(raw):
                found(span.start + start, span.field, message, False)
            limit = SEO_LIMITS.get(span.field)
            length = len(normalized_text(span.value))
            if limit is not None and length > limit:
                message = f"{length} characters: search results show about {limit}; shorten it"
                found(span.start, span.field, message, False)
        present = {span.field for span in spans}
        # A safety notice is shown on pages, not one itself: search engines never list it.
        is_page = display_path.parent.name != NOTICES_FOLDER
        for name in SEO_LIMITS:
            if name not in present and spans and is_page:
                message = "missing: search engines will show text of their own choosing"
                found(0, name, message, False)
        return sorted(findings, key=lambda finding: (finding.line, finding.column))

    def _avoided(self, raw: str) -> Iterator[tuple[int, str]]:
        for term, wording in self.glossary.in_locale(self.locale):
            for avoided in wording.avoid:
                for match in _wording_pattern(avoided).finditer(raw):
                    yield (
                        match.start(),
                        f"glossary: avoid {avoided!r}, write {wording.preferred!r} "
                        f"(term {term.id})",
                    )

    def fix_file(self, path: Path, display_path: Path) -> int:
        """Apply the safe fixes; return how many were applied (the file is untouched if none)."""
        text = path.read_text(encoding="utf-8")
        pieces: list[str] = []
        position = 0
        fixed = 0
        for span in _spans(text, display_path):
            if not span.fixable:
                continue
            replaced, count = fixed_text(text[span.start : span.end], self.rules)
            pieces.append(text[position : span.start] + replaced)
            position = span.end
            fixed += count
        text = "".join(pieces) + text[position:]
        if fixed:
            try:
                parse_yaml(text, display_path)
            except ContentError:
                # A fix must never turn a valid file into a broken one; leave it to a human.
                return 0
            write_atomically(path, text)
        return fixed


def _wording_pattern(wording: str) -> re.Pattern[str]:
    """A glossary wording found whole, whatever the case, line wrapping or apostrophe."""
    parts = []
    for character in wording:
        if character == " ":
            parts.append(r"\s+")
        elif character in ("'", APOSTROPHE):
            parts.append(f"['{APOSTROPHE}]")
        else:
            parts.append(re.escape(character))
    return re.compile(rf"(?<!\w){''.join(parts)}(?!\w)", re.IGNORECASE)


def locale_files(locales_dir: Path, enabled: tuple[str, ...]) -> list[tuple[str, Path]]:
    """(locale, path) of every text file of every enabled locale."""
    return [(tag, path) for tag in enabled for path in sorted((locales_dir / tag).glob("*/*.yaml"))]


@dataclass(frozen=True)
class _Span:
    """The characters of one text value inside the file, and the value they make."""

    field: str
    start: int
    end: int
    value: str
    fixable: bool


def _spans(text: str, display_path: Path) -> list[_Span]:
    document = parse_yaml(text, display_path)
    spans: list[_Span] = []
    pending: list[tuple[str, yaml.Node]] = [("", document.root)] if document.root else []
    while pending:
        field, node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                name = str(key_node.value)
                if name not in _NOT_PROSE:
                    pending.append((f"{field}.{name}" if field else name, value_node))
        elif isinstance(node, yaml.SequenceNode):
            # Sections are named by their ids, as field names are (sections.<id>.body).
            for index, child in enumerate(node.value):
                pending.append((f"{field}.{_section_id(child) or index}", child))
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            start, end = node.start_mark.index, node.end_mark.index
            # Inside double quotes, escapes (\", \n) make in-place edits unsafe: check only.
            fixable = node.style != '"'
            if node.style in ('"', "'"):
                start, end = start + 1, end - 1  # the YAML quotes are not part of the text
            elif node.style in ("|", ">"):
                start = text.index("\n", start) + 1  # skip the block indicator line
            spans.append(_Span(field, start, end, str(node.value), fixable))
    spans.sort(key=lambda span: span.start)
    return spans


def _section_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return None
