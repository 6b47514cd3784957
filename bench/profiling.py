"""Sampling profiles of a running server with py-spy, summarized as its top frames.

py-spy is not a project dependency: ``.venv/bin/pip install py-spy`` first. It
attaches to the process by pid (ptrace: run as root, or allow it with
``sysctl kernel.yama.ptrace_scope=0``), so the server runs unmodified.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# A frame in py-spy's raw output: "function (path/to/file.py)" with --nolineno.
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*)\)$")
# Where installed packages and the standard library live: left out of frame names.
_LIBRARY = re.compile(r"^.*/(?:site-packages|lib/python3\.\d+)/")


def py_spy() -> str:
    for candidate in (Path(sys.executable).parent / "py-spy", shutil.which("py-spy")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    raise SystemExit("py-spy is not installed: .venv/bin/pip install py-spy")


@contextmanager
def recording(pid: int, output: Path, seconds: float | None = None) -> Iterator[None]:
    """Sample ``pid`` and its subprocesses while the body runs (at most ``seconds``)."""
    command = [
        py_spy(),
        "record",
        "--pid",
        str(pid),
        "--subprocesses",
        "--format",
        "raw",
        "--nolineno",
        "--output",
        str(output),
    ]
    if seconds is not None:
        command += ["--duration", str(max(1, round(seconds)))]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield
    finally:
        if seconds is None:
            # py-spy writes what it has sampled when interrupted, as after Control-C.
            process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=(seconds or 0) + 60)
        if not output.is_file():
            print(f"py-spy failed ({process.returncode}): {errors.decode(errors='replace')}")


@dataclass(frozen=True)
class Profile:
    """Sample counts per frame: where the time was spent (self) and under (inclusive)."""

    samples: int
    self_counts: Counter[str]
    inclusive_counts: Counter[str]

    @classmethod
    def read(cls, raw_output: Path) -> Profile:
        """Parse py-spy's raw (collapsed stacks) format: ``frame;frame;... count``."""
        self_counts: Counter[str] = Counter()
        inclusive_counts: Counter[str] = Counter()
        samples = 0
        for line in raw_output.read_text(encoding="utf-8").splitlines():
            stack, _, count_text = line.rpartition(" ")
            if not stack or not count_text.isdigit():
                continue
            count = int(count_text)
            # With --subprocesses, each stack starts with a "process <pid>:<command>" frame.
            frames = [
                _short(frame) for frame in stack.split(";") if not frame.startswith("process ")
            ]
            if not frames:
                continue
            samples += count
            self_counts[frames[-1]] += count
            for frame in set(frames):
                inclusive_counts[frame] += count
        return cls(samples, self_counts, inclusive_counts)

    def top(self, limit: int = 15) -> str:
        """The frames with most self time, then the project's frames with most time under them."""
        if not self.samples:
            return "  (no samples: was the server busy?)"
        own = Counter(
            {frame: count for frame, count in self.inclusive_counts.items() if "(api/" in frame}
        )
        lines = [f"  {self.samples} samples"]
        for title, counts in (
            ("self time", self.self_counts),
            ("time inside, api/ only", own),
        ):
            lines.append(f"  top {limit} frames by {title}:")
            lines += [
                f"    {count / self.samples:6.1%}  {frame}"
                for frame, count in counts.most_common(limit)
            ]
        return "\n".join(lines)


def _short(frame: str) -> str:
    """``resolve (/work/main/.venv/lib/.../site-packages/x/y.py)`` -> ``resolve (x/y.py)``."""
    match = _FRAME.match(frame)
    if match is None:
        return frame
    path = _LIBRARY.sub("", match.group("file")).removeprefix(str(Path.cwd()) + "/")
    return f"{match.group('function')} ({path})"
