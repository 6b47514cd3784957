"""``content-api partners``: make keys for partner clinics, and list what the file says."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from api.cli.options import environment_settings, exit_with_problems, output_format
from api.files.atomic import write_atomically
from api.partners.editing import with_key_added
from api.partners.keys import generate_key, key_digest, short_digest
from api.partners.registry import (
    Partner,
    PartnerRegistry,
    PartnersFileError,
    load_partners,
    parse_partners,
)
from api.rate_limits import UNLIMITED


@click.group()
def partners() -> None:
    """Partner clinics: their keys, allowed origins, scopes and rate limits."""


def _file_option(command: Any) -> Any:
    return click.option(
        "--file",
        "path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The partners file [default: $CONTENT_API_PARTNERS_FILE].",
    )(command)


def _partners_path(path: Path | None) -> Path:
    if path is not None:
        return path
    configured = environment_settings().partners_file
    if configured is None:
        raise click.UsageError("no partners file: pass --file or set CONTENT_API_PARTNERS_FILE")
    return configured


def _load_or_exit(path: Path) -> PartnerRegistry:
    try:
        return load_partners(path)
    except PartnersFileError as error:
        exit_with_problems(error.problems)


@partners.command("add-key")
@click.argument("name")
@_file_option
@click.option("--label", help="What the key is for (a site, an environment), kept beside it.")
def add_key(name: str, path: Path | None, label: str | None) -> None:
    """Make a key for partner NAME: print it once, keep only its SHA-256 digest in the file.

    The rest of the file (comments, order, layout) is left as it is. Running servers
    pick the key up within seconds.
    """
    path = _partners_path(path)
    registry = _load_or_exit(path)
    partner = registry.partner(name)
    if partner is None:
        known = ", ".join(p.name for p in registry.partners) or "none yet"
        click.echo(f"No partner {name!r} in {path} (partners: {known}).", err=True)
        sys.exit(1)
    key = generate_key()
    text = with_key_added(path.read_text(encoding="utf-8"), name, key_digest(key), label=label)
    try:
        parse_partners(text, path)
    except PartnersFileError as error:  # pragma: no cover - the edit keeps a valid file valid
        exit_with_problems(error.problems)
    write_atomically(path, text)
    click.echo(
        f"New key for {partner.display_name} ({name}). Copy it now: only its digest is kept.",
        err=True,
    )
    click.echo(key)


@partners.command("list")
@_file_option
@output_format
def list_partners(path: Path | None, output_format: str) -> None:
    """List the partners: origins, scope, rate limit, and keys (by label, never in full)."""
    registry = _load_or_exit(_partners_path(path))
    summaries = [_summary(partner) for partner in registry.partners]
    if output_format == "json":
        click.echo(json.dumps(summaries, indent=2, ensure_ascii=False))
        return
    if not summaries:
        click.echo("No partners.")
    for summary in summaries:
        click.echo(f"{summary['name']}: {summary['display_name']}")
        click.echo(f"  origins:    {', '.join(summary['origins']) or 'none (servers only)'}")
        click.echo(f"  rate limit: {summary['rate_limit']}")
        scope = summary["scope"]
        parts = [f"{part} {', '.join(values)}" for part, values in scope.items() if values]
        click.echo(f"  scope:      {'; '.join(parts) or 'everything'}")
        click.echo(f"  keys:       {len(summary['keys'])}")
        for key in summary["keys"]:
            details = ", ".join(str(key[field]) for field in ("label", "created") if key[field])
            click.echo(f"    {key['digest']}" + (f" ({details})" if details else ""))


def _summary(partner: Partner) -> dict[str, Any]:
    scope = partner.scope
    return {
        "name": partner.name,
        "display_name": partner.display_name,
        "origins": [str(origin) for origin in partner.origins],
        "rate_limit": str(partner.rate_limit) if partner.rate_limit else UNLIMITED,
        "scope": {
            "locales": sorted(scope.locales) if scope.locales is not None else None,
            "tags": sorted(scope.tags) if scope.tags is not None else None,
            "items": sorted(scope.items) if scope.items is not None else None,
        },
        "keys": [
            {
                "digest": short_digest(key.digest),
                "label": key.label,
                "created": key.created.isoformat() if key.created else None,
            }
            for key in partner.keys
        ],
    }
