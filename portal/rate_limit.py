"""Limits on how often something may happen, counted across every portal process.

Each limit is a token bucket holding up to ``per_minute`` tokens and refilling at
``per_minute`` a minute: a steady sender gets ``per_minute`` a minute, and someone who sends
a few messages in quick succession is not stopped. With ``settings.redis_url`` the buckets
live in Redis and are refilled by Redis's own clock (``TIME``) in one Lua script, so every
process on every machine counts together; without it (a local run, one process) they live
in this process.

Several limits are checked together: the action goes ahead only if every bucket has a
token, and then takes one from each. A refused attempt takes nothing, so being refused by
one limit does not use up another.

If Redis cannot be reached the limit lets the action through (and logs it): the limits
protect the assistant from floods, and a broken limiter must not shut the assistant.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import redis

from casework.settings import get_settings

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60.0
# Short timeouts: a slow Redis must not hold up a person's message for long.
REDIS_TIMEOUT_SECONDS = 0.5

# KEYS: the buckets; ARGV: each bucket's tokens a minute. Returns "0" when a token was taken
# from every bucket, else the seconds until every bucket would have one.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local window = tonumber(ARGV[#ARGV])
local held = {}
local wait = 0
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[i])
  local rate = capacity / window
  local data = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(data[1]) or capacity
  local at = tonumber(data[2]) or now
  tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
  held[i] = tokens
  if tokens < 1 then
    wait = math.max(wait, (1 - tokens) / rate)
  end
end
if wait > 0 then
  return tostring(wait)
end
for i = 1, #KEYS do
  redis.call('HSET', KEYS[i], 'tokens', tostring(held[i] - 1), 'at', tostring(now))
  -- A bucket left alone for a window is full again, the same as no bucket at all.
  redis.call('EXPIRE', KEYS[i], math.ceil(window) + 1)
end
return '0'
"""


@dataclass(frozen=True)
class Limit:
    key: str
    per_minute: int


class RedisBuckets:
    def __init__(self, client: redis.Redis) -> None:
        self._take = client.register_script(_TAKE)

    def take(self, limits: Sequence[Limit]) -> float:
        args = [limit.per_minute for limit in limits] + [WINDOW_SECONDS]
        return float(self._take(keys=[limit.key for limit in limits], args=args))


class LocalBuckets:
    """The same buckets in one process, for a local run without Redis."""

    # Forget buckets that have refilled once there are this many, so memory stays bounded.
    PRUNE_AT = 10_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, limits: Sequence[Limit]) -> float:
        with self._lock:
            now = self._clock()
            held = {}
            wait = 0.0
            for limit in limits:
                rate = limit.per_minute / WINDOW_SECONDS
                tokens, at = self._buckets.get(limit.key, (float(limit.per_minute), now))
                tokens = min(limit.per_minute, tokens + max(0.0, now - at) * rate)
                held[limit.key] = tokens
                if tokens < 1:
                    wait = max(wait, (1 - tokens) / rate)
            if wait > 0:
                return wait
            if len(self._buckets) >= self.PRUNE_AT:
                self._prune(now)
            for key, tokens in held.items():
                self._buckets[key] = (tokens - 1, now)
            return 0.0

    def _prune(self, now: float) -> None:
        self._buckets = {
            key: (tokens, at)
            for key, (tokens, at) in self._buckets.items()
            if now - at < WINDOW_SECONDS
        }


@lru_cache
def _redis_buckets(url: str) -> RedisBuckets:
    client = redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
    )
    return RedisBuckets(client)


@lru_cache
def _local_buckets() -> LocalBuckets:
    return LocalBuckets()


def buckets() -> RedisBuckets | LocalBuckets:
    url = get_settings().redis_url
    return _redis_buckets(url) if url else _local_buckets()


def take(limits: Sequence[Limit]) -> float:
    """0.0 if the action may go ahead (a token taken from every limit), else the seconds to
    wait before trying again. Limits of 0 a minute are off."""
    active = [limit for limit in limits if limit.per_minute > 0]
    if not active:
        return 0.0
    try:
        return buckets().take(active)
    except redis.RedisError as exc:
        log.warning("Rate limits are not being checked: Redis did not answer (%s)", exc)
        return 0.0


def reset() -> None:
    """Forget the shared clients and in-process buckets (tests and settings changes)."""
    _redis_buckets.cache_clear()
    _local_buckets.cache_clear()
