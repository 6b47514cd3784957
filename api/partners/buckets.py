"""Token buckets: how many requests a partner, or an anonymous address, may make, and when.

A bucket holds up to COUNT tokens and refills at COUNT per period, continuously: a
client may burst COUNT requests at once, then keeps a steady COUNT per period.
Buckets live in the memory of one process; docs/partners.md says what that means
with several workers and replicas.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from api.rate_limits import RateLimit

Clock = Callable[[], float]
"""Seconds from any fixed point, never going back (``time.monotonic``)."""

# Anonymous buckets kept per process, least recently used forgotten first: a forgotten
# bucket is a full one, so forgetting only ever favours clients idle the longest.
DEFAULT_MAX_ANONYMOUS_BUCKETS = 10_000


class TokenBucket:
    __slots__ = ("limit", "tokens", "updated")

    def __init__(self, limit: RateLimit, now: float) -> None:
        self.limit = limit
        self.tokens = float(limit.count)
        self.updated = now

    def take(self, now: float) -> float:
        """Take one token: 0.0 when granted, else the seconds until one will be there."""
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(float(self.limit.count), self.tokens + elapsed * self.limit.per_second)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.limit.per_second


def retry_after_seconds(wait: float) -> int:
    """A ``Retry-After`` value: whole seconds, rounded up, at least 1."""
    return max(1, math.ceil(wait))


class RateLimiter:
    """The buckets of one process: one per partner, and a bounded set per anonymous address.

    Not thread-safe, and need not be: the gate runs on the event loop, and takes a
    token without awaiting in between.
    """

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        max_anonymous_buckets: int = DEFAULT_MAX_ANONYMOUS_BUCKETS,
    ) -> None:
        # Public so that tests can move time along.
        self.clock = clock
        self.max_anonymous_buckets = max_anonymous_buckets
        # Partners are few (one bucket each, listed in a file): never forgotten.
        self._partners: dict[str, TokenBucket] = {}
        self._anonymous: OrderedDict[str, TokenBucket] = OrderedDict()

    def take_partner(self, name: str, limit: RateLimit) -> float:
        """One request by a partner (all its keys share the bucket); see TokenBucket.take."""
        now = self.clock()
        return _bucket(self._partners, name, limit, now).take(now)

    def take_anonymous(self, address: str, limit: RateLimit) -> float:
        """One request without a key from ``address``; see TokenBucket.take."""
        now = self.clock()
        bucket = _bucket(self._anonymous, address, limit, now)
        self._anonymous.move_to_end(address)
        while len(self._anonymous) > self.max_anonymous_buckets:
            self._anonymous.popitem(last=False)
        return bucket.take(now)

    @property
    def anonymous_buckets(self) -> int:
        return len(self._anonymous)


def _bucket(buckets: dict[str, TokenBucket], key: str, limit: RateLimit, now: float) -> TokenBucket:
    bucket = buckets.get(key)
    # A changed limit (the partners file was edited) starts a new, full bucket.
    if bucket is None or bucket.limit != limit:
        bucket = TokenBucket(limit, now)
        buckets[key] = bucket
    return bucket
