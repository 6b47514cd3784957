"""Token buckets: bursts up to the limit, a steady refill, and bounded memory."""

from __future__ import annotations

import pytest

from api.partners.buckets import RateLimiter, retry_after_seconds
from api.rate_limits import InvalidRateLimit, RateLimit
from tests.partners.sample import FakeClock


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


def test_a_bucket_allows_a_burst_then_refills_steadily() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock)
    limit = RateLimit(3, "minute")

    assert [limiter.take_partner("a", limit) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take_partner("a", limit) == pytest.approx(20.0)  # one token per 20 s

    clock.advance(19.0)
    assert limiter.take_partner("a", limit) == pytest.approx(1.0)
    clock.advance(1.0)
    assert limiter.take_partner("a", limit) == 0.0
    assert limiter.take_partner("a", limit) > 0


def test_a_bucket_never_holds_more_than_its_limit() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock)
    limit = RateLimit(2, "second")
    clock.advance(3600)

    assert [limiter.take_partner("a", limit) > 0 for _ in range(3)] == [False, False, True]


def test_partners_and_addresses_have_buckets_of_their_own() -> None:
    limiter = RateLimiter(FakeClock())
    limit = RateLimit(1, "hour")

    assert limiter.take_partner("a", limit) == 0.0
    assert limiter.take_partner("b", limit) == 0.0
    assert limiter.take_anonymous("192.0.2.1", limit) == 0.0
    assert limiter.take_anonymous("192.0.2.2", limit) == 0.0
    assert limiter.take_partner("a", limit) > 0
    assert limiter.take_anonymous("192.0.2.1", limit) > 0


def test_a_changed_limit_starts_a_new_bucket() -> None:
    limiter = RateLimiter(FakeClock())
    limiter.take_partner("a", RateLimit(1, "hour"))

    assert limiter.take_partner("a", RateLimit(1, "hour")) > 0
    assert limiter.take_partner("a", RateLimit(10, "hour")) == 0.0


def test_a_flood_of_addresses_keeps_a_bounded_number_of_buckets() -> None:
    limiter = RateLimiter(FakeClock(), max_anonymous_buckets=100)
    limit = RateLimit(1, "hour")
    limiter.take_anonymous("198.51.100.7", limit)

    for number in range(10_000):
        limiter.take_anonymous(f"10.0.{number // 256}.{number % 256}", limit)

    assert limiter.anonymous_buckets == 100


def test_recently_seen_addresses_are_kept_longest() -> None:
    limiter = RateLimiter(FakeClock(), max_anonymous_buckets=3)
    limit = RateLimit(1, "hour")
    for address in ("a", "b", "c"):
        limiter.take_anonymous(address, limit)

    limiter.take_anonymous("a", limit)  # seen again: now the most recent
    limiter.take_anonymous("d", limit)  # evicts b, the least recently seen

    assert limiter.take_anonymous("a", limit) > 0  # still limited: kept
    assert limiter.take_anonymous("b", limit) == 0.0  # forgotten: a full bucket again


@pytest.mark.parametrize(("wait", "header"), [(0.001, 1), (1.0, 1), (1.2, 2), (59.5, 60)])
def test_retry_after_is_whole_seconds_rounded_up(wait: float, header: int) -> None:
    assert retry_after_seconds(wait) == header
