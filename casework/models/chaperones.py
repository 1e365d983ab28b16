"""Chaperone approvals: the register other councils and licence holders check."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base


class ChaperoneApproval(Base):
    """One approval granted on one chaperone case (``casework.services.chaperones``).

    Whether it stands (approved, suspended, revoked, expired) is the case's status; this
    row holds what the case cannot: the approval number people quote, unique across the
    council's approvals, and the dates the register and the reminders work from.
    """

    __tablename__ = "chaperone_approvals"
    # "CH-2026-0042" is the 42nd approval of 2026: one sequence per year, never repeated.
    __table_args__ = (UniqueConstraint("year", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    approval_number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    approved_on: Mapped[date] = mapped_column(Date)
    # The last day the approval is valid; the day after, it has expired.
    approved_until: Mapped[date] = mapped_column(Date, index=True)
    # The rule version the approval's length came from (a decision records its rules).
    rule_version_id: Mapped[int | None] = mapped_column(ForeignKey("rule_versions.id"))
    # The day the reminder to apply again was sent; it is sent once.
    reminder_sent_on: Mapped[date | None] = mapped_column(Date)
