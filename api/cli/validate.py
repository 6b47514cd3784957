"""``content-api validate``: check every content file, then the translators' text checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from api.cli.options import content_settings, exit_with_problems, output_format
from api.content import ContentError, ContentSnapshot, TranslationState, load_content
from api.content.publish_gate import check_publish_gate
from api.content.textchecks import TextChecks, TextFinding, locale_files
from api.serving.services import translation_requirement
from api.settings import Settings


@click.command()
@content_settings()
@output_format
@click.option("--fix", is_flag=True, help="Apply the safe typography fixes in place.")
def validate(settings: Settings, output_format: str, fix: bool) -> None:
    """Check every content and locale file; exit 1 listing all problems if any.

    Every locale's text is also checked against its house typography, the glossary's
    preferred terms and SEO lengths (docs/translating.md); those findings are
    warnings (exit 0), and --fix applies the typography fixes that are safe.
    """
    try:
        snapshot = load_content(settings.content_dir, settings.locales_dir)
        fixed = _fix_typography(snapshot) if fix else 0
        if fixed:
            snapshot = load_content(settings.content_dir, settings.locales_dir)
        check_publish_gate(snapshot, translation_requirement(settings))
    except ContentError as error:
        if output_format != "json":
            exit_with_problems(error.problems)
        report = {"valid": False, "problems": [p.as_dict() for p in error.problems]}
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        sys.exit(1)
    findings = _text_findings(snapshot)
    if output_format == "json":
        report = _summary(snapshot) | {
            "fixed": fixed,
            "warnings": [finding.as_dict() for finding in findings],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    _print_summary(snapshot)
    if fix:
        click.echo(f"Applied {fixed} typography fix{'es' if fixed != 1 else ''}.")
    for finding in findings:
        click.echo(f"warning: {finding}", err=True)
    if findings:
        click.echo(f"{len(findings)} text warning(s).", err=True)


def _checked_files(snapshot: ContentSnapshot) -> list[tuple[TextChecks, Path, Path]]:
    """The checks of each locale file's locale, its path on disk and its path as shown."""
    base = snapshot.content_dir.parent
    return [
        (
            TextChecks(tag, snapshot.glossary),
            path,
            path.relative_to(base) if path.is_relative_to(base) else path,
        )
        for tag, path in locale_files(snapshot.locales_dir, snapshot.locales.enabled)
    ]


def _text_findings(snapshot: ContentSnapshot) -> list[TextFinding]:
    return [
        finding
        for checks, path, shown in _checked_files(snapshot)
        for finding in checks.check_file(path, shown)
    ]


def _fix_typography(snapshot: ContentSnapshot) -> int:
    return sum(checks.fix_file(path, shown) for checks, path, shown in _checked_files(snapshot))


def _summary(snapshot: ContentSnapshot) -> dict[str, object]:
    return {
        "valid": True,
        "version": snapshot.version,
        "locales": list(snapshot.locales.enabled),
        "default_locale": snapshot.locales.default,
        "counts": {
            "article": len(snapshot.articles),
            "faq": len(snapshot.faqs),
            "notice": len(snapshot.notices.notices),
        },
        "translation_states": {
            kind: {
                locale: {state.name: count for state, count in states.items()}
                for locale, states in per_locale.items()
            }
            for kind, per_locale in snapshot.state_counts().items()
        },
        "problems": [],
    }


def _print_summary(snapshot: ContentSnapshot) -> None:
    click.echo(f"Content version {snapshot.version}: valid.")
    click.echo(
        f"  {len(snapshot.articles)} article(s), {len(snapshot.faqs)} FAQ(s), "
        f"{len(snapshot.notices.notices)} safety notice(s)"
    )
    click.echo(
        f"  locales: {', '.join(snapshot.locales.enabled)} (default {snapshot.locales.default})"
    )
    header = f"  {'type':<8} {'locale':<7}" + "".join(f" {s.name:>8}" for s in TranslationState)
    click.echo(header)
    for kind, per_locale in snapshot.state_counts().items():
        for locale, states in per_locale.items():
            counts = "".join(f" {states[state]:>8}" for state in TranslationState)
            click.echo(f"  {kind:<8} {locale:<7}{counts}")
