"""The council's own closure days: days its offices are shut beyond bank holidays (e.g.
between Christmas and New Year), which working-day clocks skip.

They are rule data (``calendar.council_closure_days``, declared in ``casework.calendars``):
each change makes a new version of the whole list, in force from today, so the list earlier
deadlines were counted with stays on record. Each change reschedules the running clocks
counted in working days, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import clocks
from casework.calendars import COUNCIL_CLOSURES
from casework.clocks import long_date
from casework.models import RuleVersion
from casework.rules import rule_in_force
from casework.school_calendars import (
    CalendarProblems,
    Problem,
    bank_holiday_name,
    check_name,
    serialise,
)

DEFAULT_NAME = "Council closure day"


@dataclass(frozen=True)
class ClosureDay:
    day: date
    name: str


def council_closure_days(session: Session) -> list[ClosureDay]:
    try:
        listed = rule_in_force(session, COUNCIL_CLOSURES, clocks.today()).value or []
    except LookupError:
        listed = []
    return sorted(
        (
            ClosureDay(date.fromisoformat(item["date"]), str(item.get("name") or ""))
            for item in listed
        ),
        key=lambda item: item.day,
    )


def set_council_closure_days(session: Session, days: list[ClosureDay], by: str) -> int:
    """Make ``days`` the council's closure days from today: a new version of the rule
    (today's version, if one was already made today), so the list in force before stays on
    record. Returns how many running clocks moved."""
    serialise(session)
    on = clocks.today()
    value = [
        {"date": item.day.isoformat(), "name": item.name}
        for item in sorted(days, key=lambda item: item.day)
    ]
    source = f"Set in the back office by {by} on {long_date(on)}."
    version = session.scalars(
        select(RuleVersion).where(
            RuleVersion.rule_key == COUNCIL_CLOSURES, RuleVersion.effective_from == on
        )
    ).first()
    if version is None:
        session.add(
            RuleVersion(rule_key=COUNCIL_CLOSURES, effective_from=on, value=value, source=source)
        )
    else:
        version.value = value
        version.source = source
    session.flush()
    return clocks.reschedule_running(session, units=("working_days",))


def _council_day_problem(day: date, listed: list[ClosureDay]) -> Problem | None:
    if day.weekday() >= 5:
        return Problem(
            f"{long_date(day)} is a {day:%A}. The council's offices are closed at weekends anyway",
            column="day",
        )
    holiday = bank_holiday_name(day)
    if holiday:
        return Problem(
            f"{long_date(day)} is a bank holiday ({holiday}), which working days skip anyway",
            column="day",
        )
    if any(item.day == day for item in listed):
        return Problem(f"{long_date(day)} is already a council closure day", column="day")
    return None


def add_council_closure_day(session: Session, day: date, name: str, by: str) -> ClosureDay:
    """Add one day to the council's closure days, or raise ``CalendarProblems``."""
    serialise(session)
    listed = council_closure_days(session)
    clean, problem = check_name(name.strip() or DEFAULT_NAME, "closure")
    problems = [p for p in (_council_day_problem(day, listed), problem) if p is not None]
    if problems:
        raise CalendarProblems(problems)
    added = ClosureDay(day, clean)
    set_council_closure_days(session, [*listed, added], by)
    return added


def remove_council_closure_day(session: Session, day: date, by: str) -> ClosureDay | None:
    serialise(session)
    listed = council_closure_days(session)
    gone = next((item for item in listed if item.day == day), None)
    if gone is not None:
        set_council_closure_days(session, [item for item in listed if item.day != day], by)
    return gone
