"""Soak test (run by hand, not a test): a live-reloading server under load while content changes.

Serves a copy of the shipped content with ``CONTENT_API_WATCH=true`` and runs
``--clients`` concurrent clients for ``--duration`` seconds: a mix of article, FAQ,
search, suggest and APQ queries over GET and POST, some with bad input
(``bench/traffic.py``). Meanwhile a writer edits a French FAQ every
``--edit-interval`` seconds, alternating valid edits, which must be served, and
invalid ones, which must never be (``bench/edits.py``); a poller reads that FAQ
every 100 ms. At the end the file is restored and must be served as it was.

Prints the requests by status and outcome, failures, latency, the content versions
seen, what became of each edit, resident memory at the start, middle and end, and
PASS/FAIL; exits 1 on any FAIL.

    .venv/bin/python -m bench.soak [--duration 60] [--clients 16] [--edit-interval 1]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.serving.live import RETIRE_AFTER_SECONDS
from bench.content_tree import ContentTree, search_terms, shipped_tree
from bench.edits import ContentEditor, Edit
from bench.graphql_http import ACCEPT_JSON
from bench.latency import Latency
from bench.servers import ServerProcess, api_command, free_port, megabytes, running_server
from bench.traffic import FAQ, Outcome, PlannedRequest, Tally, Traffic

# Made up for the run: the soak reads /readyz's problem list as the operator does.
OPERATOR_TOKEN = "soak-operator-token"
OPERATOR_HEADERS = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}
EDITED_FAQ = "side-effects"
POLL_SECONDS = 0.1
RSS_SAMPLE_SECONDS = 1.0
REQUEST_TIMEOUT_SECONDS = 10.0
RESTORE_DEADLINE_SECONDS = 15.0
# "Memory stable": the end of the run no more than this far above its middle.
MEMORY_GROWTH_LIMIT = 0.10


@dataclass
class MemorySamples:
    """RSS of the server, sampled through the run: (seconds since the start, bytes)."""

    samples: list[tuple[float, int]] = field(default_factory=list)

    def at(self, seconds: float) -> int:
        return min(self.samples, key=lambda sample: abs(sample[0] - seconds))[1]

    def timeline(self, every: float = 10.0) -> str:
        shown, next_at = [], 0.0
        for seconds, rss in self.samples:
            if seconds >= next_at:
                shown.append(f"{seconds:.0f}s {megabytes(rss):.0f}")
                next_at += every
        return ", ".join(shown) + " (MB)"


@dataclass
class Soak:
    """One run's moving parts: the server, the clients' tally, the editor and memory."""

    server: ServerProcess
    editor: ContentEditor
    traffic: Traffic
    arguments: argparse.Namespace
    tally: Tally = field(default_factory=Tally)
    memory: MemorySamples = field(default_factory=MemorySamples)
    started: float = field(default_factory=time.monotonic)
    initial_version: str = ""
    restored_after: float | None = None

    @property
    def deadline(self) -> float:
        return self.started + float(self.arguments.duration)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    async def run(self) -> None:
        limits = httpx.Limits(max_connections=self.arguments.clients + 4)
        async with httpx.AsyncClient(
            base_url=self.server.url,
            timeout=REQUEST_TIMEOUT_SECONDS,
            limits=limits,
            headers=ACCEPT_JSON,
        ) as client:
            self.initial_version = (await client.get("/readyz")).json()["contentVersion"]
            self.started = time.monotonic()
            self.memory.samples.append((0.0, self.server.rss_bytes()))
            await asyncio.gather(
                *(self._client(client) for _ in range(self.arguments.clients)),
                self._poller(client),
                self._writer(client),
                self._sample_memory(),
            )

    async def send(self, client: httpx.AsyncClient, planned: PlannedRequest) -> None:
        started = time.perf_counter()
        try:
            response = await client.request(
                planned.method,
                planned.path,
                content=planned.body,
                headers={"Content-Type": "application/json"} if planned.body else None,
            )
        except httpx.HTTPError as error:
            self.tally.record_failure(planned, error)
            return
        outcome = self.tally.record(planned, response, time.perf_counter() - started)
        self.editor.observe(response.text, time.monotonic())
        if outcome is Outcome.PERSISTED_MISS and planned.persisted is not None:
            await self.send(client, PlannedRequest.registration(*planned.persisted))

    async def _client(self, client: httpx.AsyncClient) -> None:
        while time.monotonic() < self.deadline:
            await self.send(client, self.traffic.next())

    async def _poller(self, client: httpx.AsyncClient) -> None:
        """Read the edited FAQ often, alternating GET (cacheable) and POST."""
        post = False
        while time.monotonic() < self.deadline:
            await self.send(client, _edited_faq_request(post))
            post = not post
            await asyncio.sleep(POLL_SECONDS)

    async def _writer(self, client: httpx.AsyncClient) -> None:
        interval = float(self.arguments.edit_interval)
        next_edit = self.started + interval
        while next_edit < self.deadline:
            await asyncio.sleep(max(0.0, next_edit - time.monotonic()))
            number, kind, text = self.editor.next_text()
            edit = self.editor.write(number, kind, text, time.monotonic())
            await asyncio.to_thread(self.editor.check_judgement, edit)
            next_edit += interval
            if not edit.valid:
                await self._await_refusal(client, edit, next_edit)
        # Restored when the load ends, so that restoring is a change like the others.
        await asyncio.sleep(max(0.0, self.deadline - time.monotonic()))
        self.editor.restore(time.monotonic())
        await self._await_restore(client)

    async def _await_refusal(self, client: httpx.AsyncClient, edit: Edit, until: float) -> None:
        """Note whether /readyz lists the invalid file's problems before the next edit."""
        while time.monotonic() < min(until, self.deadline) - 0.05:
            try:
                readiness = await client.get("/readyz", headers=OPERATOR_HEADERS)
                problems = readiness.json().get("contentProblems") or []
            except (httpx.HTTPError, ValueError):
                problems = []
            if any(str(self.editor.relative_path) in str(problem) for problem in problems):
                edit.refusal_reported = True
                return
            await asyncio.sleep(POLL_SECONDS)

    async def _sample_memory(self) -> None:
        while time.monotonic() < self.deadline:
            await asyncio.sleep(RSS_SAMPLE_SECONDS)
            self.memory.samples.append((self.elapsed(), self.server.rss_bytes()))

    async def _await_restore(self, client: httpx.AsyncClient) -> None:
        """Wait until the restored file is served: no edit shown, the initial version back."""
        restored_at = self.editor.restored_at or time.monotonic()
        while time.monotonic() - restored_at < RESTORE_DEADLINE_SECONDS:
            if await self._serves_original(client):
                self.restored_after = time.monotonic() - restored_at
                return
            await asyncio.sleep(POLL_SECONDS / 10)

    async def _serves_original(self, client: httpx.AsyncClient) -> bool:
        try:
            response = await client.get(_edited_faq_request(post=False).path)
            version = response.json()["data"]["contentVersion"]
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            return False
        return version == self.initial_version and not self.editor.shows_an_edit(response.text)


