"""One rate limit for every worker and process: a token bucket in Redis.

Notify allows 3,000 requests a minute per key, counted over any rolling 60 seconds. A
bucket refilling at ``headroom`` of that rate, with a small burst, can never let more than
``burst + 60 * rate`` requests through in any 60 seconds, which stays under the limit. The
bucket lives in Redis and is refilled by Redis's own clock (``TIME``), so every worker on
every machine draws from the same tokens. Celery's ``rate_limit`` is per worker and could
not do this.

When Notify answers 429 anyway (another system sharing the key), ``pause`` stops every
worker for a moment.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache

import redis

from casework.settings import get_settings

BUCKET_KEY = "notify:rate:bucket"
PAUSE_KEY = "notify:rate:pause-until"

# Returns "0" when a token was taken, else the seconds to wait before asking again.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < paused then
  return tostring(paused - now)
end
local data = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(data[1]) or capacity
local at = tonumber(data[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(wait)
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


@dataclass(frozen=True)
class Bucket:
    rate_per_second: float
    capacity: float

    @classmethod
    def for_limit(cls, per_minute: int, headroom: float) -> Bucket:
        rate = per_minute * headroom / 60.0
        # Whatever the refill leaves of the limit, half of it may come as a burst; the other
        # half absorbs network jitter between our clock and Notify's window.
        capacity = max(1.0, (per_minute - rate * 60.0) / 2.0)
        return cls(rate, capacity)

    def most_in_window(self, seconds: float = 60.0) -> float:
        return self.capacity + self.rate_per_second * seconds


class RedisLimiter:
    def __init__(self, client: redis.Redis, bucket: Bucket) -> None:
        self.bucket = bucket
        self._client = client
        self._take = client.register_script(_TAKE)
        self._pause = client.register_script(_PAUSE)

    def try_acquire(self) -> float:
        """Take a token: 0.0 if taken, else how long to wait before trying again."""
        rate, capacity = self.bucket.rate_per_second, self.bucket.capacity
        return float(self._take(keys=[BUCKET_KEY, PAUSE_KEY], args=[rate, capacity]))

    def pause(self, seconds: float) -> None:
        self._pause(keys=[PAUSE_KEY], args=[seconds])


class LocalLimiter:
    """The same bucket in one process, for a local run without Redis (one worker)."""

    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket
        self._lock = threading.Lock()
        self._tokens = bucket.capacity
        self._at = time.monotonic()
        self._paused_until = 0.0

    def try_acquire(self) -> float:
        with self._lock:
            now = time.monotonic()
            if now < self._paused_until:
                return self._paused_until - now
            elapsed = now - self._at
            self._tokens = min(
                self.bucket.capacity, self._tokens + elapsed * self.bucket.rate_per_second
            )
            self._at = now
            if self._tokens >= 1:
                self._tokens -= 1
                return 0.0
            return (1 - self._tokens) / self.bucket.rate_per_second

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)


Limiter = RedisLimiter | LocalLimiter


@lru_cache
def limiter() -> Limiter:
    settings = get_settings()
    bucket = Bucket.for_limit(
        settings.notify_rate_limit_per_minute, settings.notify_rate_limit_headroom
    )
    url = settings.redis_url or (
        settings.celery_broker_url if settings.celery_broker_url.startswith("redis") else None
    )
    if url:
        return RedisLimiter(redis.Redis.from_url(url), bucket)
    return LocalLimiter(bucket)


def acquire(max_wait: float = 30.0) -> float:
    """Wait for a token, for at most ``max_wait`` seconds.

    Returns 0.0 once a token is taken, else how long until one could come (the caller
    hands its work back for that long rather than holding a worker).
    """
    deadline = time.monotonic() + max_wait
    while True:
        wait = limiter().try_acquire()
        if wait <= 0:
            return 0.0
        if time.monotonic() + wait > deadline:
            return wait
        time.sleep(wait)
