"""The daily digests of clocks sent to officers: one row per officer per day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base, UTCDateTime, utcnow


class ClockDigest(Base):
    """An officer's daily email of cases near or past a clock (``casework.clock_alerts``).

    The row is the promise that the day's digest went out: it is inserted in the same
    transaction as the outbox row, and the unique (officer, day) makes a second run of the
    task, a retry or a second worker at the same moment send nothing more.
    """

    __tablename__ = "clock_digests"
    __table_args__ = (UniqueConstraint("officer_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    day: Mapped[date] = mapped_column(Date)  # the council's (London) day it is for
    overdue: Mapped[int] = mapped_column(Integer)
    due_soon: Mapped[int] = mapped_column(Integer)
    outbox_message_id: Mapped[str | None] = mapped_column(ForeignKey("outbox_messages.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
