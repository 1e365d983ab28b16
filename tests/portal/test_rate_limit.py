"""Token buckets shared by every portal process (Redis) or held in one (no Redis). The
in-process buckets run on a clock the test moves; no test waits or measures time."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis

from casework.settings import get_settings
from portal import rate_limit
from portal.rate_limit import Limit, LocalBuckets, RedisBuckets


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def redis_buckets() -> Iterator[RedisBuckets]:
    client = redis.Redis.from_url(get_settings().redis_url)
    yield RedisBuckets(client)
    for key in client.scan_iter("test:rate:*"):
        client.delete(key)


def _key() -> str:
    return f"test:rate:{uuid.uuid4().hex}"


def test_a_bucket_lets_its_limit_through_then_says_how_long_to_wait():
    buckets = LocalBuckets(Clock())
    limit = Limit("conversation", 3)

    taken = [buckets.take([limit]) for _ in range(4)]

    assert taken[:3] == [0.0, 0.0, 0.0]
    assert taken[3] == pytest.approx(20.0)  # a token comes back every 60 / 3 seconds


def test_a_bucket_refills_as_the_minute_passes():
    clock = Clock()
    buckets = LocalBuckets(clock)
    limit = Limit("conversation", 3)
    for _ in range(3):
        buckets.take([limit])

    clock.now += 20
    assert buckets.take([limit]) == 0.0
    assert buckets.take([limit]) > 0
    clock.now += 60
    assert [buckets.take([limit]) for _ in range(4)][:3] == [0.0, 0.0, 0.0]


def test_a_refusal_by_one_limit_takes_nothing_from_the_others():
    buckets = LocalBuckets(Clock())
    conversation, address = Limit("conversation", 1), Limit("address", 2)

    assert buckets.take([conversation, address]) == 0.0
    assert buckets.take([conversation, address]) > 0  # the conversation's limit
    assert buckets.take([Limit("another conversation", 1), address]) == 0.0
    assert buckets.take([Limit("a third conversation", 1), address]) > 0  # the address's


def test_buckets_that_have_refilled_are_forgotten(monkeypatch):
    clock = Clock()
    buckets = LocalBuckets(clock)
    monkeypatch.setattr(LocalBuckets, "PRUNE_AT", 3)
    for name in ("a", "b", "c"):
        buckets.take([Limit(name, 5)])

    clock.now += 61
    buckets.take([Limit("d", 5)])

    assert set(buckets._buckets) == {"d"}


def test_redis_buckets_count_the_same_way(redis_buckets):
    conversation, address = Limit(_key(), 2), Limit(_key(), 3)

    taken = [redis_buckets.take([conversation, address]) for _ in range(3)]
    neighbour = redis_buckets.take([Limit(_key(), 2), address])
    full = redis_buckets.take([Limit(_key(), 2), address])

    assert taken[:2] == [0.0, 0.0] and taken[2] > 0
    assert neighbour == 0.0  # the refused third took nothing from the address
    assert 0 < full <= 20.0


def test_redis_buckets_are_shared_by_every_client(redis_buckets):
    limit = Limit(_key(), 1)
    another_process = RedisBuckets(redis.Redis.from_url(get_settings().redis_url))

    assert redis_buckets.take([limit]) == 0.0
    assert another_process.take([limit]) > 0


def test_a_limit_of_zero_is_off():
    assert all(rate_limit.take([Limit(_key(), 0)]) == 0.0 for _ in range(5))
