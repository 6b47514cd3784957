"""Settings: each declared once (name, default, help, parser), read from the environment.

A setting is a field of ``Settings`` made with ``setting()``; the table behind
``content-api serve --help-settings``, the README's list (checked by a test) and the
parsing of ``CONTENT_API_*`` variables are all read from those fields, so a default
is written in one place only. Every limit a client can run into is one of them, but for
a partner's own rate limit, which its entry in the partners file gives.

This module imports nothing of the service: any part of it may read its settings.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from api.rate_limits import RateLimit

ENV_PREFIX = "CONTENT_API_"

T = TypeVar("T")


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


def _whole_number(minimum: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        value = int(raw.strip())
        if value < minimum:
            raise ValueError(f"expected a whole number of at least {minimum}, got {raw!r}")
        return value

    return parse


def _whole_number_at_most(minimum: int, maximum: int) -> Callable[[str], int]:
    at_least = _whole_number(minimum)

    def parse(raw: str) -> int:
        value = at_least(raw)
        if value > maximum:
            raise ValueError(f"expected a whole number of at most {maximum}, got {raw!r}")
        return value

    return parse


_positive_int = _whole_number(1)
_non_negative_int = _whole_number(0)


def _positive_seconds(raw: str) -> float:
    value = float(raw.strip())
    if not value > 0:
        raise ValueError(f"expected a number of seconds above 0, got {raw!r}")
    return value


def _optional_path(raw: str) -> Path | None:
    return Path(raw.strip()) if raw.strip() else None


def _url_list(raw: str) -> tuple[str, ...]:
    """Comma-separated absolute http(s) URLs; empty for none."""
    urls = tuple(part.strip() for part in raw.split(",") if part.strip())
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"expected absolute http(s) URLs separated by commas, got {url!r}")
    return urls


def _one_of(*choices: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in choices:
            raise ValueError(f"expected {', '.join(choices[:-1])} or {choices[-1]}, got {raw!r}")
        return value

    return parse


def _redis_url(raw: str) -> str:
    url = raw.strip()
    if url and urlsplit(url).scheme not in {"redis", "rediss"}:
        raise ValueError(f"expected a redis:// or rediss:// URL, got {raw!r}")
    return url


_log_level = _one_of("critical", "error", "warning", "info", "debug")


def _proxy_addresses(raw: str) -> tuple[str, ...]:
    """Comma-separated IP addresses or networks (``10.0.0.0/8``), or ``*`` for any."""
    addresses = tuple(part.strip() for part in raw.split(",") if part.strip())
    for address in addresses:
        if address != "*":
            try:
                ipaddress.ip_network(address, strict=False)
            except ValueError:
                raise ValueError(f"{address!r} is not an IP address or network") from None
    return addresses


@dataclass(frozen=True)
class Setting:
    """One row of the settings table: what ``--help-settings`` prints and how it parses."""

    name: str
    # As it would be written in the environment.
    default: str
    help: str
    parse: Callable[[str], Any]

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper()


_DECLARATION = "setting"


def setting(default: str, help: str, parse: Callable[[str], T]) -> T:
    """Declare a field of ``Settings``: its default as the environment writes it, its help
    and its parser (which also gives the field its default value)."""
    # dataclasses reads the Field; type checkers see the value it stands for.
    return field(default=parse(default), metadata={_DECLARATION: (default, help, parse)})


@dataclass(frozen=True)
class Settings:
    """The service's configuration; build it with ``from_env`` or pass fields directly."""

    content_dir: Path = setting("content", "Folder of language-neutral content YAML.", Path)
    locales_dir: Path = setting("locales", "Folder of locale texts and `locales.yaml`.", Path)
    index_dir: Path = setting(
        "search_index",
        "Folder holding the built search indexes, one sub-folder per content version.",
        Path,
    )
    build_index: bool = setting(
        "true",
        "Build the search index at startup when none exists for the content version.",
        _boolean,
    )
    index_versions_kept: int = setting(
        "2",
        "Older search index versions kept besides the one served (for rollbacks); older "
        "ones are deleted once no process reads them.",
        _non_negative_int,
    )
    public_url: str = setting(
        "http://127.0.0.1:8000",
        "Public base URL of the site; absolute links and hreflang alternates start with it.",
        _public_url,
    )
    graphiql: bool = setting("true", "Serve GraphiQL when a browser opens `/graphql`.", _boolean)
    watch: bool = setting(
        "false",
        "Watch the content and locales folders and serve valid edits within seconds "
        "(`make run` turns it on).",
        _boolean,
    )
    log_level: str = setting("info", "Log level of the service's own logs.", _log_level)
    log_format: str = setting(
        "text",
        "`text`: one line per entry (UTC time, level, logger, request id, message); "
        "`json`: one JSON object per line.",
        _one_of("text", "json"),
    )
    # Operations (docs/operations.md).
    operator_token: str = setting(
        "",
        "Bearer token of operators (`Authorization: Bearer ...`); empty for no operator access.",
        str.strip,
    )
    # Draft previews (docs/publishing.md).
    preview_token: str = setting(
        "",
        "Bearer token that shows drafts in GraphQL (`Authorization: Bearer ...`), never "
        "cached; empty for no previews.",
        str.strip,
    )
    metrics: str = setting(
        "token",
        "Prometheus metrics at `/metrics`: `off`, `open` to anyone, or `token` "
        "(the operator token only).",
        _one_of("off", "open", "token"),
    )
    redis_url: str = setting(
        "",
        "Redis shared by replicas for rate limits and persisted queries "
        "(`redis://host:6379/0`); empty keeps them in each process.",
        _redis_url,
    )
    # Request limits (docs/limits.md).
    max_body_bytes: int = setting(
        "16384", "Largest request body accepted; larger ones get 413.", _positive_int
    )
    max_query_depth: int = setting("15", "Deepest field nesting in one query.", _positive_int)
    max_query_tokens: int = setting(
        "2000", "Most lexical tokens in one query document.", _positive_int
    )
    max_aliases: int = setting(
        "30", "Most aliases in one operation, counted through fragments.", _positive_int
    )
    max_directives: int = setting("20", "Most directives in one operation.", _positive_int)
    max_complexity: int = setting(
        "1000",
        "Cost budget of one operation (lists and search cost more; see docs/limits.md).",
        _positive_int,
    )
    introspection: bool = setting(
        "true", "Answer introspection queries (`__schema`, `__type`).", _boolean
    )
    # Search limits (docs/search.md): what keeps any one search cheap, whatever is typed.
    max_search_chars: int = setting("500", "Longest search or suggest string.", _positive_int)
    max_search_terms: int = setting(
        "32", "Most words in one search, stop words included.", _positive_int
    )
    search_time_limit: float = setting(
        "2.0", "Seconds a search may run before it is abandoned.", _positive_seconds
    )
    max_search_offset: int = setting(
        "1000", "Deepest position in the results a search may page to.", _non_negative_int
    )
    min_prefix_chars: int = setting(
        "3", "Letters a `word*` prefix needs before it expands.", _positive_int
    )
    max_prefix_expansions: int = setting(
        "20", "Words one `word*` prefix expands to, at most.", _positive_int
    )
    max_prefix_scan: int = setting(
        "500",
        "Vocabulary entries examined for one prefix (autocomplete or `word*`).",
        _positive_int,
    )
    max_typo_variants: int = setting(
        "3", "Misspellings of one word searched for alongside it.", _non_negative_int
    )
    # Caching (docs/caching.md).
    response_cache_entries: int = setting(
        "4096",
        "Responses kept in memory per process; 0 turns the response cache off.",
        _non_negative_int,
    )
    persisted_query_entries: int = setting(
        "4096",
        "Automatic persisted queries remembered per process (least recently used go first), "
        "unless they are kept in Redis.",
        _positive_int,
    )
    cache_max_age: int = setting(
        "60",
        "Cache-Control max-age, in seconds, of GET responses "
        "(public for anonymous ones, private for partners).",
        _non_negative_int,
    )
    cache_stale_while_revalidate: int = setting(
        "600",
        "Cache-Control stale-while-revalidate, in seconds, of anonymous GET responses.",
        _non_negative_int,
    )
    require_translations: str = setting(
        "off",
        "Refuse a published item not translated into every enabled locale: `off` (serve "
        "fallback), `missing` (refuse missing translations) or `stale` (missing or stale ones).",
        _one_of("off", "missing", "stale"),
    )
    review_interval_article_days: int = setting(
        "365",
        "Days between medical reviews of an article's text in each locale, unless its "
        "structure file gives `review_interval_days`.",
        _whole_number_at_most(1, 3650),
    )
    review_interval_faq_days: int = setting(
        "365",
        "Days between medical reviews of a FAQ's text in each locale, unless its structure "
        "file gives `review_interval_days`.",
        _whole_number_at_most(1, 3650),
    )
    # Publish events (docs/publishing.md).
    publish_event_urls: tuple[str, ...] = setting(
        "",
        "URLs (comma-separated) that get a signed JSON event when a new content version is "
        "served; empty for none.",
        _url_list,
    )
    publish_event_secret: str = setting(
        "",
        "The HMAC-SHA256 key publish events are signed with (required with "
        "`CONTENT_API_PUBLISH_EVENT_URLS`).",
        str,
    )
    publish_event_queue: int = setting(
        "100",
        "Publish events waiting to be sent; when full, the oldest is dropped.",
        _whole_number_at_most(1, 10_000),
    )
    publish_event_attempts: int = setting(
        "5",
        "Attempts to deliver a publish event to each URL (waiting 1, 2, 4... s between).",
        _whole_number_at_most(1, 20),
    )
    sitemap_max_urls: int = setting(
        "50000",
        "URLs in one sitemap; above it `/sitemap.xml` is an index of `/sitemaps/<n>.xml` "
        "(50,000 is the sitemaps protocol's limit).",
        _whole_number_at_most(1, 50_000),
    )
    # Partners (docs/partners.md).
    partners_file: Path | None = setting(
        "",
        "YAML file of partner clinics (keys, origins, scope, rate limit); empty for none.",
        _optional_path,
    )
    anonymous_access: bool = setting("true", "Serve requests that carry no partner key.", _boolean)
    anonymous_rate_limit: RateLimit | None = setting(
        "120/minute",
        "Rate limit per client address for requests without a key: "
        "COUNT/second|minute|hour, or `off`.",
        RateLimit.parse,
    )
    # The server (docs/hardening.md): what a slow or huge request may hold.
    trusted_proxies: tuple[str, ...] = setting(
        "",
        "Addresses (or networks) of the proxies whose `X-Forwarded-For` and "
        "`X-Forwarded-Proto` are believed, comma-separated; empty for none.",
        _proxy_addresses,
    )
    max_header_bytes: int = setting(
        "16384", "Largest request line and headers accepted; larger ones get 431.", _positive_int
    )
    header_timeout: float = setting(
        "10",
        "Seconds a client may take to send a request's line and headers before the "
        "connection is closed.",
        _positive_seconds,
    )
    body_timeout: float = setting(
        "10",
        "Seconds a client may take to send a request's body; slower ones get 408.",
        _positive_seconds,
    )
    max_connections: int = setting(
        "1000",
        "Connections and requests served at once per worker; beyond it, 503.",
        _positive_int,
    )

    @property
    def snapshot_cache_dir(self) -> Path:
        """Validated snapshots by the digest of their files (api/content/snapshot_cache.py)."""
        return self.index_dir / "snapshots"

    def __post_init__(self) -> None:
        # Rules across settings. An unsigned event could be forged by anyone.
        if self.publish_event_urls and not self.publish_event_secret:
            raise SettingsError(
                "CONTENT_API_PUBLISH_EVENT_URLS is set: CONTENT_API_PUBLISH_EVENT_SECRET "
                "must give the key its events are signed with"
            )
        # One secret for both would show drafts to every dashboard that scrapes /metrics.
        if self.preview_token and self.preview_token == self.operator_token:
            raise SettingsError(
                "CONTENT_API_PREVIEW_TOKEN must differ from CONTENT_API_OPERATOR_TOKEN: "
                "a preview token shows drafts, the operator token shows problems"
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``CONTENT_API_*`` variables; unset ones take their default."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for row in SETTINGS_TABLE:
            raw = environ.get(row.env_var)
            if raw is None:
                continue
            try:
                values[row.name] = row.parse(raw)
            except ValueError as error:
                raise SettingsError(f"{row.env_var}: {error}") from error
        return cls(**values)


SETTINGS_TABLE: tuple[Setting, ...] = tuple(
    Setting(declared.name, *declared.metadata[_DECLARATION]) for declared in fields(Settings)
)
