"""Writing messages to the outbox, in the caller's transaction.

Delivery is someone else's job (``notifications``): each new row asks for its delivery task
to be sent once the transaction commits (``casework.followups``), and a periodic sweep
picks up anything that was never queued.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import followups
from casework.messages import Message, get_message
from casework.models import Case, OutboxMessage
from casework.settings import get_settings

if TYPE_CHECKING:
    from casework.declaration import Contacts, ServiceDeclaration


def queue(
    session: Session,
    message_name: str,
    channel: str,
    recipient: str,
    personalisation: dict[str, Any],
    *,
    case_id: int | None = None,
    fallback_for_id: str | None = None,
) -> OutboxMessage:
    message = get_message(message_name)
    if channel not in message.wording:
        raise ValueError(f"Message {message_name} has no {channel} wording")
    personalisation = {**_common(message), **personalisation}
    # Checked before anything is queued: a missing field is our bug, not Notify's.
    message.check_personalisation(personalisation, channel)
    row = OutboxMessage(
        case_id=case_id,
        fallback_for_id=fallback_for_id,
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
    """Send a message to the applicant by the channels they chose (or, failing that, gave).

    People with neither an email address nor a mobile number get a letter.
    """
    message = get_message(message_name)
    contacts = service.contacts(case)
    personalisation = message_personalisation(service, case, message_name, reason=reason)
    rows = []
    for channel in contacts.channels():
        if channel in message.wording:
            rows.append(_queue_to(session, contacts, case, message_name, channel, personalisation))
    return rows


def message_personalisation(
    service: ServiceDeclaration, case: Case, message_name: str, *, reason: str | None = None
) -> dict[str, Any]:
    """The fields a message needs, filled from the case (also used for officers' previews)."""
    message = get_message(message_name)
    personalisation = {
        **_common(message),
        **service.personalisation(case),
        "reason": reason or "",
    }
    return {key: personalisation.get(key, "") for key in message.personalisation}


def _common(message: Message) -> dict[str, Any]:
    """What any message may use without its service filling it: the council's name, which
    starts every text so people know who it is from, and the page with ways to contact us."""
    settings = get_settings()
    common = {
        "council_name": settings.council_name,
        "contact_url": f"{settings.public_base_url}/contact",
    }
    return {key: value for key, value in common.items() if key in message.personalisation}


def _queue_to(
    session: Session,
    contacts: Contacts,
    case: Case,
    message_name: str,
    channel: str,
    personalisation: dict[str, Any],
    fallback_for_id: str | None = None,
) -> OutboxMessage:
    recipient: str | None
    if channel == "letter":
        address = contacts.letter_address()
        recipient = ", ".join(address.values())
        personalisation = {**personalisation, **address}
    else:
        recipient = contacts.email if channel == "email" else contacts.mobile
    assert recipient
    return queue(
        session,
        message_name,
        channel,
        recipient,
        personalisation,
        case_id=case.id,
        fallback_for_id=fallback_for_id,
    )


def queue_fallback(
    session: Session, service: ServiceDeclaration, case: Case, failed: OutboxMessage
) -> OutboxMessage | None:
    """After a permanent or temporary failure, the same message by the person's next channel, once.

    Email falls back to text, text to letter. Nothing is sent if a fallback already exists,
    or the person is being reached another way already (they chose both email and text).
    """
    existing = session.scalars(
        select(OutboxMessage).where(OutboxMessage.fallback_for_id == failed.id)
    ).first()
    if existing is not None:
        return None
    siblings = session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.case_id == case.id,
            OutboxMessage.message_name == failed.message_name,
            OutboxMessage.id != failed.id,
            OutboxMessage.created_at >= failed.created_at,
        )
    ).all()
    if any(not _failed(row) for row in siblings):
        return None
    message = get_message(failed.message_name)
    contacts = service.contacts(case)
    used = {row.channel for row in siblings} | {failed.channel}
    for channel in contacts.fallbacks_after(failed.channel):
        if channel in message.wording and channel not in used:
            base = {key: failed.personalisation.get(key, "") for key in message.personalisation}
            return _queue_to(session, contacts, case, failed.message_name, channel, base, failed.id)
    return None


# Receipts after which the person is tried by their next channel (see message_status).
FALLBACK_STATUSES = {"permanent-failure", "temporary-failure"}
FAILED_STATUSES = {"failed", "technical-failure", "validation-failed", *FALLBACK_STATUSES}


def _failed(row: OutboxMessage) -> bool:
    return row.status in FAILED_STATUSES or row.delivery_status in FAILED_STATUSES
