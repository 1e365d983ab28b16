"""Delivering one outbox row to GOV.UK Notify, at most once.

The row is claimed ("sending") and committed before Notify is called, and the row id is
sent as Notify's ``reference``. If a worker dies after Notify accepted a message but before
we recorded it, the next attempt finds the row still "sending" and asks Notify by reference
instead of sending again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import requests
from notifications_python_client.errors import HTTPError
from sqlalchemy import select

from casework import db
from casework.models import Case, OutboxMessage
from casework.workflow import SYSTEM, record_event
from notifications.client import notify_client

log = logging.getLogger(__name__)

DONE = {"sent", "delivered", "failed", "permanent-failure", "technical-failure"}

Verdict = Literal["sent", "already-sent", "retry", "failed", "missing"]


@dataclass(frozen=True)
class Attempt:
    verdict: Verdict
    detail: str = ""
    retry_after: float | None = None


def deliver(message_id: str) -> Attempt:
    with db.transaction() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update()
        ).first()
        if row is None:
            return Attempt("missing")
        if row.status in DONE:
            return Attempt("already-sent")
        in_doubt = row.status == "sending"
        row.status = "sending"
        row.attempts += 1
        channel, recipient = row.channel, row.recipient
        template_id, personalisation = row.template_id, dict(row.personalisation)

    client = notify_client()
    try:
        if in_doubt:
            existing = _find_by_reference(message_id)
            if existing is not None:
                _record_sent(message_id, existing)
                return Attempt("already-sent")
        if channel == "email":
            response = client.send_email_notification(
                email_address=recipient,
                template_id=template_id,
                personalisation=personalisation,
                reference=message_id,
            )
        elif channel == "sms":
            response = client.send_sms_notification(
                phone_number=recipient,
                template_id=template_id,
                personalisation=personalisation,
                reference=message_id,
            )
        else:
            return _give_up(message_id, f"Channel {channel} is not supported yet")
    except HTTPError as error:
        status = error.status_code
        if status == 429 or status >= 500:
            return _release(message_id, f"Notify answered {status}: {error.message}", status)
        # 400 and 403 mean the request itself is wrong: sending it again cannot help.
        return _give_up(message_id, f"Notify refused the message ({status}): {error.message}")
    except (requests.Timeout, requests.ConnectionError) as error:
        return _release(message_id, f"Notify did not answer: {type(error).__name__}", None)
    _record_sent(message_id, response["id"])
    return Attempt("sent")


def _find_by_reference(message_id: str) -> str | None:
    found = notify_client().get_all_notifications(reference=message_id)
    notifications = found.get("notifications", [])
    return notifications[0]["id"] if notifications else None


def _record_sent(message_id: str, notify_id: str) -> None:
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id, with_for_update=True)
        if row is None:
            return
        row.notify_id = notify_id
        row.status = "sent"
        row.sent_at = datetime.now(UTC)
        row.last_error = None


def _release(message_id: str, detail: str, status: int | None) -> Attempt:
    """A fault on Notify's side or the network: the row goes back to waiting for a retry.

    It is set back to "queued" only because Notify answered with an error, so we know it
    did not accept the message; a timeout stays "sending" so the retry asks first.
    """
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id, with_for_update=True)
        if row is not None:
            row.last_error = detail
            if status is not None:
                row.status = "queued"
    return Attempt("retry", detail)


def _give_up(message_id: str, detail: str) -> Attempt:
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id, with_for_update=True)
        if row is None:
            return Attempt("missing")
        row.status = "failed"
        row.last_error = detail
        if row.case_id is not None:
            case = session.get(Case, row.case_id)
            if case is not None:
                # Shows on the case timeline so an officer can contact the person another way.
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
