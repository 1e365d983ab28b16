"""School calendars: term dates and closure (INSET) days, imported from a CSV file and edited
by officers; and the council's own closure days.

One set of checks serves the CSV import, the back office's forms and the command line, so a
term is held to the same rules however it arrives. The file's layout and the rules are
published in docs/school-calendars.md; ``casework.school_calendar_csv`` reads and writes it.
Every change reschedules, in the same transaction, the running clocks that count the days it
changed (``casework.clocks.reschedule_running``), so a deadline never lags its calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from casework import clocks
from casework.calendars import (
    COUNCIL,
    bank_holidays_in,
)
from casework.clocks import long_date
from casework.models import School, SchoolClosure, SchoolTerm
from casework.workflow import Actor

# Officers with this role (or "admin") may change calendars; any officer may read them.
EDITOR_ROLE = "calendars"
DEFAULT_CLOSURE_NAME = "INSET day"
COUNCIL_LABEL = "The council's term dates"
NAME_LENGTH = 100  # SchoolTerm.name; a closure's name is held to the same
_FORMULA_STARTS = "=+-@\t\r"
# One key for every calendar change, so two imports at once cannot interleave their checks.
_LOCK_KEY = 7_110_016

Kind = Literal["term", "closure"]


def may_edit(actor: Actor) -> bool:
    return actor.kind == "officer" and bool({"admin", EDITOR_ROLE} & actor.roles)


@dataclass(frozen=True)
class Problem:
    """What is wrong, in plain words, and where: a file's row and column, or a form's field."""

    message: str
    row: int | None = None  # as a spreadsheet numbers it: the headings are row 1
    column: str | None = None

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return f"Row {self.row}, column {self.column}: {self.message}"
        if self.row is not None:
            return f"Row {self.row}: {self.message}"
        return self.message


class CalendarProblems(Exception):
    """Nothing was saved: every problem found, in row order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.row or 0,))
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Entry:
    """One term, or one closure day (``first_day == last_day``), from a file row or a form."""

    calendar: str
    kind: Kind
    name: str
    first_day: date
    last_day: date
    row: int | None = None


