"""Cases, their append-only events, eligibility checks and documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.models.base import Base, JSONType, UTCDateTime, utcnow


class Case(Base):
    __tablename__ = "cases"
    # The officers' queue: one service's cases in due-date order, and counts by status
    # (migration 0005 says why).
    __table_args__ = (
        Index("ix_cases_queue", "service", "due_on", "id"),
        Index("ix_cases_service_status", "service", "status", "due_on"),
        # The queue's search is LIKE '%term%', which a btree cannot serve; a trigram index
        # can (PostgreSQL's pg_trgm; SQLite gets a plain index and scans, migration 0008).
        Index(
            "ix_cases_search_text",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    service: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(40), index=True)
    channel: Mapped[str] = mapped_column(String(20))  # web, api, assistant, officer
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    # The verified or given contact address, so cases made by the API or an officer can be
    # claimed by the person who later signs in with it.
    contact_email: Mapped[str | None] = mapped_column(String(320), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType)
    # A client-supplied key so a double submit or a retried API call makes one case.
    idempotency_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    # Why an officer must look at the case outside its workflow (e.g. Notify refused a
    # message); cleared by the officer.
    attention: Mapped[str | None] = mapped_column(Text)
    # Names, NI numbers, postcodes … from the answers, lower-cased, for the queue's search
    # (casework.search_text says which answers).
    search_text: Mapped[str] = mapped_column(Text, default="")

    # Loaded only when asked for: a queue page of fifty cases must not fetch their histories.
    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.id")


class CaseEvent(Base):
    """Append-only audit of everything that happened to a case."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(60))
    actor_kind: Mapped[str] = mapped_column(String(20))  # citizen, officer, system, api
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    case: Mapped[Case] = relationship(back_populates="events")


class EligibilityCheck(Base):
    __tablename__ = "eligibility_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    outcome: Mapped[str] = mapped_column(String(30))
    service_status: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    rule_version_id: Mapped[int | None] = mapped_column(ForeignKey("rule_versions.id"))


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    # Who sent it; for a document the council issued, who issued it.
    uploaded_by: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None for a file someone sent; what the council issued for the others, e.g. "permit"
    # (``casework.issued``). Applicants may download only these from their account.
    issued_kind: Mapped[str | None] = mapped_column(String(60))


class CaseClock(Base):
    """One statutory or target clock on one case (``casework.clocks`` runs it).

    Dates are the council's calendar days. ``due_on`` moves on when a pause ends (by the
    days the clock stood still); ``warn_on`` is the day 80% of its time has gone.
    """

    __tablename__ = "case_clocks"
    __table_args__ = (
        UniqueConstraint("case_id", "clock"),
        # The queue, the digest and the dashboard look for running clocks near or past due.
        Index("ix_case_clocks_running", "stopped_on", "due_on"),
        Index("ix_case_clocks_figures", "service", "clock", "stopped_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    service: Mapped[str] = mapped_column(String(60))
    clock: Mapped[str] = mapped_column(String(60))
    started_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    warn_on: Mapped[date] = mapped_column(Date)
    # Set while the clock stands still (e.g. waiting for the applicant's evidence).
    paused_since: Mapped[date | None] = mapped_column(Date)
    # Days (in the clock's own unit) it has stood still so far, added to its length.
    paused_days: Mapped[int] = mapped_column(Integer, default=0)
    stopped_on: Mapped[date | None] = mapped_column(Date)
    in_time: Mapped[bool | None] = mapped_column(Boolean)
