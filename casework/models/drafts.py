"""Answers a signed-in citizen has given so far, so they can save and return."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base, JSONType, UTCDateTime, utcnow


class Draft(Base):
    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("person_id", "service"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    service: Mapped[str] = mapped_column(String(60))
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Sent with the final submit so a double click makes one case.
    submission_key: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