def academic_year(day: date) -> int:
    """The year an academic year starts in: it runs from 1 September to 31 August."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(year: int) -> str:
    return f"{year} to {year + 1}"


def bank_holiday_name(day: date) -> str | None:
    import holidays

    if day not in bank_holidays_in(day.year):
        return None
    return str(holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day))


def _describe(entry: Entry | SchoolTerm) -> str:
    if isinstance(entry, SchoolTerm):
        name, first, last = entry.name, entry.starts_on, entry.ends_on
    else:
        name, first, last = entry.name, entry.first_day, entry.last_day
    return f"{name} ({long_date(first)} to {long_date(last)})"


def serialise(session: Session) -> None:
    """Hold every other calendar change back until this transaction ends (PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


# --- Which calendars there are --------------------------------------------------------


def school_names(session: Session, urns: Iterable[str] | None = None) -> dict[str, str]:
    query = select(School.urn, School.name)
    if urns is not None:
        query = query.where(School.urn.in_(set(urns)))
    return {urn: name for urn, name in session.execute(query)}


def calendar_label(session: Session, key: str) -> str | None:
    """What a calendar is called ("the council's term dates", a school's name), or None if
    there is no such calendar."""
    if key == COUNCIL:
        return COUNCIL_LABEL
    return school_names(session, [key]).get(key)


# --- The checks every change goes through ---------------------------------------------


@dataclass
class Held:
    """What a calendar keeps of its rows while entries are added to it."""

    terms: list[SchoolTerm] = field(default_factory=list)
    closures: dict[date, SchoolClosure] = field(default_factory=dict)


def check_entries(
    session: Session,
    entries: list[Entry],
    existing: dict[str, Held],
    unreadable_terms: frozenset[str] = frozenset(),
) -> list[Problem]:
    """The problems with adding ``entries`` to the rows each calendar keeps (``existing``).

    ``unreadable_terms``: calendars with a term row too broken to read, whose closure days
    are not checked against terms (every one would look outside a term).
    """
    problems: list[Problem] = []
    known = school_names(session, {e.calendar for e in entries if e.calendar != COUNCIL})
    terms_of: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.calendar != COUNCIL and entry.calendar not in known:
            problems.append(
                Problem(
                    f"There is no school with the URN {entry.calendar}. Use a school's URN, "
                    f"or {COUNCIL} for the council's term dates",
                    entry.row,
                    "calendar",
                )
            )
            continue
        if entry.kind == "term":
            problems += _check_term(entry, terms_of.setdefault(entry.calendar, []), existing)
    closures_seen: dict[tuple[str, date], Entry] = {}
    for entry in entries:
        if entry.kind != "closure" or (entry.calendar != COUNCIL and entry.calendar not in known):
            continue
        problems += _check_closure(
            entry, terms_of.get(entry.calendar, []), existing, closures_seen, unreadable_terms
        )
    return problems


def _check_term(entry: Entry, earlier: list[Entry], existing: dict[str, Held]) -> list[Problem]:
    if entry.last_day < entry.first_day:
        return [
            Problem(
                f"The last day, {long_date(entry.last_day)}, is before the first day, "
                f"{long_date(entry.first_day)}",
                entry.row,
                "last_day",
            )
        ]
    for other in earlier:
        if entry.first_day <= other.last_day and other.first_day <= entry.last_day:
            where = f" on row {other.row}" if other.row is not None else ""
            earlier.append(entry)
            return [
                Problem(
                    f"{_describe(entry)} overlaps {_describe(other)}{where}. Terms of one "
                    "calendar cannot overlap",
                    entry.row,
                    "first_day",
                )
            ]
    kept = existing.get(entry.calendar, Held()).terms
    for term in kept:
        if entry.first_day <= term.ends_on and term.starts_on <= entry.last_day:
            return [
                Problem(
                    f"{_describe(entry)} overlaps {_describe(term)}, which is already in the "
                    "calendar. Terms of one calendar cannot overlap",
                    entry.row,
                    "first_day",
                )
            ]
    earlier.append(entry)
    return []


def _check_closure(
    entry: Entry,
    new_terms: list[Entry],
    existing: dict[str, Held],
    seen: dict[tuple[str, date], Entry],
    unreadable_terms: frozenset[str],
) -> list[Problem]:
    day = entry.first_day
    if entry.last_day != day:
        return [
            Problem(
                "A closure is one day: leave last_day empty or the same as first_day, and use "
                "a row for each day",
                entry.row,
                "last_day",
            )
        ]
    if day.weekday() >= 5:
        return [
            Problem(
                f"{long_date(day)} is a {day:%A}. A closure day must be a weekday in term",
                entry.row,
                "first_day",
            )
        ]
    holiday = bank_holiday_name(day)
    if holiday:
        return [
            Problem(
                f"{long_date(day)} is a bank holiday ({holiday}), when schools are closed anyway",
                entry.row,
                "first_day",
            )
        ]
    kept = existing.get(entry.calendar, Held())
    if day in kept.closures:
        return [
            Problem(
                f"{long_date(day)} is already a closure day ({kept.closures[day].reason})",
                entry.row,
                "first_day",
            )
        ]
    twin = seen.get((entry.calendar, day))
    if twin is not None:
        where = f" on row {twin.row}" if twin.row is not None else ""
        return [
            Problem(f"{long_date(day)} is already a closure day{where}", entry.row, "first_day")
        ]
    seen[(entry.calendar, day)] = entry
    in_term = any(t.first_day <= day <= t.last_day for t in new_terms) or any(
        t.starts_on <= day <= t.ends_on for t in kept.terms
    )
    if not in_term and entry.calendar not in unreadable_terms:
        return [
            Problem(
                f"{long_date(day)} is not in any term of this calendar. A closure day must be "
                "a weekday in term: add the term first",
                entry.row,
                "first_day",
            )
        ]
    return []


def check_name(value: Any, kind: Kind, row: int | None = None) -> tuple[str, Problem | None]:
    name = " ".join(str(value or "").split())
    if not name:
        if kind == "closure":
            return DEFAULT_CLOSURE_NAME, None
        return "", Problem("Enter the term's name, like Autumn term 1", row, "name")
    if len(name) > NAME_LENGTH:
        return name, Problem(f"The name must be {NAME_LENGTH} characters or fewer", row, "name")
    if name[0] in _FORMULA_STARTS:
        # A spreadsheet would run it as a formula when the calendar is downloaded.
        return name, Problem("The name must start with a letter or a number", row, "name")
    return name, None


def existing_rows(session: Session, calendars: Iterable[str]) -> dict[str, Held]:
    keys = set(calendars)
    found: dict[str, Held] = {key: Held() for key in keys}
    for term in session.scalars(
        select(SchoolTerm).where(SchoolTerm.calendar.in_(keys)).order_by(SchoolTerm.starts_on)
    ):
        found[term.calendar].terms.append(term)
    for closure in session.scalars(select(SchoolClosure).where(SchoolClosure.calendar.in_(keys))):
        found[closure.calendar].closures[closure.day] = closure
    return found


def _calendar_changed(session: Session) -> int:
    """Move the running school-day clocks to the calendar as it now stands."""
    return clocks.reschedule_running(session, units=("school_days",))


# --- Importing a file -----------------------------------------------------------------


@dataclass(frozen=True)
class ImportedCalendar:
    key: str
    label: str
    years: tuple[int, ...]
    terms: int
    closures: int


@dataclass(frozen=True)
class Imported:
    calendars: tuple[ImportedCalendar, ...]
    clocks_moved: int

    def summary(self) -> list[str]:
        """One plain sentence per calendar, for the success panel and the command line."""
        lines = []
        for item in self.calendars:
            years = ", ".join(academic_year_label(year) for year in item.years)
            lines.append(
                f"{item.label}: {_count(item.terms, 'term')} and "
                f"{_count(item.closures, 'closure day')} for {years}"
            )
        return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def import_entries(
    session: Session,
    entries: list[Entry],
    problems: list[Problem] | None = None,
    unreadable_terms: frozenset[str] = frozenset(),
) -> Imported:
    """Replace, for each calendar in ``entries``, its terms and closure days in the academic
    years the entries cover, with the entries. Saves nothing if there is any problem (those
    found reading the file, ``problems``, and those found here)."""
    serialise(session)
    problems = list(problems or [])
    years: dict[str, set[int]] = {}
    for entry in entries:
        years.setdefault(entry.calendar, set()).add(academic_year(entry.first_day))
    existing = existing_rows(session, years)
    # What each calendar keeps: its rows in the years the file does not cover.
    kept = {
        key: Held(
            terms=[t for t in held.terms if academic_year(t.starts_on) not in years[key]],
            closures={d: c for d, c in held.closures.items() if academic_year(d) not in years[key]},
        )
        for key, held in existing.items()
    }
    problems += check_entries(session, entries, kept, unreadable_terms)
    if problems:
        raise CalendarProblems(problems)
    for key, held in existing.items():
        for term in held.terms:
            if academic_year(term.starts_on) in years[key]:
                session.delete(term)
        for day, closure in held.closures.items():
            if academic_year(day) in years[key]:
                session.delete(closure)
    session.flush()
    for entry in entries:
        session.add(_row(entry))
    session.flush()
    labels = school_names(session, years)
    result = tuple(
        ImportedCalendar(
            key=key,
            label=COUNCIL_LABEL if key == COUNCIL else f"{labels[key]} ({key})",
            years=tuple(sorted(years[key])),
            terms=sum(1 for e in entries if e.calendar == key and e.kind == "term"),
            closures=sum(1 for e in entries if e.calendar == key and e.kind == "closure"),
        )
        for key in sorted(years, key=lambda k: (k != COUNCIL, labels.get(k, k)))
    )
    return Imported(result, _calendar_changed(session))


def _row(entry: Entry) -> SchoolTerm | SchoolClosure:
    if entry.kind == "term":
        return SchoolTerm(
            calendar=entry.calendar,
            name=entry.name,
            starts_on=entry.first_day,
            ends_on=entry.last_day,
        )
    return SchoolClosure(calendar=entry.calendar, day=entry.first_day, reason=entry.name)


def import_csv(session: Session, data: bytes) -> Imported:
    """Import a file in the published layout (docs/school-calendars.md), or raise
    ``CalendarProblems`` listing every problem, having saved nothing."""
    from casework.school_calendar_csv import read

    reading = read(data)
    if reading.file_problem is not None:
        raise CalendarProblems([reading.file_problem])
    return import_entries(session, reading.entries, reading.problems, reading.unreadable_terms)


# --- One term or closure day at a time --------------------------------------------------


def _require_calendar(session: Session, calendar: str) -> None:
    if calendar_label(session, calendar) is None:
        raise CalendarProblems([Problem(f"There is no calendar {calendar}", column="calendar")])


def add_term(
    session: Session, calendar: str, name: str, first_day: date, last_day: date
) -> SchoolTerm:
    serialise(session)
    _require_calendar(session, calendar)
    clean, problem = check_name(name, "term")
    entry = Entry(calendar, "term", clean, first_day, last_day)
    problems = [problem] if problem else []
    problems += check_entries(session, [entry], existing_rows(session, [calendar]))
    if problems:
        raise CalendarProblems(problems)
    term = _row(entry)
    session.add(term)
    session.flush()
    _calendar_changed(session)
    assert isinstance(term, SchoolTerm)
    return term


def closures_in(session: Session, term: SchoolTerm) -> list[SchoolClosure]:
    return list(
        session.scalars(
            select(SchoolClosure)
            .where(
                SchoolClosure.calendar == term.calendar,
                SchoolClosure.day.between(term.starts_on, term.ends_on),
            )
            .order_by(SchoolClosure.day)
        )
    )


def find_term(session: Session, calendar: str, term_id: int) -> SchoolTerm | None:
    term = session.get(SchoolTerm, term_id)
    return term if term is not None and term.calendar == calendar else None


def find_closure(session: Session, calendar: str, closure_id: int) -> SchoolClosure | None:
    closure = session.get(SchoolClosure, closure_id)
    return closure if closure is not None and closure.calendar == calendar else None


def remove_term(session: Session, calendar: str, term_id: int) -> tuple[SchoolTerm, int] | None:
    """Remove a term and the closure days in it (outside a term they would mean nothing).
    Returns the term and how many closure days went with it, or None if there is no such
    term."""
    serialise(session)
    term = find_term(session, calendar, term_id)
    if term is None:
        return None
    inside = closures_in(session, term)
    for closure in inside:
        session.delete(closure)
    session.delete(term)
    session.flush()
    _calendar_changed(session)
    return term, len(inside)


def add_closure(session: Session, calendar: str, day: date, name: str = "") -> SchoolClosure:
    serialise(session)
    _require_calendar(session, calendar)
    clean, problem = check_name(name, "closure")
    entry = Entry(calendar, "closure", clean, day, day)
    problems = [problem] if problem else []
    problems += check_entries(session, [entry], existing_rows(session, [calendar]))
    if problems:
        raise CalendarProblems(problems)
    closure = _row(entry)
    session.add(closure)
    session.flush()
    _calendar_changed(session)
    assert isinstance(closure, SchoolClosure)
    return closure


def remove_closure(session: Session, calendar: str, closure_id: int) -> SchoolClosure | None:
    serialise(session)
    closure = find_closure(session, calendar, closure_id)
    if closure is None:
        return None
    session.delete(closure)
    session.flush()
    _calendar_changed(session)
    return closure
