"""Rate limits, applied by the ``limits`` library: in this process, or in Redis for every replica.

Each partner has one moving window, shared by all its keys; each anonymous address has
one too. A window admits at most COUNT requests in any PERIOD: a partner at
``600/minute`` may send 600 at once, and the 601st waits until the oldest of them is a
minute old. Windows live in this process's memory unless ``CONTENT_API_REDIS_URL`` is
set; then every process and replica counts in the same Redis, and a partner's limit
holds whatever the number of replicas (docs/operations.md).

Redis being unreachable must not take the API down: a request that cannot be counted
is served, and the failure logged.
"""

from __future__ import annotations

import logging
import math
import time

from limits import (
    RateLimitItem,
    RateLimitItemPerHour,
    RateLimitItemPerMinute,
    RateLimitItemPerSecond,
)
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

from api.rate_limits import RateLimit

logger = logging.getLogger("api.partners")

# Every key this service writes in a shared Redis starts with this.
REDIS_KEY_PREFIX = "content-api:limits"
# A request waits this long at most for Redis before it is served uncounted.
REDIS_TIMEOUT_SECONDS = 0.5
_ITEMS: dict[str, type[RateLimitItem]] = {
    "second": RateLimitItemPerSecond,
    "minute": RateLimitItemPerMinute,
    "hour": RateLimitItemPerHour,
}


def limits_storage(redis_url: str) -> Storage:
    """Redis at ``redis_url`` (through redis-py, as the persisted queries), else memory."""
    if not redis_url:
        return MemoryStorage()
    return RedisStorage(
        f"async+{redis_url}",
        implementation="redispy",
        key_prefix=REDIS_KEY_PREFIX,
        wrap_exceptions=True,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
    )


def retry_after_seconds(wait: float) -> int:
    """A ``Retry-After`` value: whole seconds, rounded up, at least 1."""
    return max(1, math.ceil(wait))


class RateLimiter:
    """The windows of partners and anonymous addresses, wherever ``storage`` keeps them."""

    def __init__(self, storage: Storage | None = None) -> None:
        self.storage = storage or MemoryStorage()
        self._strategy = MovingWindowRateLimiter(self.storage)

    async def take_partner(self, name: str, limit: RateLimit) -> float:
        """One request by a partner: 0.0 when admitted, else the seconds until it would be."""
        return await self._take(limit, "partner", name)

    async def take_anonymous(self, address: str, limit: RateLimit) -> float:
        """One request without a key from ``address``; see ``take_partner``."""
        return await self._take(limit, "anonymous", address)

    async def _take(self, limit: RateLimit, *who: str) -> float:
        item = _ITEMS[limit.unit](limit.count)
        # The limit is part of the key: editing a partner's limit starts a new window.
        identifiers = (*who, str(limit))
        try:
            if await self._strategy.hit(item, *identifiers):
                return 0.0
            stats = await self._strategy.get_window_stats(item, *identifiers)
        except StorageError as error:
            logger.warning("rate limit not applied, its storage failed: %s", error)
            return 0.0
        # The window frees a place when its oldest request leaves it.
        return max(0.0, stats.reset_time - time.time())
