"""French typography (OQLF) checks on locale files, with the safe fixes applied in place.

The checks read the files' text, not the loaded values, so that findings point at the
exact line and column, and fixes change nothing else in the file (comments, layout).
Only text values are checked: keys, slugs, ids and digests are not prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from api.content.fields import SLUG, SOURCE_DIGEST
from api.files.atomic import write_atomically
from api.files.problems import ContentError, ContentProblem
from api.files.yamlfile import parse_yaml

NBSP = "\u00a0"
# Keys whose values are identifiers, not prose (``id``: a section's).
_NOT_PROSE = frozenset({SLUG, SOURCE_DIGEST, "id"})


@dataclass(frozen=True)
class TypographyRule:
    message: str
    pattern: re.Pattern[str]
    # None: the finding needs a human (no fix is safe without reading the sentence).
    fix: Callable[[re.Match[str]], str] | None


RULES: tuple[TypographyRule, ...] = (
    TypographyRule(
        "no space before ; ! or ?",
        re.compile(r"[ \u00a0\u202f]+(?=[;!?])"),
        lambda match: "",
    ),
    TypographyRule(
        "a no-break space goes before :",
        # A colon that ends a clause; "10:30" and "https://" are not punctuation.
        re.compile(r"(?<!\u00a0)[ \u202f]?:(?=\s|$)"),
        lambda match: NBSP + ":",
    ),
    TypographyRule(
        "a no-break space goes after «",
        re.compile(r"«(?:[ \u202f]|(?!\u00a0))"),
        lambda match: "«" + NBSP,
    ),
    TypographyRule(
        "a no-break space goes before »",
        re.compile(r"(?:[ \u202f]|(?<!\u00a0))»"),
        lambda match: NBSP + "»",
    ),
    TypographyRule(
        "« guillemets » rather than straight quotes",
        re.compile(r'"([^"\n]*)"'),
        lambda match: f"«{NBSP}{match.group(1).strip()}{NBSP}»",
    ),
    TypographyRule('« guillemets » rather than a lone "', re.compile(r'"'), None),
    TypographyRule("… rather than ...", re.compile(r"\.\.\."), lambda match: "…"),
)


@dataclass(frozen=True)
class TypographyFinding:
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
class _Span:
    """The characters of one text value inside the file."""

    field: str
    start: int
    end: int
    fixable: bool


def french_locale_files(locales_dir: Path, enabled: tuple[str, ...]) -> list[Path]:
    """The text files of every enabled French locale (the rules are French usage)."""
    return [
        path
        for tag in enabled
        if tag.split("-")[0].lower() == "fr"
        for path in sorted((locales_dir / tag).glob("*/*.yaml"))
    ]


def check_file(path: Path, display_path: Path) -> list[TypographyFinding]:
    text = path.read_text(encoding="utf-8")
    findings = []
    for span, rule, match in _matches(text, display_path):
        offset = span.start + match.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        findings.append(
            TypographyFinding(
                display_path,
                line,
                column,
                span.field,
                rule.message,
                fixable=rule.fix is not None and span.fixable,
            )
        )
    return sorted(findings, key=lambda finding: (finding.line, finding.column))


def fix_file(path: Path, display_path: Path) -> int:
    """Apply the safe fixes; return how many were applied (the file is untouched if none)."""
    text = path.read_text(encoding="utf-8")
    fixed = 0
    # Rule by rule, so one fix's output is seen by the next rule, not overlapping it.
    for rule in RULES:
        if rule.fix is None:
            continue
        pieces: list[str] = []
        position = 0
        for span in _spans(text, display_path):
            if not span.fixable:
                continue
            value = text[span.start : span.end]
            replaced, count = rule.pattern.subn(rule.fix, value)
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


def _matches(
    text: str, display_path: Path
) -> Iterator[tuple[_Span, TypographyRule, re.Match[str]]]:
    for span in _spans(text, display_path):
        for rule, match in rule_matches(text[span.start : span.end]):
            yield span, rule, match


def rule_matches(value: str) -> Iterator[tuple[TypographyRule, re.Match[str]]]:
    """Every rule broken in one piece of French text."""
    claimed: set[int] = set()
    for rule in RULES:
        for match in rule.pattern.finditer(value):
            # A quote already reported as part of a pair is not also a lone quote.
            if match.start() in claimed:
                continue
            claimed.update(range(match.start(), match.end()))
            yield rule, match


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
            pending.extend((f"{field}[{index}]", child) for index, child in enumerate(node.value))
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            start, end = node.start_mark.index, node.end_mark.index
            # Inside double quotes, escapes (\", \n) make in-place edits unsafe: check only.
            fixable = node.style != '"'
            if node.style in ('"', "'"):
                start, end = start + 1, end - 1  # the YAML quotes are not part of the text
            elif node.style in ("|", ">"):
                start = text.index("\n", start) + 1  # skip the block indicator line
            spans.append(_Span(field, start, end, fixable))
    spans.sort(key=lambda span: span.start)
    return spans
