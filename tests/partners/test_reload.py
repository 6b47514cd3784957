"""The partners file is re-read when it changes: new keys work without a restart."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.partners import LivePartners, PartnersFileError
from api.partners.keys import key_digest
from api.partners.source import CHECK_EVERY_SECONDS
from tests.partners.conftest import MakeGatedClient
from tests.partners.sample import PARTNER_KEY, FakeClock

QUERY = '{ article(key: "ketamine-trd") { key } }'


def test_a_key_added_while_serving_works_within_seconds(
    make_gated_client: MakeGatedClient, partners_file: Path
) -> None:
    clock = FakeClock()
    client = make_gated_client(clock=clock, anonymous_access=False)

    result = CliRunner().invoke(
        main, ["partners", "add-key", "clinique-exemple", "--file", str(partners_file)]
    )
    new_key = result.stdout.strip()
    headers = {"X-Api-Key": new_key}

    assert client.post_query(QUERY, headers=headers).status_code == 401  # not yet looked at
    clock.advance(CHECK_EVERY_SECONDS)
    assert client.post_query(QUERY, headers=headers).status_code == 200


def test_a_removed_key_stops_working(partners_file: Path) -> None:
    clock = FakeClock()
    live = LivePartners(partners_file, clock=clock)
    assert live.current.partner_for_key(PARTNER_KEY) is not None

    entry = f"      - sha256: {key_digest(PARTNER_KEY)}\n        label: site web\n"
    text = partners_file.read_text(encoding="utf-8")
    assert entry in text
    partners_file.write_text(text.replace(entry, ""), encoding="utf-8")
    clock.advance(CHECK_EVERY_SECONDS)

    assert live.current.partner_for_key(PARTNER_KEY) is None


def test_a_broken_edit_keeps_the_last_good_partners(
    partners_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    live = LivePartners(partners_file, clock=clock)

    partners_file.write_text("partners:\n  - name: [broken\n", encoding="utf-8")
    clock.advance(CHECK_EVERY_SECONDS)
    with caplog.at_level(logging.WARNING, logger="api.partners"):
        registry = live.current

    assert registry.partner_for_key(PARTNER_KEY) is not None
    assert "partners file change refused" in caplog.text
    assert "malformed YAML" in caplog.text


def test_a_broken_file_refuses_startup(
    make_gated_client: MakeGatedClient, partners_file: Path
) -> None:
    partners_file.write_text("partners:\n  - name: a\n    display_name: A\n    oops: 1\n")

    with pytest.raises(PartnersFileError, match=r"partners.yaml:4:5: \[partners\[0\]\.oops\]"):
        make_gated_client()
