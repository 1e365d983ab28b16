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
    notify_id: Mapped[str | None] = mapped_column(String(36))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
