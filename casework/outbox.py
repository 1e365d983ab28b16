"""Writing messages to the outbox, in the caller's transaction.

Delivery is someone else's job (``notifications``): each new row asks for its delivery task
to be sent once the transaction commits (``casework.followups``), and a periodic sweep
picks up anything that was never queued.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from casework import followups
from casework.messages import get_message
from casework.models import Case, OutboxMessage

if TYPE_CHECKING:
    from casework.catalogue import ServiceDeclaration


def queue(
    session: Session,
    message_name: str,
    channel: str,
    recipient: str,
    personalisation: dict[str, Any],
    *,
    case_id: int | None = None,
) -> OutboxMessage:
    message = get_message(message_name)
    if channel not in message.wording:
        raise ValueError(f"Message {message_name} has no {channel} wording")
    # Checked before anything is queued: a missing field is our bug, not Notify's.
    message.check_personalisation(personalisation)
    row = OutboxMessage(
        case_id=case_id,
        message_name=message_name,
        channel=channel,
        recipient=recipient,
        template_id=message.template_id(channel),
        personalisation=personalisation,
    )
    session.add(row)
    session.flush()
    followups.after_commit(session, followups.DELIVER_MESSAGE, row.id)
    return row


def queue_for_case(
    session: Session,
    service: ServiceDeclaration,
    case: Case,
    message_name: str,
    *,
    reason: str | None = None,
) -> list[OutboxMessage]:
    """Send a message to the applicant by every channel they gave us."""
    message = get_message(message_name)
    contacts = service.contacts(case)
    personalisation = {**service.personalisation(case), "reason": reason or ""}
    wanted = {key: personalisation.get(key, "") for key in message.personalisation}
    rows = []
    if contacts.email and "email" in message.wording:
        rows.append(queue(session, message_name, "email", contacts.email, wanted, case_id=case.id))
    if contacts.mobile and "sms" in message.wording:
        rows.append(queue(session, message_name, "sms", contacts.mobile, wanted, case_id=case.id))
    return rows
