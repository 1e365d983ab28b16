"""Chaperone approvals' daily work: a reminder before an approval ends, and its expiry.

Both are worked out from the date (London's, the council's), so running more often than
daily, or late after a restart, does no harm: a reminder is sent once (the approval
records the day it went), and an approval expires on the first day after its last valid
day, or at the first run after that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import clocks, db, outbox
from casework.catalogue import get_service
from casework.models import Case, ChaperoneApproval
from casework.services.chaperones import SLUG
from casework.services.chaperones import messages as m
from casework.services.chaperones.rules import approval_rules
from casework.workflow import SYSTEM, IllegalTransition, apply_transition, record_event

REMIND_AND_EXPIRE = "chaperones.remind_and_expire"


@dataclass(frozen=True)
class DailyRun:
    reminded: int
    expired: int


def due_for_reminder(session: Session, today: date) -> list[int]:
    """Approvals (ids) within the reminder period of their last day, not yet reminded."""
    weeks = approval_rules(session, today)["reminder_weeks_before_expiry"]
    return list(
        session.scalars(
            select(ChaperoneApproval.id)
            .join(Case, Case.id == ChaperoneApproval.case_id)
            .where(
                Case.status == "approved",
                ChaperoneApproval.reminder_sent_on.is_(None),
                ChaperoneApproval.approved_until >= today,
                ChaperoneApproval.approved_until <= today + timedelta(weeks=weeks),
            )
            .order_by(ChaperoneApproval.id)
        )
    )


def due_to_expire(session: Session, today: date) -> list[int]:
    """Cases (ids) whose approval stands but whose last valid day was before today."""
    return list(
        session.scalars(
            select(Case.id)
            .join(ChaperoneApproval, ChaperoneApproval.case_id == Case.id)
            .where(
                Case.service == SLUG,
                Case.status.in_(("approved", "suspended")),
                ChaperoneApproval.approved_until < today,
            )
            .order_by(Case.id)
        )
    )


def remind(session: Session, approval_id: int, today: date) -> bool:
    """Send one approval's reminder, unless it has gone already; whether it was sent."""
    approval = session.scalars(
        select(ChaperoneApproval).where(ChaperoneApproval.id == approval_id).with_for_update()
    ).one()
    if approval.reminder_sent_on is not None:
        return False
    case = session.get_one(Case, approval.case_id)
    approval.reminder_sent_on = today
    outbox.queue_for_case(session, get_service(SLUG), case, m.EXPIRY_REMINDER.name)
    record_event(
        session,
        case,
        SYSTEM,
        "expiry_reminder_sent",
        data={"approved_until": approval.approved_until.isoformat()},
    )
    return True


def expire(session: Session, case_id: int) -> bool:
    """Expire one approval; False if it was revoked or expired meanwhile."""
    try:
        apply_transition(session, get_service(SLUG), case_id, "expire", SYSTEM)
    except IllegalTransition:
        return False
    return True


def run(today: date) -> DailyRun:
    """The day's reminders and expiries, each in its own transaction so one failure does
    not hold up the rest."""
    with db.transaction() as session:
        expiring = due_to_expire(session, today)
    expired = 0
    for case_id in expiring:
        with db.transaction() as session:
            expired += expire(session, case_id)
    with db.transaction() as session:
        reminders = due_for_reminder(session, today)
    sent = 0
    for approval_id in reminders:
        with db.transaction() as session:
            sent += remind(session, approval_id, today)
    return DailyRun(reminded=sent, expired=expired)


def remind_and_expire(today: str | None = None) -> dict[str, int]:
    """The worker's task: ``today`` (YYYY-MM-DD) only to run a given day again."""
    done = run(date.fromisoformat(today) if today else clocks.today())
    return {"reminded": done.reminded, "expired": done.expired}
