"""The bilingual publish gate: validate, serve and live reload refuse untranslated items."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from api.cli import main
from tests.api.conftest import MakeClient
from tests.api.servers import running_server
from tests.conftest import PROJECT_ROOT, ContentTree

FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
EN_FAQ = "locales/en-CA/faqs/side-effects.yaml"
STATUS_QUERY = "{ contentStatus { version problems { file message } } }"
# The content's problems are the operator's to read (docs/hardening.md).
OPERATOR_TOKEN = "operator-token-for-the-gate-tests"
OPERATOR = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}


def validate(root: Path, requirement: str) -> Result:
    env = {"CONTENT_API_REQUIRE_TRANSLATIONS": requirement}
    return CliRunner().invoke(main, ["validate", "--root", str(root), "--format", "json"], env=env)


def problems_of(result: Result) -> list[dict[str, object]]:
    report = json.loads(result.output)
    problems: list[dict[str, object]] = report["problems"]
    return problems


def make_stale(tree: ContentTree) -> None:
    """A changed word in the English source: the French translation is STALE."""
    tree.replace(EN_FAQ, "mild dissociation", "slight dissociation")


@pytest.mark.parametrize("requirement", ["off", "missing", "stale"])
def test_the_shipped_content_passes_every_gate(requirement: str) -> None:
    result = validate(PROJECT_ROOT, requirement)
    assert result.exit_code == 0, result.output


def test_a_missing_translation_is_refused_naming_item_locale_and_state(
    content_tree: ContentTree,
) -> None:
    content_tree.remove(FR_FAQ)
    assert validate(content_tree.root, "off").exit_code == 0

    for requirement in ("missing", "stale"):
        result = validate(content_tree.root, requirement)
        assert result.exit_code == 1
        (problem,) = problems_of(result)
        assert problem["file"] == FR_FAQ
        message = str(problem["message"])
        assert "faq 'side-effects'" in message and "fr-CA" in message and "MISSING" in message
        assert f"CONTENT_API_REQUIRE_TRANSLATIONS={requirement}" in message


def test_a_stale_translation_is_refused_only_by_the_stale_gate(content_tree: ContentTree) -> None:
    make_stale(content_tree)
    assert validate(content_tree.root, "missing").exit_code == 0
    result = validate(content_tree.root, "stale")
    assert result.exit_code == 1
    (problem,) = problems_of(result)
    assert problem["file"] == FR_FAQ
    assert "STALE" in str(problem["message"]) and "fr-CA" in str(problem["message"])


def test_a_field_left_to_fallback_is_missing(content_tree: ContentTree) -> None:
    content_tree.replace(FR_FAQ, "\nquestion: Quels sont les effets", "\n#question: Quels sont")
    result = validate(content_tree.root, "missing")
    (problem,) = problems_of(result)
    assert "leaves fields to fallback (MISSING)" in str(problem["message"])


def test_a_draft_is_never_refused(content_tree: ContentTree) -> None:
    content_tree.remove(FR_FAQ)
    content_tree.replace("content/faqs/side-effects.yaml", "status: published", "status: draft")
    assert validate(content_tree.root, "stale").exit_code == 0


def test_live_reload_keeps_serving_the_last_version_the_gate_allowed(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree, require_translations="stale", operator_token=OPERATOR_TOKEN)
    live = client.api.live
    version = live.current.snapshot.version
    make_stale(content_tree)

    assert live.reload() is False
    status = client.data(STATUS_QUERY, headers=OPERATOR)["contentStatus"]
    assert status["version"] == version
    (problem,) = status["problems"]
    assert problem["file"] == FR_FAQ and "STALE" in problem["message"]
    # The gate turned off, the same edit is served.
    off = make_client(content_tree, require_translations="off")
    assert off.api.live.current.snapshot.version != version


def test_serve_refuses_to_start_with_what_the_gate_refuses(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    content_tree.remove(FR_FAQ)
    env = {
        "CONTENT_API_REQUIRE_TRANSLATIONS": "missing",
        "CONTENT_API_CONTENT_DIR": str(content_tree.content_dir),
        "CONTENT_API_LOCALES_DIR": str(content_tree.locales_dir),
        "CONTENT_API_INDEX_DIR": str(tmp_path / "index"),
    }
    command = [str(Path(sys.executable).parent / "content-api"), "serve", "--port", "0"]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1
    assert "faq 'side-effects'" in run.stderr and "MISSING" in run.stderr


def test_a_real_server_under_the_gate_serves_the_translated_content(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    env = {"CONTENT_API_REQUIRE_TRANSLATIONS": "stale"}
    with running_server(content_tree.root, tmp_path / "index", env) as url:
        faq = httpx.post(
            f"{url}/graphql",
            json={"query": '{ faq(key: "side-effects", locale: "fr-CA") { translationState } }'},
        ).json()["data"]["faq"]
    assert faq == {"translationState": "CURRENT"}
