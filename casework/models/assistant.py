"""The assistant's web conversations, so a reload (or another portal process) shows them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base, JSONType, UTCDateTime, utcnow


class AssistantTurn(Base):
    """One message in a conversation: what the person said or what the assistant replied."""

    __tablename__ = "assistant_turns"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The Rasa sender id: a random id kept in the person's session.
    sender_id: Mapped[str] = mapped_column(String(64), index=True)
    speaker: Mapped[str] = mapped_column(String(10))  # "person" or "assistant"
    text: Mapped[str] = mapped_column(Text)
    # Quick replies the assistant offered: [{"title": ..., "payload": ...}]
    buttons: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