def _edited_faq_request(post: bool) -> PlannedRequest:
    variables = {"key": EDITED_FAQ, "locale": "fr-CA"}
    return PlannedRequest.graphql("poll faq", FAQ, variables, post=post)


# -- report --------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    passed: bool
    text: str

    def __str__(self) -> str:
        return f"  {'PASS' if self.passed else 'FAIL'}  {self.text}"


def print_report(soak: Soak) -> list[Check]:
    """Print what the run saw; the checks that decide PASS or FAIL."""
    tally, editor, arguments = soak.tally, soak.editor, soak.arguments
    duration = float(arguments.duration)
    print(
        f"\nsoak: {duration:g} s, {arguments.clients} clients + 1 poller, "
        f"an edit of {editor.relative_path} every {arguments.edit_interval:g} s"
    )
    statuses = ", ".join(f"{status}: {count:,}" for status, count in sorted(tally.statuses.items()))
    print(f"requests: {tally.requests:,} ({tally.requests / duration:,.0f}/s); {statuses}")
    outcomes = ", ".join(f"{outcome.value}: {count:,}" for outcome, count in tally.outcomes.items())
    print(f"outcomes: {outcomes}")
    server_errors = sum(count for status, count in tally.statuses.items() if status >= 500)
    failed = sum(tally.failures.values())
    print(f"5xx: {server_errors}; failed (connection errors, timeouts): {failed}")
    for name, count in tally.failures.most_common(10):
        print(f"  failed: {name} x{count}")
    for (name, what), count in tally.problems.most_common(15):
        print(f"  problem: {name} -> {what} x{count}")
    print(f"latency: {Latency.of(tally.latencies)}")
    print(f"content versions seen: {len(tally.versions)}")

    valid = [edit for edit in editor.edits if edit.valid]
    invalid = [edit for edit in editor.edits if not edit.valid]
    served = [edit for edit in valid if edit.first_served_at is not None]
    delays = [edit.first_served_at - edit.written_at for edit in served if edit.first_served_at]
    delay_text = (
        f" (after p50 {statistics.median(delays):.2f} s, max {max(delays):.2f} s)" if delays else ""
    )
    print(f"valid edits served: {len(served)}/{len(valid)}{delay_text}")
    leaked = [edit for edit in invalid if edit.first_served_at is not None]
    reported = sum(edit.refusal_reported for edit in invalid)
    print(
        f"invalid edits served: {len(leaked)}/{len(invalid)}; "
        f"listed in /readyz contentProblems: {reported}/{len(invalid)}"
    )
    for edit in leaked:
        print(f"  served: invalid edit {edit.number} ({edit.kind})")
    restored = (
        f"after {soak.restored_after:.2f} s" if soak.restored_after is not None else "NOT served"
    )
    print(f"restored file served: {restored}")

    memory = soak.memory
    start, middle, end = memory.at(0), memory.at(duration / 2), memory.at(duration)
    growth = (end - middle) / middle
    print(
        f"RSS: start {megabytes(start):.0f} MB, middle {megabytes(middle):.0f} MB, "
        f"end {megabytes(end):.0f} MB ({growth:+.1%} since the middle)"
    )
    print(f"  timeline: {memory.timeline()}")
    if duration < 2 * RETIRE_AFTER_SECONDS:
        print(
            f"  note: a replaced version stays open {RETIRE_AFTER_SECONDS:.0f} s "
            "(api/serving/live.py), so "
            f"memory levels off only after that; --duration {3 * RETIRE_AFTER_SECONDS:.0f} "
            "tells a plateau from a leak"
        )
    log = soak.server.log_text()
    print(f"server log: {log.count('Traceback')} traceback(s)")

    return [
        Check(server_errors == 0, f"zero 5xx ({server_errors})"),
        Check(failed == 0, f"zero failed requests ({failed})"),
        Check(
            growth <= MEMORY_GROWTH_LIMIT,
            f"memory stable: end {growth:+.1%} against the middle "
            f"(limit +{MEMORY_GROWTH_LIMIT:.0%})",
        ),
        Check(
            tally.outcomes[Outcome.UNEXPECTED_ERROR] == 0,
            f"good requests answered with data ({tally.outcomes[Outcome.UNEXPECTED_ERROR]} not)",
        ),
        Check(
            tally.outcomes[Outcome.BAD_ACCEPTED] == 0,
            f"bad requests refused ({tally.outcomes[Outcome.BAD_ACCEPTED]} accepted)",
        ),
        Check(len(served) == len(valid), f"every valid edit served ({len(served)}/{len(valid)})"),
        Check(not leaked, f"no invalid edit served ({len(leaked)})"),
        Check(soak.restored_after is not None, "restored content served"),
    ]


