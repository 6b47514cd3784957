"""The service's Prometheus metrics: declared once here, recorded where each thing happens.

docs/operations.md lists them with what to compute from them. Under ``content-api
serve --workers N`` every worker writes its samples into files of the folder named by
``PROMETHEUS_MULTIPROC_DIR`` (``serve`` makes a private one), and ``/metrics`` adds
them up (``api/scrape.py``); a single process reports its own. Labels take few values
by construction: routes are groups, not paths; partners are the file's names.

This module imports nothing of the service, so every layer may record here.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

PREFIX = "content_api_"

HTTP_REQUESTS = Counter(
    f"{PREFIX}http_requests",
    "HTTP responses sent, by route, status and response locale (Content-Language, or none).",
    ["route", "status", "locale"],
)
GRAPHQL_SECONDS = Histogram(
    f"{PREFIX}graphql_operation_seconds",
    "Time to answer a GraphQL operation that passed every check, by how it was answered: "
    "executed, from the response cache, 304, or executed for a draft preview.",
    ["answer"],
)
SEARCH_SECONDS = Histogram(
    f"{PREFIX}search_seconds",
    "Time of one search or suggest in the index, by locale and kind.",
    ["locale", "kind"],
)
RESPONSE_CACHE = Counter(
    f"{PREFIX}response_cache_lookups",
    "Lookups of cacheable GraphQL responses: replay (byte-identical GET), hit, or miss.",
    ["result"],
)
PERSISTED_QUERIES = Counter(
    f"{PREFIX}persisted_query_lookups",
    "Persisted-query hashes sent: hit (known), miss (PERSISTED_QUERY_NOT_FOUND), "
    "or registered (sent with the text).",
    ["result"],
)
CONTENT_VERSION = Gauge(
    f"{PREFIX}content_version",
    "1 for the content version being served, 0 for versions served before.",
    ["version"],
    multiprocess_mode="livemax",
)
CONTENT_RELOADS = Counter(
    f"{PREFIX}content_reloads",
    "Content changes on disk under live reload: ok (now served) or refused (invalid).",
    ["outcome"],
)
RATE_LIMITED = Counter(
    f"{PREFIX}rate_limited",
    "Requests refused with 429, by partner (`anonymous` for requests without a key).",
    ["partner"],
)
SEARCH_INDEX_OPEN = Gauge(
    f"{PREFIX}search_index_open",
    "1 when the locale's search index of the version served is open (in every worker).",
    ["locale"],
    multiprocess_mode="livemin",
)


def serving_version(version: str, previous: str | None = None) -> None:
    """Record that ``version`` is now served (instead of ``previous``)."""
    if previous is not None and previous != version:
        CONTENT_VERSION.labels(version=previous).set(0)
    CONTENT_VERSION.labels(version=version).set(1)
