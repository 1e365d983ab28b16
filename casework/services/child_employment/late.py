"""Whether the employer applied in time: within a week of the job starting (RULES.md §4 ⚠).

The duty is the employer's, not the council's: a late application is still decided on its
merits, never refused for being late, but officers are told (the case's attention, and the
case page) so they can follow it up with the employer. The day the council received it is
the day it arrived online, or the day a paper form reached the council.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.clocks import LONDON, long_date
from casework.models import Case, CaseEvent
from casework.rules import DefaultRule, rule_in_force
from casework.services.child_employment import rules

APPLY_WITHIN = "child_employment.apply_within"

DEFAULTS = (
    DefaultRule(
        APPLY_WITHIN,
        rules.IN_FORCE,
        {"days_after_start": 7},
        "⚠ RULES.md §4: the duty is on the employer, whose application must reach the council "
        "within one week of the child starting work (model byelaws on the employment of "
        "children, as adopted by councils under CYPA 1933 s.18). Following the byelaws' "
        "text, 'within one week' is 7 calendar days after the day the job started: an "
        "application received on the 7th day is in time, on the 8th it is late. A late "
        "application is flagged to officers, not refused. No statutory deadline binds the "
        "council; its own target of a week is the case's clock.",
    ),
)


@dataclass(frozen=True)
class Timing:
    started_on: date
    received_on: date
    apply_by: date

    @property
    def days_late(self) -> int:
        return max(0, (self.received_on - self.apply_by).days)

    @property
    def late(self) -> bool:
        return self.received_on > self.apply_by

    def words(self) -> str:
        received, started = long_date(self.received_on), long_date(self.started_on)
        if self.received_on <= self.started_on:
            return f"In time: received on {received}, before the job starts on {started}."
        after = (self.received_on - self.started_on).days
        days = f"{after} day{'' if after == 1 else 's'}"
        if not self.late:
            return (
                f"In time: received on {received}, {days} after the job started on "
                f"{started}. The employer had to apply by {long_date(self.apply_by)}."
            )
        return (
            f"Late application: received on {received}, {days} after the job started on "
            f"{started}. The employer had to apply by {long_date(self.apply_by)}. Decide it as "
            "usual, and follow up the late application with the employer."
        )


def received_on(session: Session, case: Case) -> date:
    """The day the council received the application (a paper form's date received)."""
    submitted = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "submitted")
        .order_by(CaseEvent.id)
        .limit(1)
    ).first()
    given = (submitted.data or {}).get("received_on") if submitted is not None else None
    if given:
        return date.fromisoformat(given)
    return case.submitted_at.astimezone(LONDON).date()


def timing(session: Session, case: Case) -> Timing:
    started = date.fromisoformat(str(case.answers["start_date"]))
    days = apply_within_days(session, started)
    return Timing(started, received_on(session, case), started + timedelta(days=days))


def apply_within_days(session: Session, on: date) -> int:
    """Days after a job starts that the employer has to apply, by the version in force."""
    try:
        value = rule_in_force(session, APPLY_WITHIN, on).value
    except LookupError:  # a database the defaults were not loaded into
        versions = [rule for rule in DEFAULTS if rule.effective_from <= on]
        value = max(versions, key=lambda rule: rule.effective_from).value
    return int(value["days_after_start"])


def flag(session: Session, case: Case) -> None:
    """Tell officers on the case itself when it reaches them late (they clear it once they
    have followed it up)."""
    found = timing(session, case)
    if found.late and not case.attention:
        case.attention = found.words()
