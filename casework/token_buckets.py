"""Token buckets counted across every process, for anything that must happen only so often.

A bucket holds up to ``capacity`` tokens and refills at ``rate_per_second``. ``take`` checks
several buckets together: it takes a token from each only if every one has one, so being
refused by one limit uses up none of the others. A pause key stops every taker of a bucket
until a moment has passed (Notify answered 429, or refused our key).

``RedisBuckets`` keep the buckets in Redis and refill them by Redis's own clock (``TIME``)
in one Lua script, so every process on every machine counts together. ``LocalBuckets``
keep them in this process, for a local run without Redis.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

import redis


class Bucket(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def rate_per_second(self) -> float: ...
    @property
    def capacity(self) -> float: ...


def _refill_seconds(bucket: Bucket) -> int:
    # A bucket untouched this long is full again, the same as no bucket at all.
    # (The small nudge keeps 60.000000001 seconds, a float's 60, from rounding up to 61.)
    return math.ceil(bucket.capacity / bucket.rate_per_second - 1e-6) + 1


# KEYS: the buckets, then the pause key if any. ARGV: for each bucket its rate a second,
# capacity and refill time. Returns "0" when a token was taken from every bucket, else the
# seconds until every bucket would have one (or the pause would end).
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local n = #ARGV / 3
if #KEYS > n then
  local paused = tonumber(redis.call('GET', KEYS[#KEYS]) or '0')
  if now < paused then
    return tostring(paused - now)
  end
end
local held = {}
local wait = 0
for i = 1, n do
  local rate = tonumber(ARGV[3 * i - 2])
  local capacity = tonumber(ARGV[3 * i - 1])
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
for i = 1, n do
  redis.call('HSET', KEYS[i], 'tokens', tostring(held[i] - 1), 'at', tostring(now))
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[3 * i]))
end
return '0'
"""

_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local until_ = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > current then
  redis.call('SET', KEYS[1], tostring(until_), 'EX', math.ceil(tonumber(ARGV[1])) + 1)
end
return 1
"""


class RedisBuckets:
    def __init__(self, client: redis.Redis) -> None:
        self._take = client.register_script(_TAKE)
        self._pause = client.register_script(_PAUSE)

    def take(self, buckets: Sequence[Bucket], pause_key: str | None = None) -> float:
        """0.0 if a token was taken from every bucket, else the seconds to wait."""
        keys = [bucket.key for bucket in buckets] + ([pause_key] if pause_key else [])
        args: list[float] = []
        for bucket in buckets:
            args += [bucket.rate_per_second, bucket.capacity, _refill_seconds(bucket)]
        return float(self._take(keys=keys, args=args))

    def pause(self, pause_key: str, seconds: float) -> None:
        self._pause(keys=[pause_key], args=[seconds])


class LocalBuckets:
    """The same buckets in one process, for a local run without Redis."""

    # Forget buckets that have refilled once there are this many, so memory stays bounded.
    PRUNE_AT = 10_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float, float]] = {}  # key -> tokens, at, refill
        self._paused_until: dict[str, float] = {}

    def take(self, buckets: Sequence[Bucket], pause_key: str | None = None) -> float:
        with self._lock:
            now = self._clock()
            if pause_key and now < self._paused_until.get(pause_key, 0.0):
                return self._paused_until[pause_key] - now
            held = {}
            wait = 0.0
            for bucket in buckets:
                tokens, at, _ = self._buckets.get(bucket.key, (bucket.capacity, now, 0))
                tokens = min(bucket.capacity, tokens + max(0.0, now - at) * bucket.rate_per_second)
                held[bucket.key] = (tokens, _refill_seconds(bucket))
                if tokens < 1:
                    wait = max(wait, (1 - tokens) / bucket.rate_per_second)
            if wait > 0:
                return wait
            if len(self._buckets) >= self.PRUNE_AT:
                self._prune(now)
            for key, (tokens, refill) in held.items():
                self._buckets[key] = (tokens - 1, now, refill)
            return 0.0

    def pause(self, pause_key: str, seconds: float) -> None:
        with self._lock:
            until = self._clock() + seconds
            self._paused_until[pause_key] = max(self._paused_until.get(pause_key, 0.0), until)

    def _prune(self, now: float) -> None:
        self._buckets = {
            key: state for key, state in self._buckets.items() if now - state[1] < state[2]
        }
