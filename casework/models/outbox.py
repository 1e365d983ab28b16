"""Messages waiting to be sent, written in the same transaction as their cause."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base, JSONType, UTCDateTime, utcnow


def new_message_id() -> str:
    return str(uuid.uuid4())


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"

    # The id doubles as Notify's `reference`, so a retry can look the send up.
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_message_id)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    message_name: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(10))  # email, sms, letter
    recipient: Mapped[str] = mapped_column(String(320))
    template_id: Mapped[str] = mapped_column(String(36))
    personalisation: Mapped[dict[str, Any]] = mapped_column(JSONType)
    # queued → sending → sent → delivered | permanent-failure | ...; failed = we gave up
    status: Mapped[str] = mapped_column(String(30), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    notify_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # What Notify's delivery receipts said last (delivered, permanent-failure, ...). Kept
    # apart from ``status`` (our side of the pipeline) so a receipt that overtakes our own
    # "sent" record never clashes with it, and only ever moves forward.
    delivery_status: Mapped[str | None] = mapped_column(String(30))
    delivery_status_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A worker that claimed the row owns it until then; after that, a retry asks Notify
    # whether the send happened before sending again.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set on a fallback message: the message whose permanent failure it replaces.
    fallback_for_id: Mapped[str | None] = mapped_column(String(36), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class InboundText(Base):
    """A text message someone sent to the council's Notify number."""

    __tablename__ = "inbound_texts"

    # Notify's id for the inbound message, so a callback that arrives twice is stored once.
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_number: Mapped[str] = mapped_column(String(30), index=True)
    destination_number: Mapped[str | None] = mapped_column(String(30))
    content: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    routed_to: Mapped[str] = mapped_column(String(20))  # case or assistant
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