# -- the run -------------------------------------------------------------------


def traffic_for(tree: ContentTree, seed: int) -> Traffic:
    faq_keys = sorted(path.stem for path in (tree.content_dir / "faqs").glob("*.yaml"))
    article_keys = sorted(path.stem for path in (tree.content_dir / "articles").glob("*.yaml"))
    return Traffic(search_terms(tree), faq_keys, article_keys, random.Random(seed))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--edit-interval", type=float, default=1.0, help="seconds between edits")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch:
        tree = shipped_tree(Path(scratch) / "tree")
        environment = {
            **tree.environment(),
            "CONTENT_API_WATCH": "true",
            "CONTENT_API_PUBLIC_URL": "https://clinic.example",
            # Every client shares one address here: no per-address limit may apply.
            "CONTENT_API_ANONYMOUS_RATE_LIMIT": "1000000000/second",
            # Problem details in /readyz are the operator's alone.
            "CONTENT_API_OPERATOR_TOKEN": OPERATOR_TOKEN,
        }
        port = free_port()
        with running_server(api_command(port, arguments.workers), port, environment) as server:
            print(f"server ready after {server.seconds_to_ready:.2f} s ({tree.describe()})")
            soak = Soak(
                server,
                ContentEditor(tree, EDITED_FAQ),
                traffic_for(tree, arguments.seed),
                arguments,
            )
            try:
                asyncio.run(soak.run())
            finally:
                soak.editor.restore(time.monotonic())
            checks = print_report(soak)
    print("\n".join(str(check) for check in checks))
    passed = all(check.passed for check in checks)
    print("PASS" if passed else "FAIL")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
