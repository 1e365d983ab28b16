"""Delivering one outbox row to GOV.UK Notify, exactly once.

The row id is Notify's ``reference``. A worker claims the row ("sending", with a lease) and
commits before calling Notify, and records Notify's answer before the task is acknowledged.
Whenever the outcome of an earlier call is unknown (the worker died, the call timed out, or
Notify answered 5xx after perhaps accepting it), the next attempt asks Notify for the
reference before sending again. While a lease is held nobody else sends, so two copies of
the task running at once still make one message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import requests
from notifications_python_client.errors import HTTPError
from sqlalchemy import select

from casework import db
from casework.models import Case, OutboxMessage
from casework.settings import get_settings
from casework.workflow import SYSTEM, record_event
from notifications import rate_limit
from notifications.client import notify_client

log = logging.getLogger(__name__)

DONE = {"sent", "failed"}
# Notify gives no Retry-After with a 429; every worker holds off this long.
RATE_LIMITED_PAUSE_SECONDS = 2.0
# The longest a worker waits for a token before handing the message back to the queue.
TOKEN_WAIT_SECONDS = 30.0
# Notify refused our key (401/403): how long every worker holds off before trying again.
AUTH_PAUSE_SECONDS = 60.0

Verdict = Literal[
    "sent", "already-sent", "retry", "rate-limited", "busy", "held", "failed", "missing"
]


@dataclass(frozen=True)
class Attempt:
    verdict: Verdict
    detail: str = ""
    retry_after: float | None = None


class _NotifyAnswered(Exception):
    def __init__(self, error: HTTPError) -> None:
        super().__init__(str(error))
        self.error = error


def _now() -> datetime:
    return datetime.now(UTC)


def deliver(message_id: str) -> Attempt:
    settings = get_settings()
    with db.transaction() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update()
        ).one_or_none()
        if row is None:
            return Attempt("missing")
        if row.status in DONE:
            return Attempt("already-sent")
        if _leased(row):
            return _busy(row)
        in_doubt = row.status == "sending"
        row.status = "sending"
        row.attempts += 1
        row.lease_until = _now() + timedelta(seconds=settings.notify_lease_seconds)
        request = _request(row)

    # Tokens are taken just before each call, never before the claim's database work, so
    # the moment a token is taken is, within a few milliseconds, the moment Notify counts
    # the request. Waiting is bounded well inside the lease.
    max_wait = min(TOKEN_WAIT_SECONDS, settings.notify_lease_seconds / 2)
    try:
        if in_doubt:
            # The look-up is a request too, and Notify counts it against the same limit.
            if wait := rate_limit.acquire(max_wait):
                return _no_token(message_id, wait, accepted=None)
            existing = _find_by_reference(message_id)
            if existing is not None:
                _record_sent(message_id, existing)
                return Attempt("already-sent", "Notify already had it")
        if wait := rate_limit.acquire(max_wait):
            return _no_token(message_id, wait, accepted=False)
        response = _send(request)
    except _NotifyAnswered as answered:
        return _answered(message_id, answered.error)
    except (requests.Timeout, requests.ConnectionError) as error:
        # Notify may have accepted it: stays "sending" so the next attempt asks first.
        _release(message_id, f"Notify did not answer: {type(error).__name__}", accepted=None)
        return Attempt("retry", type(error).__name__)
    _record_sent(message_id, response["id"])
    return Attempt("sent")


def _no_token(message_id: str, wait: float, *, accepted: bool | None) -> Attempt:
    detail = "Waiting for the Notify rate limit"
    _release(message_id, detail, accepted=accepted)
    return Attempt("rate-limited", detail, wait)


def _leased(row: OutboxMessage) -> bool:
    return row.status == "sending" and row.lease_until is not None and row.lease_until > _now()


def _busy(row: OutboxMessage) -> Attempt:
    assert row.lease_until is not None
    left = (row.lease_until - _now()).total_seconds()
    return Attempt("busy", "Another worker is sending it", max(0.5, left))


def _request(row: OutboxMessage) -> dict[str, Any]:
    return {
        "channel": row.channel,
        "recipient": row.recipient,
        "template_id": row.template_id,
        "personalisation": dict(row.personalisation),
        "reference": row.id,
    }


def _send(request: dict[str, Any]) -> dict[str, Any]:
    client = notify_client()
    common = {
        "template_id": request["template_id"],
        "personalisation": request["personalisation"],
        "reference": request["reference"],
    }
    try:
        if request["channel"] == "email":
            reply_to = get_settings().notify_email_reply_to_id
            if reply_to:
                # Replies reach the council's inbox, not Notify's no-reply address.
                common = {**common, "email_reply_to_id": reply_to}
            return client.send_email_notification(email_address=request["recipient"], **common)
        if request["channel"] == "sms":
            return client.send_sms_notification(phone_number=request["recipient"], **common)
        if request["channel"] == "letter":
            return client.send_letter_notification(**common)
    except HTTPError as error:
        raise _NotifyAnswered(error) from error
    raise ValueError(f"Unknown channel {request['channel']}")


def _find_by_reference(message_id: str) -> str | None:
    try:
        found = notify_client().get_all_notifications(reference=message_id)
    except HTTPError as error:
        raise _NotifyAnswered(error) from error
    notifications = found.get("notifications", [])
    return notifications[0]["id"] if notifications else None


def _answered(message_id: str, error: HTTPError) -> Attempt:
    status = error.status_code
    detail = f"Notify answered {status}: {error.message}"
    if status == 429:
        # Notify did not accept it; everyone waits, then this tries again.
        rate_limit.limiter().pause(RATE_LIMITED_PAUSE_SECONDS)
        _release(message_id, detail, accepted=False)
        return Attempt("rate-limited", detail, RATE_LIMITED_PAUSE_SECONDS)
    if status in (401, 403):
        # Our API key is wrong or revoked, or our clock is off: every message would get the
        # same answer and none of them is at fault. Hold all sending and keep the message;
        # it goes once the key is put right.
        rate_limit.limiter().pause(AUTH_PAUSE_SECONDS)
        _release(message_id, detail, accepted=False)
        log.error("Notify refused our API key, holding all messages: %s", detail)
        return Attempt("held", detail, AUTH_PAUSE_SECONDS)
    if status >= 500:
        # A 5xx may come after Notify stored the message: ask before sending again.
        _release(message_id, detail, accepted=None)
        return Attempt("retry", detail)
    # A 400 means the request itself is wrong: sending it again cannot help.
    return _give_up(message_id, f"Notify refused the message ({status}): {error.message}")


def _record_sent(message_id: str, notify_id: str) -> None:
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id, with_for_update=True)
        if row is None:
            return
        row.notify_id = notify_id
        row.status = "sent"
        row.sent_at = _now()
        row.lease_until = None
        row.last_error = None


def _release(message_id: str, detail: str, *, accepted: bool | None) -> None:
    """Give the row back for a retry. ``accepted=False``: Notify surely did not take it."""
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id, with_for_update=True)
        if row is None or row.status in DONE:
            return
        row.last_error = detail
        row.lease_until = None
        if accepted is False:
            row.status = "queued"


def _give_up(message_id: str, detail: str) -> Attempt:
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id, with_for_update=True)
        if row is None:
            return Attempt("missing")
        row.status = "failed"
        row.lease_until = None
        row.last_error = detail
        if row.case_id is not None:
            case = session.get(Case, row.case_id, with_for_update=True)
            if case is not None:
                # Flagged and on the timeline so an officer contacts the person another way.
                case.attention = f"A {_channel_name(row.channel)} could not be sent: {detail}"
                record_event(
                    session,
                    case,
                    SYSTEM,
                    "message_failed",
                    reason=detail,
                    data={"message_id": message_id, "channel": row.channel},
                )
    log.warning("Gave up on message %s: %s", message_id, detail)
    return Attempt("failed", detail)


def _channel_name(channel: str) -> str:
    return {"email": "email", "sms": "text message", "letter": "letter"}.get(channel, channel)
