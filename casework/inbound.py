"""Texts people send to the council's number: to a case if they name one, else the assistant."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from casework import cases, followups
from casework.catalogue import all_services
from casework.models import InboundText
from casework.references import references_in
from casework.workflow import Actor, record_event


def receive_text(
    session: Session,
    *,
    notify_id: str,
    source_number: str,
    destination_number: str | None,
    content: str,
    received_at: datetime,
) -> InboundText:
    """Store an inbound text once (by Notify's id) and route it.

    A text that names a case reference is attached to that case and flags it for an
    officer; anything else goes to the assistant after commit.
    """
    existing = session.get(InboundText, notify_id)
    if existing is not None:
        return existing
    prefixes = [service.reference_prefix for service in all_services()]
    case = None
    for reference in references_in(content, prefixes):
        case = cases.by_reference(session, reference)
        if case is not None:
            break
    text = InboundText(
        id=notify_id,
        source_number=source_number,
        destination_number=destination_number,
        content=content,
        received_at=received_at,
        case_id=case.id if case else None,
        routed_to="case" if case else "assistant",
    )
    session.add(text)
    session.flush()
    if case is not None:
        sender = Actor(kind="citizen", label=f"Text from {source_number}")
        record_event(
            session,
            case,
            sender,
            "text_received",
            reason=content,
            data={"inbound_text_id": notify_id, "from": source_number},
        )
        case.attention = f"New text message from {source_number}"
    else:
        followups.after_commit(session, followups.ASSISTANT_REPLY_TO_TEXT, source_number, content)
    return text
