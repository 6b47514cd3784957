"""Rate limits: how they are written, and the windows that apply them (the ``limits`` library)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from api.partners.limiter import RateLimiter, retry_after_seconds
from api.rate_limits import InvalidRateLimit, RateLimit


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("600/minute", RateLimit(600, "minute")),
        (" 5 / second ", RateLimit(5, "second")),
        ("1000/hour", RateLimit(1000, "hour")),
        ("off", None),
        ("OFF", None),
    ],
)
def test_rate_limits_are_written_count_per_period(text: str, limit: RateLimit | None) -> None:
    assert RateLimit.parse(text) == limit


@pytest.mark.parametrize("text", ["600", "600/day", "0/minute", "-1/second", "lots", ""])
def test_other_rate_limits_are_refused(text: str) -> None:
    with pytest.raises(InvalidRateLimit, match="COUNT/minute"):
        RateLimit.parse(text)


def run(scenario: Callable[[RateLimiter], Coroutine[Any, Any, list[float]]]) -> list[float]:
    """The waits a scenario collects, on one limiter kept in this process's memory."""
    return asyncio.run(scenario(RateLimiter()))


def test_a_window_admits_its_count_then_waits_for_the_oldest_to_leave() -> None:
    limit = RateLimit(3, "second")

    async def scenario(limiter: RateLimiter) -> list[float]:
        waits = [await limiter.take_partner("a", limit) for _ in range(4)]
        # The fourth waits for the first to be a second old, and no longer.
        await asyncio.sleep(waits[-1] + 0.05)
        return [*waits, await limiter.take_partner("a", limit)]

    started = time.monotonic()
    waits = run(scenario)

    assert waits[:3] == [0.0, 0.0, 0.0]
    assert 0.0 < waits[3] <= 1.0
    assert waits[4] == 0.0
    assert time.monotonic() - started < 2


def test_partners_and_addresses_have_windows_of_their_own() -> None:
    limit = RateLimit(1, "hour")

    async def scenario(limiter: RateLimiter) -> list[float]:
        return [
            await limiter.take_partner("a", limit),
            await limiter.take_partner("b", limit),
            await limiter.take_anonymous("192.0.2.1", limit),
            await limiter.take_anonymous("192.0.2.2", limit),
            # The same name as a partner is another client.
            await limiter.take_anonymous("a", limit),
            await limiter.take_partner("a", limit),
            await limiter.take_anonymous("192.0.2.1", limit),
        ]

    waits = run(scenario)

    assert waits[:5] == [0.0] * 5
    assert all(3590 < wait <= 3600 for wait in waits[5:])


def test_a_changed_limit_starts_a_new_window() -> None:
    async def scenario(limiter: RateLimiter) -> list[float]:
        await limiter.take_partner("a", RateLimit(1, "hour"))
        return [
            await limiter.take_partner("a", RateLimit(1, "hour")),
            await limiter.take_partner("a", RateLimit(10, "hour")),
        ]

    still_limited, edited = run(scenario)

    assert still_limited > 0
    assert edited == 0.0


@pytest.mark.parametrize(("wait", "header"), [(0.001, 1), (1.0, 1), (1.2, 2), (59.5, 60)])
def test_retry_after_is_whole_seconds_rounded_up(wait: float, header: int) -> None:
    assert retry_after_seconds(wait) == header
