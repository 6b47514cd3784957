"""Settings: one table of (name, default, help), read from environment variables.

The table is the single source for defaults, validation, ``content-api serve
--help-settings`` and the README, so they cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from api.partners.ratelimit import check_rate_limit

ENV_PREFIX = "CONTENT_API_"


class SettingsError(ValueError):
    """An environment variable holds a value its setting cannot take."""


def _boolean(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected true or false, got {raw!r}")


def _public_url(raw: str) -> str:
    parts = urlsplit(raw.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"expected an absolute http(s) URL, got {raw!r}")
    # Stored without a trailing slash so that links join as base + "/path".
    return raw.strip().rstrip("/")


def _positive_int(raw: str) -> int:
    value = int(raw.strip())
    if value < 1:
        raise ValueError(f"expected a whole number of at least 1, got {raw!r}")
    return value


def _non_negative_int(raw: str) -> int:
    value = int(raw.strip())
    if value < 0:
        raise ValueError(f"expected a whole number of at least 0, got {raw!r}")
    return value


def _optional_path(raw: str) -> Path | None:
    return Path(raw.strip()) if raw.strip() else None


def _log_level(raw: str) -> str:
    level = raw.strip().lower()
    if level not in {"critical", "error", "warning", "info", "debug"}:
        raise ValueError(f"expected critical, error, warning, info or debug, got {raw!r}")
    return level


@dataclass(frozen=True)
class Setting:
    """One row of the settings table."""

    name: str
    default: str
    help: str
    parse: Callable[[str], Any]

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper()


SETTINGS_TABLE: tuple[Setting, ...] = (
    Setting("content_dir", "content", "Folder of language-neutral content YAML.", Path),
    Setting("locales_dir", "locales", "Folder of locale texts and locales.yaml.", Path),
    Setting(
        "index_dir",
        "search_index",
        "Folder holding the built search indexes, one sub-folder per content version.",
        Path,
    ),
    Setting(
        "build_index",
        "true",
        "Build the search index at startup when none exists for the content version.",
        _boolean,
    ),
    Setting(
        "public_url",
        "http://127.0.0.1:8000",
        "Public base URL of the site; absolute links and hreflang alternates start with it.",
        _public_url,
    ),
    Setting("graphiql", "true", "Serve GraphiQL when a browser opens /graphql.", _boolean),
    Setting(
        "watch",
        "false",
        "Watch the content and locales folders and serve valid edits within seconds "
        "(`make run` turns it on).",
        _boolean,
    ),
    Setting("log_level", "info", "Log level of the service's own logs.", _log_level),
    # Request limits (docs: README, "Limits").
    Setting(
        "max_body_bytes",
        "16384",
        "Largest request body accepted; larger ones get 413.",
        _positive_int,
    ),
    Setting("max_query_depth", "15", "Deepest field nesting in one query.", _positive_int),
    Setting(
        "max_query_tokens", "2000", "Most lexical tokens in one query document.", _positive_int
    ),
    Setting(
        "max_aliases",
        "30",
        "Most aliases in one operation, counted through fragments.",
        _positive_int,
    ),
    Setting("max_directives", "20", "Most directives in one operation.", _positive_int),
    Setting(
        "max_complexity",
        "1000",
        "Cost budget of one operation (lists and search cost more; see docs/limits.md).",
        _positive_int,
    ),
    Setting("max_search_chars", "500", "Longest search or suggest string.", _positive_int),
    Setting(
        "introspection", "true", "Answer introspection queries (`__schema`, `__type`).", _boolean
    ),
    # Caching (docs: README, "Caching").
    Setting(
        "response_cache_entries",
        "4096",
        "Responses kept in memory per process; 0 turns the response cache off.",
        _non_negative_int,
    ),
    Setting(
        "persisted_query_entries",
        "4096",
        "Automatic persisted queries remembered per process (least recently used go first).",
        _positive_int,
    ),
    Setting(
        "cache_max_age",
        "60",
        "Cache-Control max-age, in seconds, of GET responses "
        "(public for anonymous ones, private for partners).",
        _non_negative_int,
    ),
    Setting(
        "cache_stale_while_revalidate",
        "600",
        "Cache-Control stale-while-revalidate, in seconds, of anonymous GET responses.",
        _non_negative_int,
    ),
    # Partners (docs: README, "Partner clinics").
    Setting(
        "partners_file",
        "",
        "YAML file of partner clinics (keys, origins, scope, rate limit); empty for none.",
        _optional_path,
    ),
    Setting(
        "anonymous_access",
        "true",
        "Serve requests that carry no partner key.",
        _boolean,
    ),
    Setting(
        "anonymous_rate_limit",
        "120/minute",
        "Token bucket per client address for requests without a key: "
        "COUNT/second|minute|hour, or off.",
        check_rate_limit,
    ),
)


@dataclass(frozen=True)
class Settings:
    """The service's configuration; build it with ``from_env`` or pass fields directly."""

    content_dir: Path = Path("content")
    locales_dir: Path = Path("locales")
    index_dir: Path = Path("search_index")
    build_index: bool = True
    public_url: str = "http://127.0.0.1:8000"
    graphiql: bool = True
    watch: bool = False
    log_level: str = "info"
    max_body_bytes: int = 16384
    max_query_depth: int = 15
    max_query_tokens: int = 2000
    max_aliases: int = 30
    max_directives: int = 20
    max_complexity: int = 1000
    max_search_chars: int = 500
    introspection: bool = True
    response_cache_entries: int = 4096
    persisted_query_entries: int = 4096
    cache_max_age: int = 60
    cache_stale_while_revalidate: int = 600
    partners_file: Path | None = None
    anonymous_access: bool = True
    anonymous_rate_limit: str = "120/minute"

    @property
    def snapshot_cache_dir(self) -> Path:
        """Validated snapshots by the digest of their files (api/content/snapshot_cache.py)."""
        return self.index_dir / "snapshots"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``CONTENT_API_*`` variables; unset ones take the table's default."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS_TABLE:
            raw = environ.get(setting.env_var, setting.default)
            try:
                values[setting.name] = setting.parse(raw)
            except ValueError as error:
                raise SettingsError(f"{setting.env_var}: {error}") from error
        return cls(**values)


def _check_table_matches_fields() -> None:
    # The table and the dataclass are two views of one list; fail at import if they drift.
    table = [setting.name for setting in SETTINGS_TABLE]
    declared = [field.name for field in fields(Settings)]
    if table != declared:
        raise RuntimeError(f"SETTINGS_TABLE {table} does not match Settings fields {declared}")
    for setting in SETTINGS_TABLE:
        if getattr(Settings(), setting.name) != setting.parse(setting.default):
            raise RuntimeError(f"default of {setting.name} differs between table and Settings")


_check_table_matches_fields()
