"""Working days and school days, for any year.

Bank holidays for England (with substitute days, and one-off days such as a coronation)
come from the maintained ``holidays`` library, so no hand-kept list runs out. The council's
own closure days (e.g. between Christmas and New Year) are rule data
(``calendar.council_closure_days``), so a council adds them without a code change.

School days come from school calendars: the council's term dates and closure (INSET) days
for the schools it sets them for, and a school's own where it sets its own (academies,
voluntary aided schools). ``casework.school_calendars`` imports and edits them.

Every count follows one convention: the start day itself never counts, so "10 working days
after Friday 20 November" is Friday 4 December, and ``between(start, end)`` counts the days
after ``start`` up to and including ``end``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Protocol

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import SchoolClosure, SchoolTerm
from casework.rules import DefaultRule, rule_in_force

COUNCIL_CLOSURES = "calendar.council_closure_days"
# The calendar key of the term dates the council sets for its community and voluntary
# controlled schools; a school that sets its own is keyed by its URN.
COUNCIL = "council"

DEFAULT_RULES = (
    DefaultRule(
        key=COUNCIL_CLOSURES,
        effective_from=date(2020, 1, 1),
        # A list of {"date": "YYYY-MM-DD", "name": "..."}; each version is the whole list.
        value=[],
        source=(
            "The council's own closure days, beyond England's bank holidays. None by "
            "default: add a version listing them (e.g. the days between Christmas and New "
            "Year) and working-day clocks skip them."
        ),
    ),
)


@lru_cache(maxsize=256)
def bank_holidays_in(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    return day in bank_holidays_in(day.year)


class DayCounter(Protocol):
    """A way of counting days: calendar, working or school days."""

    def counts(self, day: date) -> bool: ...


def add_days(counter: DayCounter, start: date, days: int) -> date:
    """The date ``days`` counted days after ``start`` (the start day itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if counter.counts(current):
            remaining -= 1
    return current


def days_between(counter: DayCounter, start: date, end: date) -> int:
    """Counted days after ``start`` up to and including ``end`` (negative if end is earlier)."""
    if end < start:
        return -days_between(counter, end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if counter.counts(start + timedelta(n)))


@dataclass(frozen=True)
class CalendarDays:
    def counts(self, day: date) -> bool:
        return True


@dataclass(frozen=True)
class WorkingCalendar:
    """Monday to Friday, less England's bank holidays and the council's closure days."""

    closures: frozenset[date] = frozenset()

    def counts(self, day: date) -> bool:
        return day.weekday() < 5 and not is_bank_holiday(day) and day not in self.closures


@dataclass(frozen=True)
class SchoolCalendar:
    """The days a school is open to pupils: weekdays in term, less bank holidays and
    closure (INSET) days.

    Beyond the last term it knows, a calendar counts every working day as a school day, so
    a clock still has a date; ``known_until`` says where the projection starts, and the
    clock says its date is an estimate.
    """

    key: str
    terms: tuple[tuple[date, date], ...]  # (first day, last day), in order
    closures: frozenset[date] = frozenset()

    @property
    def known_until(self) -> date | None:
        return self.terms[-1][1] if self.terms else None

    def counts(self, day: date) -> bool:
        if day.weekday() >= 5 or is_bank_holiday(day) or day in self.closures:
            return False
        if self.known_until is None or day > self.known_until:
            return True
        return any(first <= day <= last for first, last in self.terms)


# Working days with bank holidays only: for dates given to the public (e.g. "send your
# evidence by"), which do not move when the council's offices close.
BANK_HOLIDAYS_ONLY = WorkingCalendar()
EVERY_DAY = CalendarDays()


def is_working_day(day: date) -> bool:
    return BANK_HOLIDAYS_ONLY.counts(day)


def add_working_days(start: date, days: int) -> date:
    return add_days(BANK_HOLIDAYS_ONLY, start, days)


def working_days_between(start: date, end: date) -> int:
    return days_between(BANK_HOLIDAYS_ONLY, start, end)


def working_calendar(session: Session, on: date | None = None) -> WorkingCalendar:
    """The council's working days: bank holidays and its own closure days in force."""
    try:
        listed = rule_in_force(session, COUNCIL_CLOSURES, on).value or []
    except LookupError:
        listed = []
    return WorkingCalendar(frozenset(date.fromisoformat(item["date"]) for item in listed))


def school_calendar(session: Session, urn: str | None = None) -> SchoolCalendar:
    """A school's own calendar if it sets one, else the council's."""
    key = COUNCIL
    if urn:
        has_own = session.scalar(select(SchoolTerm.id).where(SchoolTerm.calendar == urn).limit(1))
        key = urn if has_own is not None else COUNCIL
    terms = session.execute(
        select(SchoolTerm.starts_on, SchoolTerm.ends_on)
        .where(SchoolTerm.calendar == key)
        .order_by(SchoolTerm.starts_on)
    ).all()
    closures = session.scalars(select(SchoolClosure.day).where(SchoolClosure.calendar == key))
    return SchoolCalendar(
        key=key,
        terms=tuple((first, last) for first, last in terms),
        closures=frozenset(closures),
    )
