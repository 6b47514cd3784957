"""The partners file: what it may say, and every mistake located by line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.catalog import ContentScope
from api.partners import PartnersFileError, load_partners
from api.partners.keys import key_digest
from api.rate_limits import RateLimit
from tests.conftest import PROJECT_ROOT
from tests.partners.sample import PARTNER_KEY, PARTNER_ORIGIN, SCOPED_KEY


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "partners.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PartnersFileError) as raised:
        load_partners(path)
    return [str(problem) for problem in raised.value.problems]


def test_the_shipped_example_is_valid() -> None:
    registry = load_partners(PROJECT_ROOT / "partners.example.yaml")

    [partner] = registry.partners
    assert partner.name == "clinique-exemple"
    assert partner.keys == ()
    assert partner.allows_origin("https://clinique-exemple.ca")
    assert partner.scope == ContentScope(locales=frozenset({"fr-CA"}), tags=frozenset({"ketamine"}))
    assert partner.rate_limit == RateLimit(600, "minute")


def test_no_file_means_no_partners() -> None:
    assert load_partners(None).partners == ()


def test_partners_are_found_by_key_not_by_digest(partners_file: Path) -> None:
    registry = load_partners(partners_file)

    partner = registry.partner_for_key(PARTNER_KEY)
    assert partner is not None and partner.name == "clinique-exemple"
    assert registry.partner_for_key(key_digest(PARTNER_KEY)) is None
    assert registry.partner_for_key("cpk_unknown") is None
    scoped = registry.partner_for_key(SCOPED_KEY)
    assert scoped is not None and scoped.scope.locales == frozenset({"fr-CA"})


def test_origins_match_exactly_or_any_port_of_a_pattern(partners_file: Path) -> None:
    partner = load_partners(partners_file).partner("clinique-exemple")
    assert partner is not None

    assert partner.allows_origin(PARTNER_ORIGIN)
    assert partner.allows_origin("http://localhost:5173")
    assert partner.allows_origin("http://localhost")
    assert not partner.allows_origin("https://www.clinique-exemple.ca")
    assert not partner.allows_origin("http://clinique-exemple.ca")
    assert not partner.allows_origin("https://localhost:5173")
    assert not partner.allows_origin("http://localhost:5173.evil.example")
    assert not partner.allows_origin("null")


def test_listed_origins_are_normalized_as_browsers_send_them(tmp_path: Path) -> None:
    path = tmp_path / "partners.yaml"
    path.write_text(
        "partners:\n  - name: a\n    display_name: A\n"
        "    origins: ['HTTPS://Clinique.CA:443', 'http://127.0.0.1:8080']\n",
        encoding="utf-8",
    )
    partner = load_partners(path).partner("a")
    assert partner is not None

    assert [str(origin) for origin in partner.origins] == [
        "https://clinique.ca",
        "http://127.0.0.1:8080",
    ]


def test_every_problem_is_reported_with_its_line_and_field(tmp_path: Path) -> None:
    text = """\
partners:
  - name: Clinique Exemple
    display_name: Clinique Exemple
    origins:
      - https://clinique-exemple.ca/fr
    keys:
      - sha256: not-a-digest
    rate_limit: 10 per minute
    scope:
      locales: []
      tagz: [ketamine]
"""
    problems = problems_of(tmp_path, text)

    assert any(p.startswith(f"{tmp_path}/partners.yaml:2:5: [partners[0].name]") for p in problems)
    assert any(":5:9: [partners[0].origins[0]]" in p and "no path" in p for p in problems)
    assert any(":7:9: [partners[0].keys[0].sha256]" in p and "SHA-256" in p for p in problems)
    assert any(":8:5: [partners[0].rate_limit]" in p and "600/minute" in p for p in problems)
    assert any(":10:7: [partners[0].scope.locales]" in p for p in problems)
    assert any(":11:7: [partners[0].scope.tagz] unknown field 'tagz'" in p for p in problems)
    assert len(problems) == 6


def test_names_and_keys_may_not_be_given_twice(tmp_path: Path) -> None:
    digest = key_digest(PARTNER_KEY)
    text = f"""\
partners:
  - name: a
    display_name: A
    keys: [{{sha256: {digest}}}]
  - name: a
    display_name: Another A
    keys: [{{sha256: {digest}}}]
"""
    problems = problems_of(tmp_path, text)

    assert any(":5:5: [partners[1].name] partner 'a' is already partners[0]" in p for p in problems)
    assert any(
        ":7:13: [partners[1].keys[0].sha256] this key is already given to 'a'" in p
        for p in problems
    )


@pytest.mark.parametrize(
    ("origin", "complaint"),
    [
        ("clinique.ca", "not an origin"),
        ("*", "not an origin"),
        ("ftp://clinique.ca", "not an origin"),
        ("https://clinique.ca/", "no path"),
        ("https://user@clinique.ca", "no user name"),
        ("https://clinique.ca:70000", "port"),
        ("https://clinique.ca:8443:*", "port"),
        ("https://clinique_exemple.ca", "not a host name"),
        ("https://québec.ca", "xn--"),
    ],
)
def test_origins_no_browser_sends_are_refused(tmp_path: Path, origin: str, complaint: str) -> None:
    text = f"partners:\n  - name: a\n    display_name: A\n    origins: ['{origin}']\n"

    [problem] = problems_of(tmp_path, text)

    assert "[partners[0].origins[0]]" in problem and complaint in problem


def test_broken_yaml_and_an_empty_file_are_refused(tmp_path: Path) -> None:
    [broken] = problems_of(tmp_path, "partners:\n  - name: [unclosed\n")
    [empty] = problems_of(tmp_path, "")

    assert "malformed YAML" in broken
    assert "expected a mapping with a 'partners' list, found an empty file" in empty


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(PartnersFileError, match="no such file"):
        load_partners(tmp_path / "missing.yaml")
