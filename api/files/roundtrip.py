"""Editing YAML files round trip: a file changes only where its values change.

Reading stays with the safe loader (``api.files.yamlfile``); writing back is
ruamel.yaml's round-trip mode, which keeps comments, key order, quoting and block
styles, so that a translator's or an operator's file changes only where it must.
"""

from __future__ import annotations

from ruamel.yaml import YAML


def round_trip_yaml() -> YAML:
    """ruamel.yaml set to change a file only where its values change."""
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    # Never re-wrap long plain values: unchanged lines must stay byte for byte.
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml
