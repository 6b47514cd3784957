"""Latency percentiles of a set of timed requests or calls."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Latency:
    """p50, p95 and p99, in milliseconds."""

    p50: float
    p95: float
    p99: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Latency:
        if len(seconds) < 2:
            only = seconds[0] * 1000 if seconds else float("nan")
            return cls(only, only, only)
        cuts = statistics.quantiles([s * 1000 for s in seconds], n=100, method="inclusive")
        return cls(cuts[49], cuts[94], cuts[98])

    def __str__(self) -> str:
        return f"p50 {self.p50:6.2f} ms  p95 {self.p95:6.2f} ms  p99 {self.p99:6.2f} ms"
