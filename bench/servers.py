"""Server processes for the benchmarks: start one, time it until ready, read its memory, stop it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

# Loading 10k FAQs per locale takes a while (the content is read twice: by
# `content-api serve` to refuse bad content early, then by the worker).
STARTUP_DEADLINE_SECONDS = 900.0
STOP_DEADLINE_SECONDS = 15.0
POLL_SECONDS = 0.02
CONTENT_API = str(Path(sys.executable).parent / "content-api")


class ServerFailed(RuntimeError):
    """A server exited, or did not become ready in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def api_command(port: int, workers: int = 1) -> list[str]:
    """``content-api serve`` on loopback, without access logs (the bare baseline has none)."""
    return [
        CONTENT_API,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
    ]


def uvicorn_command(app: str, port: int, workers: int = 1) -> list[str]:
    """An app factory under uvicorn with the options ``content-api serve`` gives it."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--proxy-headers",
        "--log-level",
        "warning",
    ]


@dataclass
class ServerProcess:
    """A server process: its base URL, log, and how long it took to be ready."""

    url: str
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    started_at: float
    seconds_to_ready: float = float("nan")

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_bytes(self) -> int:
        """Resident memory of the server and its worker processes (VmRSS, summed)."""
        return tree_rss_bytes(self.pid)

    def log_text(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def log_tail(self, characters: int = 3000) -> str:
        return self.log_text()[-characters:]

    def wait_until_ready(
        self, path: str = "/readyz", deadline_seconds: float = STARTUP_DEADLINE_SECONDS
    ) -> float:
        """Poll ``path`` until it answers 200; the seconds since the process started."""
        url = self.url + path
        with httpx.Client(timeout=5) as client:
            while time.monotonic() - self.started_at < deadline_seconds:
                if self.process.poll() is not None:
                    raise ServerFailed(
                        f"{self.process.args!r} exited with {self.process.returncode}:\n"
                        f"{self.log_tail()}"
                    )
                try:
                    if client.get(url).status_code == 200:
                        self.seconds_to_ready = time.monotonic() - self.started_at
                        return self.seconds_to_ready
                except httpx.TransportError:
                    pass
                time.sleep(POLL_SECONDS)
        raise ServerFailed(f"{url} not ready after {deadline_seconds:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM, as an orchestrator would; SIGKILL if it does not stop in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_DEADLINE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                print(f"warning: {self.url} did not stop within {STOP_DEADLINE_SECONDS:.0f} s")
        self.log.close()


def launch_server(
    command: Sequence[str], port: int, environment: Mapping[str, str]
) -> ServerProcess:
    """Start ``command`` (serving on ``port``) without waiting for it."""
    # A file, not a pipe: nobody reads a pipe during a run, and a full pipe would
    # block the server's logging, and so the server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by ServerProcess.stop
    started = time.monotonic()
    process = subprocess.Popen(
        list(command),
        env={**os.environ, **environment},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return ServerProcess(f"http://127.0.0.1:{port}", process, log, started)


def start_server(
    command: Sequence[str],
    port: int,
    environment: Mapping[str, str],
    ready_path: str = "/readyz",
) -> ServerProcess:
    """Start ``command`` and return once ``ready_path`` answers 200 (timed from the start)."""
    server = launch_server(command, port, environment)
    try:
        server.wait_until_ready(ready_path)
    except BaseException:
        server.stop()
        raise
    return server


@contextmanager
def running_server(
    command: Sequence[str], port: int, environment: Mapping[str, str], ready_path: str = "/readyz"
) -> Iterator[ServerProcess]:
    server = start_server(command, port, environment, ready_path)
    try:
        yield server
    finally:
        server.stop()


def tree_rss_bytes(pid: int) -> int:
    """VmRSS of ``pid`` and of all its descendants, from /proc (Linux only)."""
    return sum(_rss_bytes(member) for member in [pid, *_descendants(pid)])


def _rss_bytes(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0  # exited meanwhile
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0  # a zombie has no VmRSS


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
        except OSError:
            continue
        # The command name, in parentheses, may itself hold spaces and parentheses.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def megabytes(count: int) -> float:
    return count / 2**20
