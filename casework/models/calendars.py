"""School calendars: term dates and closure (INSET) days, by calendar.

A calendar is the council's (``"council"``, for the schools whose term dates it sets) or a
school's own, keyed by its URN. ``casework.calendars`` counts school days from these rows;
``casework.school_calendars`` imports and edits them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base


class SchoolTerm(Base):
    __tablename__ = "school_terms"
    __table_args__ = (UniqueConstraint("calendar", "starts_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(100))  # e.g. "Autumn term 1"
    starts_on: Mapped[date] = mapped_column(Date)  # the first day pupils attend
    ends_on: Mapped[date] = mapped_column(Date)  # the last day pupils attend


class SchoolClosure(Base):
    """A weekday in term when the school is closed to pupils (an INSET day, an election)."""

    __tablename__ = "school_closures"
    __table_args__ = (UniqueConstraint("calendar", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar: Mapped[str] = mapped_column(String(20), index=True)
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="INSET day")
