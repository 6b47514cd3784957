"""HTTP benchmark (run by hand, not a test): the API under wrk, against a bare Starlette app.

Serves a content tree with its search index prebuilt (by default the cached synthetic
tree of ``--faqs`` FAQs per locale from ``bench/content_tree.py``; ``--corpus
shipped`` for the shipped content) and, in the same run, a bare Starlette app
answering the very same bytes (``bench/bare.py``), both under uvicorn with the same
options. ``content-api index`` runs first, as a deploy runs it (it keeps the validated
snapshot, so that the starts are warm). Every case is checked first (HTTP 200, data,
no ``errors``); then, for each connection count, wrk warms up and measures requests/s,
p50 and p99, for the API and for the bare app. Last come resident memory after the
load, the time from process start to ``/readyz`` answering 200 (median of ``--starts``)
and the targets.

    .venv/bin/python -m bench.http_load                        # 10k FAQs per locale
    .venv/bin/python -m bench.http_load --corpus shipped --duration 3
    .venv/bin/python -m bench.http_load --profile search-uncached   # + py-spy top frames
    .venv/bin/python -m bench.http_load --response-cache off   # every case uncached
    .venv/bin/python -m bench.http_load --starts-only          # time to ready, no wrk
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import httpx

from bench.content_tree import ContentTree, search_terms, shipped_tree, synthetic_tree
from bench.graphql_http import (
    ACCEPT_JSON,
    GRAPHQL_PATH,
    PERSISTED_QUERY_NOT_FOUND,
    BadResponse,
    Variables,
    check_data,
    error_codes,
    get_path,
    persisted_get_path,
    persisted_registration,
)
from bench.profiling import Profile, recording
from bench.servers import (
    ServerProcess,
    api_command,
    free_port,
    launch_server,
    megabytes,
    running_server,
    start_server,
    uvicorn_command,
)
from bench.vocabulary import LOCALES
from bench.wrk import WrkResult, require_wrk, rotating_script, run_wrk

# Targets, at 10k FAQs per locale.
CACHED_THROUGHPUT_RATIO = 0.8
UNCACHED_SEARCH_P99_MS = 50.0
UNCACHED_SEARCH_CONNECTIONS = 16
RSS_LIMIT_MB = 300.0
READY_LIMIT_SECONDS = 2.0

ARTICLE_QUERY = """
query Article($key: String!, $locale: String) {
  article(key: $key, locale: $locale) {
    title summary published { formatted } readingTime { label }
    alternates { hreflang url } sections { key heading body { html } }
    faqs { question }
  }
}"""
FAQ_LIST_QUERY = """
query Faqs($locale: String) {
  faqs(locale: $locale, first: 20) {
    totalCount
    edges { cursor node { key slug question answer { html } } }
    pageInfo { hasNextPage endCursor }
  }
}"""
SEARCH_QUERY = """
query Search($q: String!, $locale: String) {
  search(query: $q, locale: $locale) {
    totalCount suggestion
    hits {
      score snippets { html }
      content { key url ... on Faq { question } ... on Article { title } }
    }
  }
}"""
CACHED_SEARCH = {"q": "kétamine effets", "locale": "fr-CA"}
PERSISTED_SEARCH = {"q": "dépression traitement", "locale": "fr-CA"}
# Distinct searches per wrk run: far more than the response cache keeps (4096 by default).
SEARCHES_PER_RUN = 30_000
PREFLIGHT_SAMPLE = 50
CASE_NAMES = ("article", "faq-list", "search-cached", "search-uncached", "apq")


@dataclass(frozen=True)
class DistinctSearches:
    """Search GETs that never repeat within a run: pairs of terms, locales alternating.

    Run ``n`` takes requests ``n * SEARCHES_PER_RUN`` onwards, so that runs do not
    share requests either (until the pairs run out, far more than a cache keeps).
    """

    terms: Mapping[str, Sequence[str]]

    def paths(self, run: int) -> list[str]:
        first = run * SEARCHES_PER_RUN
        return [self.path(number) for number in range(first, first + SEARCHES_PER_RUN)]

    def path(self, number: int) -> str:
        locale = LOCALES[number % len(LOCALES)]
        words = self.terms[locale]
        pair = number // len(LOCALES)
        first = pair % len(words)
        second = (first + 1 + pair // len(words)) % len(words)
        return get_path(SEARCH_QUERY, {"q": f"{words[first]} {words[second]}", "locale": locale})


@dataclass(frozen=True)
class Case:
    """One kind of request, measured alone."""

    name: str
    label: str
    path: str
    # The response cache serves it: the throughput target against bare applies.
    cached: bool
    rotation: DistinctSearches | None = None
    # Registered by one POST before the GETs that send only its hash.
    persisted: tuple[str, Variables] | None = None


@dataclass(frozen=True)
class Preflight:
    body: str
    cache_control: str
    etag: str
    revalidated_status: int | None

    def describe(self) -> str:
        revalidation = (
            f"If-None-Match -> {self.revalidated_status}"
            if self.revalidated_status is not None
            else "no ETag"
        )
        return (
            f"{len(self.body.encode()):>7,} bytes, Cache-Control: {self.cache_control or '-'}, "
            f"{revalidation}"
        )


@dataclass(frozen=True)
class Measurement:
    case: Case
    connections: int
    api: WrkResult
    bare: WrkResult

    @property
    def ratio(self) -> float:
        return self.api.requests_per_second / self.bare.requests_per_second


@dataclass
class Runs:
    """Numbers wrk runs, so that each rotation gets requests no earlier run sent."""

    counter: Iterator[int] = field(default_factory=lambda: count(1))

    def next(self) -> int:
        return next(self.counter)


def cases(tree: ContentTree) -> list[Case]:
    article_key = min(path.stem for path in (tree.content_dir / "articles").glob("*.yaml"))
    searches = DistinctSearches(search_terms(tree))
    return [
        Case(
            "article",
            "article, GET (cached)",
            get_path(ARTICLE_QUERY, {"key": article_key, "locale": "fr-CA"}),
            cached=True,
        ),
        Case(
            "faq-list",
            "FAQ list first: 20, GET (cached)",
            get_path(FAQ_LIST_QUERY, {"locale": "fr-CA"}),
            cached=True,
        ),
        Case(
            "search-cached",
            "search, same GET URL (cached)",
            get_path(SEARCH_QUERY, CACHED_SEARCH),
            cached=True,
        ),
        Case(
            "search-uncached",
            f"search, GET, {SEARCHES_PER_RUN:,} distinct/run",
            searches.path(0),
            cached=False,
            rotation=searches,
        ),
        Case(
            "apq",
            "search, APQ GET by hash (cached)",
            persisted_get_path(SEARCH_QUERY, PERSISTED_SEARCH),
            cached=True,
            persisted=(SEARCH_QUERY, PERSISTED_SEARCH),
        ),
    ]


# -- checking ------------------------------------------------------------------


def preflight(client: httpx.Client, case: Case) -> Preflight:
    """Check the case answers 200 with data and no errors; raise BadResponse otherwise."""
    if case.persisted is not None:
        unknown = client.get(case.path)
        if PERSISTED_QUERY_NOT_FOUND not in error_codes(unknown):
            raise BadResponse(
                f"{case.name}: an unregistered hash should give {PERSISTED_QUERY_NOT_FOUND}, "
                f"got HTTP {unknown.status_code}: {unknown.text[:300]}"
            )
        query, variables = case.persisted
        registered = client.post(GRAPHQL_PATH, json=persisted_registration(query, variables))
        check_data(registered, f"{case.name}: registering the query")
    first = client.get(case.path)
    check_data(first, case.name)
    if case.rotation is not None:
        # Run 0 is only for checking; the measured runs start at 1.
        sample = case.rotation.paths(0)
        for path in sample[:: len(sample) // PREFLIGHT_SAMPLE]:
            check_data(client.get(path), f"{case.name}: {path}")
    again = client.get(case.path)
    check_data(again, f"{case.name}, again")
    etag = again.headers.get("etag", "")
    revalidated = client.get(case.path, headers={"If-None-Match": etag}) if etag else None
    return Preflight(
        body=first.text,
        cache_control=again.headers.get("cache-control", ""),
        etag=etag,
        revalidated_status=revalidated.status_code if revalidated is not None else None,
    )


# -- measuring -----------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """How each measurement is run."""

    seconds: float
    warmup_seconds: float
    threads: int
    # uvicorn workers of the bare app, as of the API.
    workers: int
    scratch: Path
    runs: Runs = field(default_factory=Runs)

    def api(self, server: ServerProcess, case: Case, connections: int) -> WrkResult:
        if self.warmup_seconds > 0:
            self._run(server, case, connections, self.warmup_seconds)
        result = self._run(server, case, connections, self.seconds)
        if case.rotation is not None and result.requests > SEARCHES_PER_RUN:
            print(f"  note: {case.name} went round its {SEARCHES_PER_RUN:,} searches")
        return result

    def bare(self, server: ServerProcess, case: Case, connections: int) -> WrkResult:
        url = f"{server.url}/{case.name}"
        if self.warmup_seconds > 0:
            run_wrk(url, connections=connections, seconds=self.warmup_seconds, threads=self.threads)
        return run_wrk(url, connections=connections, seconds=self.seconds, threads=self.threads)

    def _run(
        self, server: ServerProcess, case: Case, connections: int, seconds: float
    ) -> WrkResult:
        if case.rotation is None:
            return run_wrk(
                server.url + case.path,
                connections=connections,
                seconds=seconds,
                threads=self.threads,
            )
        run = self.runs.next()
        script = rotating_script(
            case.rotation.paths(run), self.scratch, f"{case.name}-{run}", self.threads
        )
        return run_wrk(
            server.url,
            connections=connections,
            seconds=seconds,
            threads=self.threads,
            script=script,
        )


# -- reporting -----------------------------------------------------------------

HEADER = (
    f"{'case':<36} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
    f"{'non-2xx':>7} {'errors':>6} | {'bare req/s':>10} {'p50 ms':>7} {'p99 ms':>7} | ratio"
)


def row(measurement: Measurement) -> str:
    api, bare = measurement.api, measurement.bare
    line = (
        f"{measurement.case.label:<36} {measurement.connections:>5} "
        f"{api.requests_per_second:>8,.0f} {api.p50_ms:>8.2f} {api.p99_ms:>8.2f} "
        f"{api.non_2xx:>7} {api.socket_errors:>6} | {bare.requests_per_second:>10,.0f} "
        f"{bare.p50_ms:>7.2f} {bare.p99_ms:>7.2f} | {measurement.ratio:.2f}x"
    )
    if api.non_2xx or api.socket_errors or bare.non_2xx or bare.socket_errors:
        line += "  <-- errors: see wrk counts"
    return line


def verdict(passed: bool, text: str) -> str:
    return f"  {'PASS' if passed else 'MISS'}  {text}"


def targets(
    measurements: Sequence[Measurement],
    rss_mb: float,
    ready_seconds: float,
    response_cache: bool,
) -> list[str]:
    lines = []
    for measurement in measurements:
        if not measurement.case.cached:
            continue
        text = (
            f"{measurement.case.label} at {measurement.connections} connections: "
            f"{measurement.ratio:.2f}x bare throughput (target >= {CACHED_THROUGHPUT_RATIO:.1f}x)"
        )
        if response_cache:
            lines.append(verdict(measurement.ratio >= CACHED_THROUGHPUT_RATIO, text))
        else:
            lines.append(f"  n/a   {text}: response cache off")
    for measurement in measurements:
        if measurement.case.rotation and measurement.connections == UNCACHED_SEARCH_CONNECTIONS:
            p99 = measurement.api.p99_ms
            lines.append(
                verdict(
                    p99 <= UNCACHED_SEARCH_P99_MS,
                    f"uncached search p99 at {measurement.connections} connections: {p99:.1f} ms "
                    f"({p99 / UNCACHED_SEARCH_P99_MS:.2f}x the {UNCACHED_SEARCH_P99_MS:.0f} ms "
                    "target)",
                )
            )
    lines.append(
        verdict(
            rss_mb <= RSS_LIMIT_MB,
            f"RSS after the load: {rss_mb:.0f} MB ({rss_mb / RSS_LIMIT_MB:.2f}x the "
            f"{RSS_LIMIT_MB:.0f} MB target)",
        )
    )
    lines.append(ready_verdict(ready_seconds))
    return lines


def ready_verdict(ready_seconds: float) -> str:
    return verdict(
        ready_seconds <= READY_LIMIT_SECONDS,
        f"ready with a prebuilt index: {ready_seconds:.2f} s "
        f"({ready_seconds / READY_LIMIT_SECONDS:.2f}x the {READY_LIMIT_SECONDS:.0f} s target)",
    )


def ready_report(timings: Sequence[float]) -> str:
    return (
        f"ready (process start to /readyz 200): median {statistics.median(timings):.2f} s of "
        f"{', '.join(f'{seconds:.2f}' for seconds in timings)}"
    )


# -- the run -------------------------------------------------------------------


def api_environment(tree: ContentTree, response_cache: bool) -> dict[str, str]:
    environment = {
        **tree.environment(),
        # Measure the prebuilt index: fail rather than build one at startup.
        "CONTENT_API_BUILD_INDEX": "false",
        "CONTENT_API_LOG_LEVEL": "warning",
        "CONTENT_API_PUBLIC_URL": "https://clinic.example",
        # One client address sends everything here: no per-address limit may apply.
        "CONTENT_API_ANONYMOUS_RATE_LIMIT": "1000000000/second",
    }
    if not response_cache:
        environment["CONTENT_API_RESPONSE_CACHE_ENTRIES"] = "0"
    return environment


def prepare_warm_start(environment: Mapping[str, str]) -> float:
    """Run ``content-api index`` as a deploy does, so that the server starts warm; its seconds.

    It keeps the validated snapshot beside the index (the index itself is prebuilt);
    a server without live reload never writes it, so without this every start is cold.
    """
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "content-api"), "index"],
        env={**os.environ, **environment},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def timed_starts(
    starts: int, workers: int, environment: Mapping[str, str]
) -> tuple[list[float], ServerProcess]:
    """Start the API ``starts`` times, timing each until ready; the last one keeps running."""
    timings = []
    for number in range(starts):
        port = free_port()
        server = start_server(api_command(port, workers), port, environment)
        timings.append(server.seconds_to_ready)
        print(f"  start {number + 1}: ready after {server.seconds_to_ready:.2f} s")
        if number < starts - 1:
            server.stop()
    return timings, server


def profile_startup(workers: int, environment: Mapping[str, str], scratch: Path) -> Path:
    port = free_port()
    output = scratch / "startup.profile"
    server = launch_server(api_command(port, workers), port, environment)
    try:
        with recording(server.pid, output):
            seconds = server.wait_until_ready()
    finally:
        server.stop()
    print(f"\nprofile of one start (ready after {seconds:.2f} s under py-spy):")
    print(Profile.read(output).top())
    return output


def profile_case(server: ServerProcess, case: Case, connections: int, load: Load) -> Path:
    output = load.scratch / f"{case.name}.profile"
    with recording(server.pid, output, load.seconds):
        result = load.api(server, case, connections)
    print(
        f"\nprofile of {case.label} at {connections} connections "
        f"({result.requests_per_second:,.0f} req/s under py-spy):"
    )
    print(Profile.read(output).top())
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", choices=("synthetic", "shipped"), default="synthetic")
    parser.add_argument("--faqs", type=int, default=10_000, help="FAQs per locale (synthetic)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the synthetic tree")
    parser.add_argument("--duration", type=float, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up before each")
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers, both servers")
    parser.add_argument("--starts", type=int, default=3, help="starts timed until ready")
    parser.add_argument("--response-cache", choices=("on", "off"), default="on")
    parser.add_argument("--cases", nargs="+", choices=CASE_NAMES, default=CASE_NAMES)
    parser.add_argument(
        "--profile",
        choices=[*CASE_NAMES, "startup"],
        help="also record one case (or a start) with py-spy and print its top frames",
    )
    parser.add_argument("--profile-connections", type=int, default=16)
    parser.add_argument(
        "--profile-output",
        type=Path,
        help="keep py-spy's raw samples here (collapsed stacks, for flamegraph tools)",
    )
    parser.add_argument(
        "--starts-only",
        action="store_true",
        help="time the starts and print the ready target only: no load, wrk not needed",
    )
    arguments = parser.parse_args()
    if not arguments.starts_only:
        require_wrk()
    with tempfile.TemporaryDirectory(prefix="http-load-") as scratch_name:
        run(arguments, Path(scratch_name))


def run(arguments: argparse.Namespace, scratch: Path) -> None:
    if arguments.corpus == "shipped":
        tree = shipped_tree(scratch / "shipped")
    else:
        tree = synthetic_tree(arguments.faqs, rebuild=arguments.rebuild)
    response_cache = arguments.response_cache == "on"
    environment = api_environment(tree, response_cache)
    wanted = {*arguments.cases, arguments.profile}
    selected = [case for case in cases(tree) if case.name in wanted]
    load = Load(arguments.duration, arguments.warmup, arguments.threads, arguments.workers, scratch)
    print(f"corpus: {tree.describe()}")
    print(
        f"{os.cpu_count()} CPUs; {arguments.workers} uvicorn worker(s) per server; wrk with "
        f"{arguments.threads} threads, {arguments.warmup:g} s warm-up + {arguments.duration:g} s "
        f"per measurement; response cache {arguments.response_cache}"
    )
    print(f"\ncontent-api index: {prepare_warm_start(environment):.2f} s")
    print(f"starting the API {arguments.starts} time(s) after it, on the prebuilt index:")
    timings, api = timed_starts(arguments.starts, arguments.workers, environment)
    if arguments.starts_only:
        api.stop()
        print(f"\n{ready_report(timings)}\n{ready_verdict(statistics.median(timings))}")
        return
    profile = None
    try:
        idle_rss = megabytes(api.rss_bytes())
        bodies = check_cases(api, selected)
        measured = [case for case in selected if case.name in arguments.cases]
        measurements = measure(api, measured, bodies, arguments.connections, load)
        rss = megabytes(api.rss_bytes())
        ready = statistics.median(timings)
        print(f"\nRSS of the API: {idle_rss:.0f} MB when ready, {rss:.0f} MB after the load")
        print(ready_report(timings))
        print(f"\ntargets ({tree.faqs:,} FAQs per locale; set for 10,000):")
        print("\n".join(targets(measurements, rss, ready, response_cache)))
        if arguments.profile not in (None, "startup"):
            case = next(case for case in selected if case.name == arguments.profile)
            profile = profile_case(api, case, arguments.profile_connections, load)
    finally:
        api.stop()
    if arguments.profile == "startup":
        profile = profile_startup(arguments.workers, environment, scratch)
    if profile is not None and arguments.profile_output is not None:
        shutil.copyfile(profile, arguments.profile_output)
        print(f"raw samples: {arguments.profile_output}")


def check_cases(api: ServerProcess, selected: Sequence[Case]) -> dict[str, str]:
    """Each case's response body, once checked; exit with the problem if one fails."""
    print("\nchecking each case (HTTP 200, data, no errors):")
    bodies = {}
    with httpx.Client(base_url=api.url, timeout=60, headers=ACCEPT_JSON) as client:
        for case in selected:
            try:
                checked = preflight(client, case)
            except BadResponse as error:
                raise SystemExit(f"FAILED: {error}") from error
            bodies[case.name] = checked.body
            print(f"  {case.name:<16} {checked.describe()}")
            if case.cached and not (checked.etag or checked.cache_control):
                print("    warning: no ETag or Cache-Control: is the response cache on?")
    return bodies


def measure(
    api: ServerProcess,
    selected: Sequence[Case],
    bodies: Mapping[str, str],
    connection_counts: Sequence[int],
    load: Load,
) -> list[Measurement]:
    """Each case at each connection count, against the API and the bare app."""
    bodies_file = load.scratch / "bodies.json"
    bodies_file.write_text(json.dumps(dict(bodies)), encoding="utf-8")
    bare_port = free_port()
    measurements = []
    with running_server(
        uvicorn_command("bench.bare:app_from_environment", bare_port, load.workers),
        bare_port,
        {"BENCH_BARE_BODIES": str(bodies_file)},
        ready_path="/",
    ) as bare:
        print(f"\n{HEADER}")
        for connections in connection_counts:
            for case in selected:
                measurement = Measurement(
                    case,
                    connections,
                    api=load.api(api, case, connections),
                    bare=load.bare(bare, case, connections),
                )
                measurements.append(measurement)
                print(row(measurement), flush=True)
    return measurements


if __name__ == "__main__":
    main()
