"""``content-api partners``: keys shown once, only digests stored, the file otherwise intact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.partners import load_partners
from api.partners.keys import KEY_PREFIX, key_digest
from tests.conftest import PROJECT_ROOT
from tests.partners.sample import PARTNERS_YAML


def add_key(path: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["partners", "add-key", *arguments, "--file", str(path)])
    return result.exit_code, result.stdout, result.stderr


def test_add_key_prints_the_key_once_and_stores_only_its_digest(partners_file: Path) -> None:
    before = load_partners(partners_file).partner("clinique-francophone")
    assert before is not None

    code, out, err = add_key(partners_file, "clinique-francophone", "--label", "widget")

    assert code == 0, err
    [key] = re.findall(rf"{KEY_PREFIX}[A-Za-z0-9_-]+", out)
    assert out == key + "\n"
    assert "Copy it now" in err
    text = partners_file.read_text(encoding="utf-8")
    assert key not in text
    assert key_digest(key) in text
    partner = load_partners(partners_file).partner_for_key(key)
    assert partner is not None and partner.name == "clinique-francophone"
    assert len(partner.keys) == len(before.keys) + 1
    assert partner.keys[-1].label == "widget"
    assert partner.keys[-1].created is not None


def test_add_key_keeps_comments_and_everything_else(partners_file: Path) -> None:
    commented = PARTNERS_YAML.replace(
        "    rate_limit: 600/minute\n    scope:",
        "    rate_limit: 600/minute   # agreed in the contract\n    scope:",
    )
    partners_file.write_text(commented, encoding="utf-8")

    code, _, err = add_key(partners_file, "clinique-exemple")

    assert code == 0, err
    after = partners_file.read_text(encoding="utf-8")
    assert after.startswith("# Partners of the tests.\n")
    assert "rate_limit: 600/minute   # agreed in the contract\n" in after
    # Only lines were added: every line of the file before is still there, in order.
    new_lines = iter(after.splitlines())
    assert all(line in new_lines for line in commented.splitlines())


def test_each_key_is_new(partners_file: Path) -> None:
    outputs = [add_key(partners_file, "clinique-exemple")[1] for _ in range(2)]

    assert outputs[0] != outputs[1]
    partner = load_partners(partners_file).partner("clinique-exemple")
    assert partner is not None and len(partner.keys) == 4


def test_add_key_refuses_an_unknown_partner_and_changes_nothing(partners_file: Path) -> None:
    code, out, err = add_key(partners_file, "clinique-inconnue")

    assert code == 1
    assert out == ""
    assert "No partner 'clinique-inconnue'" in err
    assert "clinique-exemple, clinique-francophone" in err
    assert partners_file.read_text(encoding="utf-8") == PARTNERS_YAML


def test_add_key_refuses_an_invalid_file_listing_its_problems(partners_file: Path) -> None:
    partners_file.write_text("partners:\n  - name: a\n", encoding="utf-8")

    code, out, err = add_key(partners_file, "a")

    assert code == 1
    assert out == ""
    assert "partners.yaml:2:5: [partners[0].display_name] required field is missing" in err


def test_the_file_comes_from_the_environment_without_file(
    partners_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENT_API_PARTNERS_FILE", str(partners_file))
    result = CliRunner().invoke(main, ["partners", "add-key", "clinique-exemple"])
    assert result.exit_code == 0, result.output

    monkeypatch.delenv("CONTENT_API_PARTNERS_FILE")
    result = CliRunner().invoke(main, ["partners", "add-key", "clinique-exemple"])
    assert result.exit_code == 2
    assert "pass --file or set CONTENT_API_PARTNERS_FILE" in result.output


def test_list_shows_partners_but_never_a_whole_digest(partners_file: Path) -> None:
    result = CliRunner().invoke(main, ["partners", "list", "--file", str(partners_file)])

    assert result.exit_code == 0, result.output
    assert "clinique-francophone: Clinique francophone" in result.output
    assert "https://clinique-exemple.ca, http://localhost:*" in result.output
    assert "locales fr-CA" in result.output
    assert "(site web)" in result.output
    assert not re.search(r"[0-9a-f]{64}", result.output)


def test_list_as_json(partners_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["partners", "list", "--file", str(partners_file), "--format", "json"]
    )

    summaries = json.loads(result.output)
    assert [summary["name"] for summary in summaries] == [
        "clinique-exemple",
        "clinique-francophone",
    ]
    assert summaries[0]["scope"] == {"locales": None, "tags": None, "items": None}
    assert summaries[1]["scope"]["tags"] == ["infusion-therapy", "safety"]
    assert len(summaries[0]["keys"]) == 2
    assert not re.search(r"[0-9a-f]{64}", result.output)


def test_serve_refuses_to_start_with_a_broken_partners_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "partners.yaml"
    broken.write_text("partners:\n  - name: a\n    display_name: A\n    rate_limit: fast\n")
    monkeypatch.setenv("CONTENT_API_PARTNERS_FILE", str(broken))
    monkeypatch.setenv("CONTENT_API_CONTENT_DIR", str(PROJECT_ROOT / "content"))
    monkeypatch.setenv("CONTENT_API_LOCALES_DIR", str(PROJECT_ROOT / "locales"))

    result = CliRunner().invoke(main, ["serve"])

    assert result.exit_code == 1
    assert "partners.yaml:4:5: [partners[0].rate_limit] 'fast' is not a rate limit" in result.stderr
    assert "Traceback" not in result.output
