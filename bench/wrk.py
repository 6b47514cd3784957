"""wrk (``apt-get install wrk``): run it against one URL or a rotation of paths, parse its report.

wrk is a closed loop: each connection sends its next request when the previous one
is answered, so at saturation the latencies include the time spent queueing in the
server, and grow with the number of connections.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Long enough that a slow server shows up as high latency, not as wrk timeouts
# (which wrk leaves out of its latency figures).
REQUEST_TIMEOUT_SECONDS = 30
_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}

# Each wrk thread loads the paths and starts at its own offset, so that two threads
# do not send the same request at the same moment (and so hit a cache the other filled).
_ROTATING_SCRIPT = """\
-- Written by bench/wrk.py: GET each line of a file in turn.
local paths = {}
local position = 0
local next_thread = 0

function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  for line in io.lines("%(paths)s") do
    paths[#paths + 1] = line
  end
  position = math.floor(#paths * thread_number / %(threads)d)
end

function request()
  position = position %% #paths + 1
  return wrk.format("GET", paths[position])
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    # wrk counts a response with another status than 2xx or 3xx as an error.
    non_2xx: int
    socket_errors: int
    timeouts: int


def require_wrk() -> str:
    executable = shutil.which("wrk")
    if executable is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    return executable


def run_wrk(
    url: str,
    *,
    connections: int,
    seconds: float,
    threads: int = 2,
    script: Path | None = None,
) -> WrkResult:
    """Load ``url`` (or, with ``script``, the base URL the script's paths are joined to)."""
    command = [
        require_wrk(),
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={REQUEST_TIMEOUT_SECONDS}s",
        "--latency",
        # As API clients send it; the same for the API and the bare baseline.
        "--header",
        "Accept: application/json",
    ]
    if script is not None:
        command += ["--script", str(script)]
    completed = subprocess.run([*command, url], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    return parse_report(completed.stdout)


def rotating_script(paths: Sequence[str], folder: Path, name: str, threads: int = 2) -> Path:
    """A wrk script that GETs ``paths`` in turn (written with its paths file in ``folder``)."""
    paths_file = folder / f"{name}.paths"
    paths_file.write_text("".join(path + "\n" for path in paths), encoding="utf-8")
    script = folder / f"{name}.lua"
    script.write_text(
        _ROTATING_SCRIPT % {"paths": paths_file.resolve(), "threads": threads}, encoding="utf-8"
    )
    return script


def parse_report(report: str) -> WrkResult:
    """The figures of wrk's ``--latency`` report."""

    def number(pattern: str) -> str:
        match = re.search(pattern, report, re.MULTILINE)
        if match is None:
            raise ValueError(f"no {pattern!r} in wrk's report:\n{report}")
        return match.group(1)

    def latency_ms(percentile: int) -> float:
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s|m|h)\s*$", report, re.MULTILINE)
        if match is None:
            raise ValueError(f"no {percentile}% latency in wrk's report:\n{report}")
        return float(match.group(1)) * _TIME_UNITS_MS[match.group(2)]

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    errors = [int(count) for count in socket_errors.groups()] if socket_errors else [0, 0, 0, 0]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return WrkResult(
        requests=int(number(r"^\s+(\d+) requests in ")),
        requests_per_second=float(number(r"^Requests/sec:\s+([\d.]+)")),
        p50_ms=latency_ms(50),
        p99_ms=latency_ms(99),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(errors),
        timeouts=errors[3],
    )
