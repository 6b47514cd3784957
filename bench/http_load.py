"""HTTP benchmark (run by hand, not a test): the API against a bare Starlette endpoint.

Starts ``content-api serve`` and, in the same run, a bare Starlette app returning the
same JSON payloads, both under uvicorn with one worker; drives each over loopback at
16 connections with wrk (``apt-get install wrk``) or, without it, an asyncio client;
prints requests/s, p50 and p99 per query, and the ratio to the bare endpoint.

    .venv/bin/python bench/http_load.py [--duration 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent

QUERIES = {
    "article": """{ article(key: "ketamine-trd", locale: "en-CA") {
        title summary published { formatted } readingTime { label }
        alternates { hreflang url } sections { id heading body { html } } } }""",
    "faq list": """{ faqs(locale: "fr-CA", first: 20) {
        totalCount edges { cursor node { question slug answer { html } } } } }""",
    "search": """{ search(query: "kétamine effets", locale: "fr-CA") {
        totalCount hits { score snippets { html } content { key slug } } } }""",
}


@dataclass(frozen=True)
class Measure:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server for {url} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


@contextmanager
def running(command: list[str], probe_url: str, env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(probe_url, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def graphql_path(query: str) -> str:
    # GET, so that wrk needs no request script and both servers see the same kind of request.
    return "/graphql?" + urlencode({"query": " ".join(query.split())})


def run_bare_server(port: int, payload_file: Path) -> None:
    """The baseline: Starlette routes serializing the same JSON the API answers."""
    import uvicorn  # noqa: PLC0415 - only the child process needs these
    from starlette.applications import Starlette  # noqa: PLC0415
    from starlette.requests import Request  # noqa: PLC0415
    from starlette.responses import JSONResponse  # noqa: PLC0415
    from starlette.routing import Route  # noqa: PLC0415

    payloads = json.loads(payload_file.read_text(encoding="utf-8"))

    def endpoint(payload: object) -> Callable[[Request], Awaitable[JSONResponse]]:
        async def respond(request: Request) -> JSONResponse:
            return JSONResponse(payload)

        return respond

    routes = [Route(f"/{index}", endpoint(payload)) for index, payload in enumerate(payloads)]
    uvicorn.run(Starlette(routes=routes), host="127.0.0.1", port=port, access_log=False)


def wrk(url: str, connections: int, duration: int) -> Measure:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    def latency_ms(percentile: str) -> float:
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        assert match, output
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
        return float(match.group(1)) * scale

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    assert rate, output
    return Measure(float(rate.group(1)), latency_ms("50"), latency_ms("99"))


def asyncio_client(url: str, connections: int, duration: int) -> Measure:
    async def drive() -> list[float]:
        latencies: list[float] = []
        stop = time.monotonic() + duration
        limits = httpx.Limits(max_connections=connections)
        async with httpx.AsyncClient(limits=limits) as client:

            async def worker() -> None:
                while time.monotonic() < stop:
                    started = time.perf_counter()
                    response = await client.get(url)
                    response.raise_for_status()
                    latencies.append(time.perf_counter() - started)

            await asyncio.gather(*(worker() for _ in range(connections)))
        return latencies

    latencies = asyncio.run(drive())
    cuts = statistics.quantiles(latencies, n=100)
    return Measure(len(latencies) / duration, cuts[49] * 1000, cuts[98] * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--bare-server", nargs=2, metavar=("PORT", "PAYLOADS"), help="internal")
    args = parser.parse_args()
    if args.bare_server:
        run_bare_server(int(args.bare_server[0]), Path(args.bare_server[1]))
        return

    load = wrk if shutil.which("wrk") else asyncio_client
    api_port, bare_port = free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    bare = f"http://127.0.0.1:{bare_port}"
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "CONTENT_API_CONTENT_DIR": str(ROOT / "content"),
            "CONTENT_API_LOCALES_DIR": str(ROOT / "locales"),
            "CONTENT_API_INDEX_DIR": str(Path(scratch) / "search_index"),
            "CONTENT_API_LOG_LEVEL": "warning",
        }
        content_api = str(Path(sys.executable).parent / "content-api")
        serve = [content_api, "serve", "--host", "127.0.0.1", "--port", str(api_port)]
        # The bare endpoint logs no requests either: compare the work, not the logging.
        serve.append("--no-access-log")
        with running(serve, f"{api}/healthz", env):
            paths = [graphql_path(query) for query in QUERIES.values()]
            payloads = [httpx.get(api + path, timeout=10).json() for path in paths]
            for name, payload in zip(QUERIES, payloads, strict=True):
                assert "errors" not in payload, (name, payload)
            payload_file = Path(scratch) / "payloads.json"
            payload_file.write_text(json.dumps(payloads), encoding="utf-8")
            bare_command = [sys.executable, __file__, "--bare-server", str(bare_port)]
            with running([*bare_command, str(payload_file)], f"{bare}/0", env):
                print(
                    f"load: {load.__name__}, {args.connections} connections, "
                    f"{args.duration}s each, one uvicorn worker per server, "
                    f"{os.cpu_count()} CPUs"
                )
                print(f"{'query':<10} {'server':<7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} ratio")
                for index, name in enumerate(QUERIES):
                    baseline = load(f"{bare}/{index}", args.connections, args.duration)
                    measured = load(api + paths[index], args.connections, args.duration)
                    ratio = measured.requests_per_second / baseline.requests_per_second
                    for label, result, shown in (
                        ("bare", baseline, ""),
                        ("api", measured, f"{ratio:.2f}x"),
                    ):
                        print(
                            f"{name:<10} {label:<7} {result.requests_per_second:>9.0f} "
                            f"{result.p50_ms:>8.2f} {result.p99_ms:>8.2f} {shown}"
                        )


if __name__ == "__main__":
    main()
