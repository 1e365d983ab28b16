"""Celery tasks that move the outbox. Tasks take ids and have explicit names."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from celery import shared_task
from redis.exceptions import RedisError
from sqlalchemy import or_, select

from casework import db
from casework.followups import DELIVER_MESSAGE
from casework.models import OutboxMessage
from casework.settings import get_settings
from notifications import delivery
from notifications.queues import NOTIFY_QUEUE, NOTIFY_RETRY_QUEUE

# Generous: a row whose retries run out is not lost, the sweep queues it again.
MAX_RETRIES = 50


def backoff_seconds(retries: int) -> float:
    """Exponential backoff with full jitter: uniform(0, base * 2^retries), capped."""
    settings = get_settings()
    ceiling = min(
        settings.notify_retry_max_seconds, settings.notify_retry_base_seconds * 2**retries
    )
    return random.uniform(0, ceiling)  # noqa: S311 - jitter, not security


@shared_task(name=DELIVER_MESSAGE, bind=True, max_retries=MAX_RETRIES, acks_late=True)
def deliver_message(self, message_id: str) -> str:
    try:
        attempt = delivery.deliver(message_id)
    except RedisError:
        # The rate limiter is unreachable: nothing was claimed or sent.
        raise self.retry(countdown=backoff_seconds(self.request.retries)) from None
    if attempt.verdict == "retry":
        raise self.retry(countdown=backoff_seconds(self.request.retries), queue=NOTIFY_RETRY_QUEUE)
    if attempt.verdict in ("rate-limited", "busy", "held"):
        wait = (attempt.retry_after or 1.0) + random.uniform(0, 1.0)  # noqa: S311
        raise self.retry(countdown=wait)
    return attempt.verdict


def notify_backlog() -> int | None:
    """Messages waiting in the notify queue, if the broker is Redis (else unknown)."""
    url = get_settings().celery_broker_url
    if not url.startswith("redis"):
        return None
    import redis

    return int(redis.Redis.from_url(url).llen(NOTIFY_QUEUE))


@shared_task(name="notifications.sweep_outbox")
def sweep_outbox(older_than_seconds: int | None = None) -> int:
    """Queue deliveries whose task was lost: never queued, or its worker died.

    A row "sending" past its lease is in doubt and is queued at once (delivery asks Notify
    first). A "queued" row is queued again once it is stale and nothing is waiting in the
    notify queue ahead of it, so a long burst is not queued twice.
    """
    settings = get_settings()
    now = datetime.now(UTC)
    stale = now - timedelta(seconds=older_than_seconds or settings.notify_sweep_after_seconds)
    backlog = notify_backlog()
    conditions = [
        (OutboxMessage.status == "sending")
        & (OutboxMessage.lease_until.is_(None) | (OutboxMessage.lease_until < now))
        & (OutboxMessage.updated_at < now - timedelta(seconds=30))
    ]
    if not backlog:
        conditions.append((OutboxMessage.status == "queued") & (OutboxMessage.updated_at < stale))
    with db.transaction() as session:
        ids = list(session.scalars(select(OutboxMessage.id).where(or_(*conditions))))
    for message_id in ids:
        deliver_message.apply_async((message_id,), queue=NOTIFY_QUEUE)
    return len(ids)
