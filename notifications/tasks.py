"""Celery tasks that move the outbox. Tasks take ids and have explicit names."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from celery import shared_task
from sqlalchemy import select

from casework import db
from casework.followups import DELIVER_MESSAGE
from casework.models import OutboxMessage
from notifications import delivery

NOTIFY_QUEUE = "notify"
MAX_RETRIES = 10


@shared_task(name=DELIVER_MESSAGE, bind=True, max_retries=MAX_RETRIES, acks_late=True)
def deliver_message(self, message_id: str) -> str:
    attempt = delivery.deliver(message_id)
    if attempt.verdict == "retry":
        # Exponential backoff with full jitter, capped at ten minutes.
        countdown = random.uniform(0, min(600, 2 ** (self.request.retries + 1)))  # noqa: S311
        raise self.retry(countdown=countdown)
    return attempt.verdict


@shared_task(name="notifications.sweep_outbox")
def sweep_outbox(older_than_seconds: int = 120) -> int:
    """Queue deliveries that were never queued or whose retries ran out."""
    cutoff = datetime.now(UTC) - timedelta(seconds=older_than_seconds)
    with db.transaction() as session:
        ids = list(
            session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.status.in_(("queued", "sending")),
                    OutboxMessage.updated_at < cutoff,
                )
            )
        )
    for message_id in ids:
        deliver_message.apply_async((message_id,), queue=NOTIFY_QUEUE)
    return len(ids)
