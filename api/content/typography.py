"""House typography of each locale, as rules found in a piece of text, with the safe fixes.

French follows Canadian usage (OQLF, the Translation Bureau): guillemets with
no-break spaces inside, a no-break space before ``:`` and ``%`` and between digit
groups (``3 000``), no space before ``;``, ``!`` and ``?``, the typographic
apostrophe, and the spaced em dash bound to the word before it. A narrow no-break
space (U+202F) is accepted wherever a no-break space is asked for, and before
``;``, ``!`` and ``?``, as OQLF allows: no rule reports it and no fix replaces it.
English follows The Canadian Style: closed em dashes (``word—word``), the
typographic apostrophe and quotation marks, no space before ``%``.

docs/translating.md is the translators' version of these rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
APOSTROPHE = "\u2019"
EM_DASH = "\u2014"
EN_DASH = "\u2013"


@dataclass(frozen=True)
class TypographyRule:
    message: str
    pattern: re.Pattern[str]
    # None: the finding needs a human (no fix is safe without reading the sentence).
    fix: Callable[[re.Match[str]], str] | None


def _replace_with(text: str) -> Callable[[re.Match[str]], str]:
    return lambda match: text


# A straight apostrophe inside a word (``l'effet``); two in a row are YAML's escape of one
# inside a single-quoted value, and make one typographic apostrophe all the same.
_STRAIGHT_APOSTROPHE = TypographyRule(
    f"{APOSTROPHE} (typographic apostrophe) rather than '",
    re.compile(r"(?<=\w)'{1,2}(?=\w)"),
    _replace_with(APOSTROPHE),
)
_ELLIPSIS = TypographyRule("… rather than ...", re.compile(r"\.\.\."), _replace_with("…"))

FRENCH_RULES: tuple[TypographyRule, ...] = (
    TypographyRule(
        "no space before ; ! or ? (a narrow no-break space is also accepted)",
        re.compile(r"[ \u00a0]+(?=[;!?])"),
        _replace_with(""),
    ),
    TypographyRule(
        "a no-break space goes before :",
        # A colon that ends a clause; "10:30" and "https://" are not punctuation.
        re.compile(r"(?<![\u00a0\u202f]) ?:(?=\s|$)"),
        _replace_with(NBSP + ":"),
    ),
    TypographyRule(
        "a no-break space goes after «",
        re.compile(r"«(?![\u00a0\u202f]) ?"),
        _replace_with("«" + NBSP),
    ),
    TypographyRule(
        "a no-break space goes before »",
        re.compile(r"(?<![\u00a0\u202f]) ?»"),
        _replace_with(NBSP + "»"),
    ),
    TypographyRule(
        "« guillemets » rather than straight quotes",
        re.compile(r'"([^"\n]*)"'),
        lambda match: f"«{NBSP}{match.group(1).strip()}{NBSP}»",
    ),
    TypographyRule(
        "« guillemets » rather than English quotation marks",
        re.compile(r"“([^“”\n]*)”"),
        lambda match: f"«{NBSP}{match.group(1).strip()}{NBSP}»",
    ),
    TypographyRule('« guillemets » rather than a lone " “ or ”', re.compile(r'["“”]'), None),
    _ELLIPSIS,
    TypographyRule(
        "a no-break space goes before %",
        re.compile(r"(?<=\d) ?%"),
        _replace_with(NBSP + "%"),
    ),
    TypographyRule(
        "digit groups are separated by a no-break space (3 000)",
        re.compile(r"(?<=\d) (?=\d{3}(?!\d))"),
        _replace_with(NBSP),
    ),
    _STRAIGHT_APOSTROPHE,
    TypographyRule(
        "an incise takes an em dash (—), not a hyphen or an en dash",
        re.compile(r"[ \u00a0\u202f][-\u2013](?= )"),
        _replace_with(NBSP + EM_DASH),
    ),
    TypographyRule(
        "a no-break space goes before the em dash, so that no line starts with it",
        re.compile(r"(?<=\S) \u2014"),
        _replace_with(NBSP + EM_DASH),
    ),
    TypographyRule(
        "a line starts with an em dash: join it to the word before with a no-break space",
        re.compile(r"^[ \t]*\u2014", re.MULTILINE),
        None,
    ),
    TypographyRule(
        "the em dash is spaced: a space on each side",
        re.compile(r"(?<=[^\s])\u2014|\u2014(?=[^\s.,;:!?)»])"),
        None,
    ),
)

ENGLISH_RULES: tuple[TypographyRule, ...] = (
    TypographyRule(
        "em dashes are closed in English (word—word), no spaces",
        re.compile(r"[ \u00a0\u202f]+\u2014[ \u00a0\u202f]*|\u2014[ \u00a0\u202f]+"),
        _replace_with(EM_DASH),
    ),
    TypographyRule(
        "a dash between words is an em dash (—), closed",
        re.compile(r"[ \u00a0][-\u2013] "),
        _replace_with(EM_DASH),
    ),
    TypographyRule(
        "no space before ; : ! or ? in English",
        re.compile(r"[ \u00a0\u202f]+(?=[;:!?](?:\s|$))"),
        _replace_with(""),
    ),
    TypographyRule(
        "no space before % in English",
        re.compile(r"(?<=\d)[ \u00a0\u202f]+%"),
        _replace_with("%"),
    ),
    TypographyRule(
        "“curly quotation marks” rather than straight quotes",
        re.compile(r'"([^"\n]*)"'),
        lambda match: f"“{match.group(1)}”",
    ),
    TypographyRule('“curly quotation marks” rather than a lone "', re.compile(r'"'), None),
    _STRAIGHT_APOSTROPHE,
    _ELLIPSIS,
)


def typography_rules(locale: str) -> tuple[TypographyRule, ...]:
    """The house rules of a locale's language; none for a language without a house style."""
    language = locale.split("-", maxsplit=1)[0].lower()
    return {"fr": FRENCH_RULES, "en": ENGLISH_RULES}.get(language, ())


def rule_matches(
    value: str, rules: tuple[TypographyRule, ...]
) -> Iterator[tuple[TypographyRule, re.Match[str]]]:
    """Every rule broken in one piece of text, each place reported once."""
    claimed: set[int] = set()
    for rule in rules:
        for match in rule.pattern.finditer(value):
            # A quote already reported as part of a pair is not also a lone quote.
            if claimed.intersection(range(match.start(), max(match.end(), match.start() + 1))):
                continue
            claimed.update(range(match.start(), match.end()))
            yield rule, match


def fixed_text(value: str, rules: tuple[TypographyRule, ...]) -> tuple[str, int]:
    """``value`` with the safe fixes applied, and how many were applied."""
    fixed = 0
    # Rule by rule, so one fix's output is seen by the next rule, not overlapping it.
    for rule in rules:
        if rule.fix is not None:
            value, count = rule.pattern.subn(rule.fix, value)
            fixed += count
    return value, fixed
