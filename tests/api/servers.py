"""``content-api serve`` as a real process on a free port, for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

STARTUP_DEADLINE_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class ServerProcess:
    url: str
    process: subprocess.Popen[bytes]
    # The server's log so far (its last 3,000 characters).
    output: Callable[[], str]


@contextmanager
def running_server(
    root: Path,
    index_dir: Path,
    extra_env: Mapping[str, str] | None = None,
    *,
    own_public_url: bool = False,
) -> Iterator[str]:
    """Serve the content under ``root``; yield the base URL; stop the server after.

    With ``own_public_url``, the server's own URL is CONTENT_API_PUBLIC_URL (for what a
    browser must reach through the links it is given: oEmbed's iframe).
    """
    with server_process(root, index_dir, extra_env, own_public_url=own_public_url) as server:
        yield server.url


@contextmanager
def server_process(
    root: Path,
    index_dir: Path,
    extra_env: Mapping[str, str | None] | None = None,
    serve_args: Sequence[str] = (),
    command_prefix: Sequence[str] = (),
    *,
    own_public_url: bool = False,
) -> Iterator[ServerProcess]:
    """Like ``running_server``, for tests that signal the process or read its log.

    ``extra_env`` adds variables, or removes those it gives None; ``command_prefix``
    runs the server through another command (as another user).
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = Path(sys.executable).parent / "content-api"
    env: dict[str, str] = {
        **os.environ,
        "CONTENT_API_CONTENT_DIR": str(root / "content"),
        "CONTENT_API_LOCALES_DIR": str(root / "locales"),
        "CONTENT_API_INDEX_DIR": str(index_dir),
        "CONTENT_API_PUBLIC_URL": url if own_public_url else "https://clinic.example",
        # Load tests send more than an anonymous client may (tests/partners test limits).
        "CONTENT_API_ANONYMOUS_RATE_LIMIT": "off",
    }
    for name, value in (extra_env or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    # A file, not a pipe: nobody reads a pipe while the test runs, and a full pipe
    # would block the server's logging (and so the server).
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(
        [
            *command_prefix,
            str(command),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *serve_args,
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def output() -> str:
        log.seek(0)
        return log.read().decode(errors="replace")[-3000:]

    try:
        deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"server exited with {process.returncode}:\n{output()}")
            try:
                httpx.get(f"{url}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("server did not start listening")
                time.sleep(0.1)
        yield ServerProcess(url, process, output)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail(f"server did not stop within 10 s of SIGTERM:\n{output()}")
        finally:
            log.close()
