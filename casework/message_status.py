"""What Notify says happened to a message, applied in the core: forward only, once.

Delivery receipts can arrive twice or out of order. Each status has a rank; a receipt only
moves a message to a higher rank, so a late "sending" never hides "delivered" and a repeat
changes nothing. A permanent or temporary failure falls back to the person's next channel:
Notify reports a temporary failure (inbox full, phone off) only after it has stopped
retrying, so the message did not arrive and will not.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casework import outbox
from casework.catalogue import find_service
from casework.models import Case, OutboxMessage
from casework.workflow import SYSTEM, record_event

FINAL = 5
RANK = {
    "created": 1,
    "accepted": 1,
    "pending-virus-check": 1,
    "sending": 2,
    "pending": 2,
    "sent": 3,  # an international text: no further receipt will come
    "delivered": FINAL,
    "received": FINAL,  # a letter handed to the printer
    "permanent-failure": FINAL,
    "temporary-failure": FINAL,
    "technical-failure": FINAL,
    "validation-failed": FINAL,
    "virus-scan-failed": FINAL,
    "cancelled": FINAL,
}

DESCRIPTIONS = {
    "delivered": "delivered",
    "received": "sent to the printer",
    "permanent-failure": "could not be delivered: the address or number does not exist",
    "temporary-failure": "could not be delivered: the inbox was full or the phone was off",
    "technical-failure": "could not be delivered: a technical problem at GOV.UK Notify",
    "validation-failed": "could not be printed: the letter did not pass Notify's checks",
}


def rank(status: str | None) -> int:
    return RANK.get(status or "", 0)


def moves_forward(current: str | None, new: str) -> bool:
    return rank(new) > rank(current)


def apply_receipt(
    session: Session,
    *,
    reference: str | None,
    notify_id: str | None,
    status: str,
    at: datetime,
) -> str:
    """Record a delivery receipt; returns what happened (for logs and tests)."""
    conditions = []
    if reference:
        conditions.append(OutboxMessage.id == reference)
    if notify_id:
        conditions.append(OutboxMessage.notify_id == notify_id)
    if not conditions:
        return "unknown"
    row = session.scalars(select(OutboxMessage).where(or_(*conditions)).with_for_update()).first()
    if row is None:
        return "unknown"
    if not moves_forward(row.delivery_status, status):
        return "ignored"
    row.delivery_status = status
    row.delivery_status_at = at
    if notify_id and not row.notify_id:
        row.notify_id = notify_id
    if row.case_id is None or rank(status) < FINAL:
        return "updated"
    case = session.get(Case, row.case_id, with_for_update=True)
    if case is None:
        return "updated"
    channel = {"email": "Email", "sms": "Text message", "letter": "Letter"}.get(row.channel)
    description = DESCRIPTIONS.get(status, status.replace("-", " "))
    record_event(
        session,
        case,
        SYSTEM,
        "message_delivered" if status in ("delivered", "received") else "message_failed",
        reason=f"{channel} {row.message_name} to {row.recipient} {description}",
        data={"message_id": row.id, "channel": row.channel, "status": status},
    )
    if status in outbox.FALLBACK_STATUSES:
        service = find_service(case.service)
        fallback = outbox.queue_fallback(session, service, case, row) if service else None
        if fallback is not None:
            record_event(
                session,
                case,
                SYSTEM,
                "message_fallback",
                reason=f"Sending {row.message_name} by {fallback.channel} instead",
                data={"message_id": fallback.id, "fallback_for": row.id},
            )
        else:
            case.attention = (
                f"We could not reach the applicant: {channel} {description}, and there is "
                "no other way to contact them"
            )
    elif status == "technical-failure":
        case.attention = f"{channel} {row.message_name} {description}"
    return "updated"
