"""``content-api translations``: the report, and the PO export and import."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from api.cli.options import content_settings, exit_with_problems, load_or_exit, output_format
from api.content import ContentError, ContentSnapshot, TranslationState
from api.settings import Settings
from api.translations.history import SourceHistory
from api.translations.po import (
    apply_import,
    export_catalog,
    import_findings,
    plan_import,
    verify_import,
)
from api.translations.report import ItemReport, TranslationReport, build_report
from api.translations.worddiff import format_word_diff


@click.group()
def translations() -> None:
    """What is missing or stale in each locale, and the PO round trip for translators."""


def _locales(snapshot: ContentSnapshot, locale: str | None) -> list[str]:
    if locale is None:
        return list(snapshot.locales.enabled)
    if not snapshot.locales.is_enabled(locale):
        enabled = ", ".join(snapshot.locales.enabled)
        raise click.BadParameter(f"{locale} is not enabled ({enabled})", param_hint="--locale")
    return [locale]


@translations.command()
@content_settings()
@click.option("--locale", help="Only this locale [default: every enabled locale].")
@output_format
@click.option("--check", is_flag=True, help="Exit 1 unless every translation is CURRENT.")
def status(settings: Settings, locale: str | None, output_format: str, check: bool) -> None:
    """Every item and field: CURRENT, STALE (with a word diff of the source) or MISSING."""
    snapshot = load_or_exit(settings)
    report = build_report(snapshot, _locales(snapshot, locale), SourceHistory())
    if output_format == "json":
        click.echo(json.dumps(_report_json(report), indent=2, ensure_ascii=False))
    else:
        _print_report(report)
    if check and any(item.state is not TranslationState.CURRENT for item in report.items):
        sys.exit(1)


def _report_json(report: TranslationReport) -> dict[str, object]:
    item_totals, field_totals = report.item_totals(), report.field_totals()
    return {
        "locales": {
            locale: {
                "totals": {
                    "items": {state.name: item_totals[locale][state] for state in TranslationState},
                    "fields": {
                        state.name: field_totals[locale][state] for state in TranslationState
                    },
                },
                "items": [_item_json(item) for item in report.items if item.locale == locale],
            }
            for locale in item_totals
        }
    }


def _item_json(item: ItemReport) -> dict[str, object]:
    return {
        "type": item.type.value,
        "key": item.key,
        "state": item.state.name,
        "previous_source_found": item.previous_source_found,
        "fields": [
            {
                "name": field.name,
                "state": field.state.name,
                "diff": None
                if field.source_diff is None
                else [
                    {"change": segment.change.value, "text": segment.text}
                    for segment in field.source_diff
                ],
            }
            for field in item.fields
        ],
    }


def _print_report(report: TranslationReport) -> None:
    item_totals, field_totals = report.item_totals(), report.field_totals()
    for locale, items in item_totals.items():
        fields = field_totals[locale]
        click.echo(
            f"{locale}: items "
            + ", ".join(f"{items[state]} {state.name}" for state in TranslationState)
            + "; fields "
            + ", ".join(f"{fields[state]} {state.name}" for state in TranslationState)
        )
        for item in (entry for entry in report.items if entry.locale == locale):
            click.echo(f"  {item.state.name:<8} {item.type} {item.key}")
            if item.state is TranslationState.CURRENT:
                continue
            if item.previous_source_found is False:
                click.echo(
                    "           (the source text it was translated from is not in git history)"
                )
            for field in item.fields:
                if field.state is TranslationState.CURRENT:
                    continue
                click.echo(f"           {field.state.name:<8} {field.name}")
                if field.source_diff is not None:
                    diff = format_word_diff(field.source_diff).strip()
                    for line in diff.splitlines():
                        click.echo(f"             {line}")


@translations.command(name="export")
@content_settings()
@click.option("--locale", required=True, help="The locale to translate into, e.g. fr-CA.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the PO file here [default: standard output].",
)
def export_command(settings: Settings, locale: str, output: Path | None) -> None:
    """Write a gettext PO file of LOCALE's translations, stale entries marked fuzzy."""
    snapshot = load_or_exit(settings)
    [tag] = _locales(snapshot, locale)
    po = export_catalog(snapshot, tag, SourceHistory())
    if output is None:
        sys.stdout.buffer.write(po)
    else:
        output.write_bytes(po)
        click.echo(f"Wrote {output}.", err=True)


@translations.command(name="import")
@content_settings()
@click.argument("po_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check everything an import checks and say which files would change; write nothing.",
)
@click.option(
    "--allow-warnings",
    is_flag=True,
    help="Write even if the text checks (typography, glossary, SEO lengths) find something; "
    "they are then printed as warnings [default: refuse, write nothing].",
)
def import_command(settings: Settings, po_file: Path, dry_run: bool, allow_warnings: bool) -> None:
    """Write a PO file's translations into the locale YAML files, all or nothing.

    The files it would write are checked as `validate` checks them, and the content
    they make is loaded and validated, before anything is written; --dry-run does the
    same and stops there. Fuzzy entries are left out, and counted.
    """
    snapshot = load_or_exit(settings, "fix the content before importing.")
    try:
        plan = plan_import(snapshot, po_file.read_bytes(), po_file)
        verify_import(snapshot, plan)
    except ContentError as error:
        exit_with_problems(error.problems, "nothing was written.")
    if plan.fuzzy:
        click.echo(
            f"Skipped {len(plan.fuzzy)} fuzzy entr{'y' if len(plan.fuzzy) == 1 else 'ies'} "
            "(not confirmed by a translator; clear the fuzzy flag to import them):",
            err=True,
        )
        for context in plan.fuzzy:
            click.echo(f"  {context}", err=True)
    findings = import_findings(snapshot, plan)
    for finding in findings:
        click.echo(f"{'warning' if allow_warnings else 'error'}: {finding}", err=True)
    if findings and not allow_warnings:
        click.echo(
            f"{len(findings)} text check finding(s); nothing was written "
            "(fix them in the PO file, or pass --allow-warnings).",
            err=True,
        )
        sys.exit(1)
    if not dry_run:
        apply_import(snapshot, plan)
    verb = "Would update" if dry_run else "Updated"
    for path in sorted(plan.changes):
        click.echo(f"{verb} {path}")
    click.echo(f"{verb} {len(plan.changes)} file(s) for {plan.locale}.")
