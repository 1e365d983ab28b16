"""Inspections' background work: flag to officers the productions about to end (or ended)
with no visit recorded.

The day to inspect by comes from the answers (the last day at any venue), which a ``Clock``
cannot count to, so the queue does not tag these cases by itself; this puts them in front
of officers instead, once per case, through the case's "needs an officer" banner.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import db
from casework.clocks import long_date, today
from casework.models import Case, CaseEvent
from casework.services.performance_inspections import rules
from casework.services.performance_inspections.questions import last_day
from casework.services.performance_inspections.workflow import OPEN, VISITS
from casework.workflow import SYSTEM, record_event

SLUG = "performance-inspections"
FLAG_UNINSPECTED = "performance_inspections.flag_uninspected"
FLAGGED = "inspection_due_flagged"


def flag_uninspected(session: Session, on: date) -> list[str]:
    """Flag each open inspection with no visit whose last day is near or past; the
    references flagged. A case is flagged once: an officer who clears the banner has seen it."""
    warn_days = rules.value(session, rules.WARNING, on)["days"]
    found = session.scalars(select(Case).where(Case.service == SLUG, Case.status.in_(OPEN))).all()
    if not found:
        return []
    acted = {
        (case_id, action)
        for case_id, action in session.execute(
            select(CaseEvent.case_id, CaseEvent.action).where(
                CaseEvent.case_id.in_([case.id for case in found]),
                CaseEvent.action.in_((*VISITS, FLAGGED)),
            )
        )
    }
    flagged = []
    for case in found:
        last = last_day(case.answers)
        if last is None or last > on + timedelta(days=warn_days):
            continue
        if any((case.id, action) in acted for action in (*VISITS, FLAGGED)):
            continue
        if last < on:
            why = f"The children were not inspected: the last day was {long_date(last)}"
        else:
            why = f"No visit recorded and the last day is {long_date(last)}"
        case.attention = why
        record_event(session, case, SYSTEM, FLAGGED, reason=why, data={"last_day": str(last)})
        flagged.append(case.reference)
    session.flush()
    return flagged


def flag_uninspected_now() -> int:
    with db.transaction() as session:
        return len(flag_uninspected(session, today()))
