"""Limits on how often something may happen, counted across every portal process.

Each limit is a token bucket (``casework.token_buckets``) holding up to ``per_minute``
tokens and refilling at ``per_minute`` a minute: a steady sender gets ``per_minute`` a
minute, and someone who sends a few messages in quick succession is not stopped. With
``settings.redis_url`` the buckets live in Redis, so every process on every machine counts
together; without it (a local run, one process) they live in this process.

If Redis cannot be reached the limit lets the action through (and logs it): the limits
protect the assistant from floods, and a broken limiter must not shut the assistant.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import redis

from casework.settings import get_settings
from casework.token_buckets import LocalBuckets, RedisBuckets

log = logging.getLogger(__name__)

# Short timeouts: a slow Redis must not hold up a person's message for long.
REDIS_TIMEOUT_SECONDS = 0.5

__all__ = ["Limit", "LocalBuckets", "RedisBuckets", "buckets", "reset", "take"]


@dataclass(frozen=True)
class Limit:
    key: str
    per_minute: int

    @property
    def capacity(self) -> float:
        return float(self.per_minute)

    @property
    def rate_per_second(self) -> float:
        return self.per_minute / 60.0


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
