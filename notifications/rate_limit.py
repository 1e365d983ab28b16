"""One rate limit for every worker and process: a token bucket in Redis.

Notify allows 3,000 requests a minute per key, counted over any rolling 60 seconds. A
bucket refilling at ``headroom`` of that rate, with a small burst, can never let more than
``burst + 60 * rate`` requests through in any 60 seconds, which stays under the limit. The
bucket lives in Redis and is refilled by Redis's own clock (``TIME``), so every worker on
every machine draws from the same tokens (``casework.token_buckets``). Celery's
``rate_limit`` is per worker and could not do this.

When Notify answers 429 anyway (another system sharing the key), ``pause`` stops every
worker for a moment.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

import redis

from casework.settings import get_settings
from casework.token_buckets import LocalBuckets, RedisBuckets

BUCKET_KEY = "notify:rate:bucket"
PAUSE_KEY = "notify:rate:pause-until"


@dataclass(frozen=True)
class Bucket:
    rate_per_second: float
    capacity: float
    key: str = BUCKET_KEY  # one bucket for the whole key: every worker takes from it

    @classmethod
    def for_limit(cls, per_minute: int, headroom: float) -> Bucket:
        rate = per_minute * headroom / 60.0
        # Whatever the refill leaves of the limit, half of it may come as a burst; the other
        # half absorbs network jitter between our clock and Notify's window.
        capacity = max(1.0, (per_minute - rate * 60.0) / 2.0)
        return cls(rate, capacity)

    def most_in_window(self, seconds: float = 60.0) -> float:
        return self.capacity + self.rate_per_second * seconds


class Limiter:
    def __init__(self, buckets: RedisBuckets | LocalBuckets, bucket: Bucket) -> None:
        self.bucket = bucket
        self._buckets = buckets

    def try_acquire(self) -> float:
        """Take a token: 0.0 if taken, else how long to wait before trying again."""
        return self._buckets.take([self.bucket], pause_key=PAUSE_KEY)

    def pause(self, seconds: float) -> None:
        self._buckets.pause(PAUSE_KEY, seconds)


class LocalLimiter(Limiter):
    """The same bucket in one process, for a local run without Redis (one worker)."""

    def __init__(self, bucket: Bucket) -> None:
        super().__init__(LocalBuckets(), bucket)


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
        return Limiter(RedisBuckets(redis.Redis.from_url(url)), bucket)
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
