"""What a school calendar holds, as officers read it: terms and closure days by academic
year with the school days in each term, and which calendars there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.calendars import COUNCIL, SchoolCalendar, days_between
from casework.models import SchoolClosure, SchoolTerm
from casework.school_calendars import (
    COUNCIL_LABEL,
    academic_year,
    academic_year_label,
    existing_rows,
    school_names,
)


@dataclass(frozen=True)
class TermView:
    term: SchoolTerm
    school_days: int  # weekdays in it, less bank holidays and its closure days


@dataclass(frozen=True)
class YearView:
    year: int
    terms: list[TermView]
    closures: list[SchoolClosure]

    @property
    def label(self) -> str:
        return academic_year_label(self.year)

    @property
    def school_days(self) -> int:
        return sum(term.school_days for term in self.terms)


def years_of(session: Session, calendar: str) -> list[YearView]:
    """A calendar's own terms and closure days by academic year, earliest first."""
    held = existing_rows(session, [calendar])[calendar]
    counter = SchoolCalendar(
        key=calendar,
        terms=tuple((t.starts_on, t.ends_on) for t in held.terms),
        closures=frozenset(held.closures),
    )
    years: dict[int, YearView] = {}
    for term in held.terms:
        count = days_between(counter, term.starts_on - timedelta(days=1), term.ends_on)
        year = years.setdefault(academic_year(term.starts_on), YearView(0, [], []))
        year.terms.append(TermView(term, count))
    for day in sorted(held.closures):
        year = years.setdefault(academic_year(day), YearView(0, [], []))
        year.closures.append(held.closures[day])
    return [YearView(number, view.terms, view.closures) for number, view in sorted(years.items())]


@dataclass(frozen=True)
class CalendarSummary:
    key: str
    label: str
    years: tuple[int, ...]
    known_until: date | None

    @property
    def years_text(self) -> str:
        return ", ".join(academic_year_label(year) for year in self.years)


def summaries(session: Session) -> tuple[CalendarSummary, list[CalendarSummary]]:
    """The council's calendar, and each school that sets its own, by school name."""
    starts: dict[str, list[date]] = {}
    ends: dict[str, date] = {}
    for key, first, last in session.execute(
        select(SchoolTerm.calendar, SchoolTerm.starts_on, SchoolTerm.ends_on)
    ):
        starts.setdefault(key, []).append(first)
        ends[key] = max(last, ends.get(key, last))
    names = school_names(session, [key for key in starts if key != COUNCIL])

    def summary(key: str, label: str) -> CalendarSummary:
        years = tuple(sorted({academic_year(day) for day in starts.get(key, [])}))
        return CalendarSummary(key, label, years, ends.get(key))

    council = summary(COUNCIL, COUNCIL_LABEL)
    schools = [summary(urn, name) for urn, name in sorted(names.items(), key=lambda i: i[1])]
    return council, schools
