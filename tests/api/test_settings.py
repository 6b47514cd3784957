"""Settings from the environment: defaults from the table, clear errors for bad values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.settings import SETTINGS_TABLE, Settings, SettingsError
from tests.conftest import PROJECT_ROOT


def test_defaults_come_from_the_table() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings().public_url == "http://127.0.0.1:8000"


def test_values_are_read_and_parsed() -> None:
    settings = Settings.from_env(
        {
            "CONTENT_API_CONTENT_DIR": "/srv/content",
            "CONTENT_API_PUBLIC_URL": "https://clinic.example/",
            "CONTENT_API_GRAPHIQL": "off",
            "CONTENT_API_LOG_LEVEL": "DEBUG",
        }
    )

    assert settings.content_dir == Path("/srv/content")
    assert settings.public_url == "https://clinic.example"
    assert settings.graphiql is False
    assert settings.log_level == "debug"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CONTENT_API_PUBLIC_URL", "clinic.example"),
        ("CONTENT_API_GRAPHIQL", "maybe"),
        ("CONTENT_API_LOG_LEVEL", "loud"),
    ],
)
def test_bad_values_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: value})


def test_every_setting_has_help() -> None:
    assert all(setting.help for setting in SETTINGS_TABLE)


def test_the_readme_lists_every_setting_with_its_default() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    rows = dict(re.findall(r"^\| `(CONTENT_API_\w+)` \| ([^|]+) \|", readme, re.MULTILINE))

    expected = {
        setting.env_var: f"`{setting.default}`" if setting.default else "*(empty)*"
        for setting in SETTINGS_TABLE
    }
    assert {name: value.strip() for name, value in rows.items()} == expected


def test_the_readme_states_each_setting_as_the_table_does() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    rows = re.findall(r"^\| `(CONTENT_API_\w+)` \| [^|]+ \| (.+) \|$", readme, re.MULTILINE)

    helps = {name: text.replace("\\|", "|") for name, text in rows}
    assert helps == {setting.env_var: setting.help for setting in SETTINGS_TABLE}
