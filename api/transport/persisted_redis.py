"""Persisted queries kept in Redis: a hash registered through one replica is known to all."""

from __future__ import annotations

import logging

import redis.asyncio
import redis.exceptions

logger = logging.getLogger("api.transport")

REDIS_KEY_PREFIX = "content-api:apq:"
# Kept for a day after their last use; Redis's own eviction may forget them sooner.
REDIS_TTL_SECONDS = 24 * 3600
# A lookup waits this long at most; the client then sends the full text.
REDIS_TIMEOUT_SECONDS = 0.5


class RedisQueryTexts:
    """Texts in Redis, shared by every process and replica pointed at it."""

    def __init__(self, url: str) -> None:
        self._redis = redis.asyncio.Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )

    async def get(self, sha256: str) -> str | None:
        try:
            # Each use keeps the text another day.
            found = await self._redis.getex(REDIS_KEY_PREFIX + sha256, ex=REDIS_TTL_SECONDS)
        except redis.exceptions.RedisError as error:
            logger.warning("persisted query not looked up, Redis failed: %s", error)
            return None
        return found.decode() if isinstance(found, bytes) else None

    async def put(self, sha256: str, query: str) -> None:
        try:
            await self._redis.set(REDIS_KEY_PREFIX + sha256, query, ex=REDIS_TTL_SECONDS)
        except redis.exceptions.RedisError as error:
            logger.warning("persisted query not registered, Redis failed: %s", error)
