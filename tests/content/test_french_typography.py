"""The shipped fr-CA text follows OQLF typography (the rules translators are held to)."""

from __future__ import annotations

import re

import pytest

from api.content import ContentSnapshot

NBSP = "\u00a0"


def french_texts(snapshot: ContentSnapshot) -> list[tuple[str, str]]:
    return [
        (f"{item.key}:{name}", value)
        for item in snapshot.items()
        for name, value in item.texts["fr-CA"].fields.items()
    ]


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("no space before ; ! ?", r"[ \u00a0\u202f][;!?]"),
        ("a no-break space before :", r"(?<!\u00a0):(?!//)"),
        ("a no-break space inside « »", r"«(?!\u00a0)|(?<!\u00a0)»"),
        ("guillemets, not straight quotes", r"\""),
        ("… rather than ...", r"\.\.\."),
        ("a no-break space before %", r"(?<!\u00a0)%"),
    ],
)
def test_french_text_follows_oqlf_typography(
    shipped_content: ContentSnapshot, rule: str, pattern: str
) -> None:
    offenders = [
        (where, match.group())
        for where, text in french_texts(shipped_content)
        for match in re.finditer(pattern, text)
    ]
    assert offenders == [], rule


def test_french_uses_canadian_medical_terms(shipped_content: ContentSnapshot) -> None:
    text = " ".join(value for _, value in french_texts(shipped_content))
    for term in ("dépression résistante au traitement", "kétamine", "récepteurs NMDA", "perfusion"):
        assert term in text
    assert f"30{NBSP}%" in text
