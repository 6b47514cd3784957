"""The ``content-api`` command line: one command per module, all reading the same settings."""

from __future__ import annotations

import click

from api.cli.index import index
from api.cli.partners import partners
from api.cli.review import review
from api.cli.serve import schema, serve
from api.cli.translations import translations
from api.cli.validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Bilingual health-content API: validate, index and serve the clinic's content."""


for command in (validate, index, serve, schema, translations, partners, review):
    main.add_command(command)

__all__ = ["main"]
