"""Statutory and target clocks, declared as data and run on every case.

A service declares its clocks (``ServiceDeclaration.clocks``): each names the event that
starts it (the application arriving, or the case entering a state), its length and unit
(calendar, working or school days, or weeks), the states in which it stands still (waiting
for the applicant) and the states that stop it (besides any closed state), and the rule it
comes from. ``start`` and ``after_move`` keep one ``CaseClock`` row per clock per case in
the caller's transaction; ``views`` says how each stands ("due in 3 school days",
"overdue by 2 working days") for the case page, the queue and the daily digest.

The first clock a service declares is its promise: ``Case.due_on`` is that clock's due date
(empty while it stands still), the date the status page and messages give
(``casework.promises``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.calendars import (
    EVERY_DAY,
    DayCounter,
    SchoolCalendar,
    add_days,
    days_between,
    school_calendar,
    working_calendar,
)
from casework.models import Case, CaseClock

if TYPE_CHECKING:
    from casework.declaration import ServiceDeclaration

Unit = Literal["calendar_days", "working_days", "school_days", "weeks"]
# The start event that is not a state: the application arriving (or, for a paper form,
# the day the council received it).
SUBMITTED = "submitted"
# A clock is near its deadline once this share of its time has gone.
NEAR_SHARE = 0.8

LONDON = ZoneInfo("Europe/London")

_UNIT_WORDS = {
    "calendar_days": ("day", "days"),
    "weeks": ("day", "days"),  # counted in calendar days: "due in 3 days" reads plainly
    "working_days": ("working day", "working days"),
    "school_days": ("school day", "school days"),
}


def today() -> date:
    """Today by the council's calendar (London), not the server's."""
    return datetime.now(LONDON).date()


def long_date(day: date) -> str:
    """A date as people read it, "14 December 2026": the one way pages and messages write
    a date, so a date promised on a page and in a message reads the same in both."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Clock:
    name: str  # stable, e.g. "decision"
    label: str  # what officers read, e.g. "Decision"
    length: int
    unit: Unit
    # Where the clock comes from, shown beside it: "Council target: decide within 10
    # working days" or "School Admissions Appeals Code 2022, para 2.8".
    rule: str
    statutory: bool = False  # a duty in law, not the council's own target
    starts: str = SUBMITTED  # SUBMITTED, or a state whose entry starts the clock
    pauses_in: tuple[str, ...] = ()  # states in which it stands still
    stops_in: tuple[str, ...] = ()  # states that stop it, besides any closed state
    # For school days: the URN of the school whose calendar counts (None: the council's).
    school: Callable[[Case], str | None] | None = None
    # A clock due on a day the case itself names (e.g. an inspection by the last day of a
    # run of performances) rather than ``length`` after its start; None from it falls back
    # to the length. Such a day does not move for pauses: the event will not wait.
    due: Callable[[Case], date | None] | None = None

    @property
    def days(self) -> int:
        """The length in counted days (weeks are counted as calendar days)."""
        return self.length * 7 if self.unit == "weeks" else self.length

    def words(self, count: int) -> str:
        singular, plural = _UNIT_WORDS[self.unit]
        return f"{count} {singular if count == 1 else plural}"


def counter_for(session: Session, clock: Clock, case: Case) -> DayCounter:
    if clock.unit == "working_days":
        return working_calendar(session)
    if clock.unit == "school_days":
        return school_calendar(session, clock.school(case) if clock.school else None)
    return EVERY_DAY


def _schedule(row: CaseClock, clock: Clock, counter: DayCounter, case: Case) -> None:
    """Set the due and warning dates from the start, the length (or the day the case
    names) and the time paused."""
    named = clock.due(case) if clock.due else None
    if named is not None:
        row.due_on = named
        span = max(0, days_between(counter, row.started_on, named))
        warn_after = math.ceil(span * NEAR_SHARE)
        row.warn_on = min(named, add_days(counter, row.started_on, warn_after))
        return
    row.due_on = add_days(counter, row.started_on, clock.days + row.paused_days)
    warn_after = max(1, math.ceil(clock.days * NEAR_SHARE))
    row.warn_on = add_days(counter, row.started_on, warn_after + row.paused_days)


def _start(session: Session, clock: Clock, case: Case, on: date) -> CaseClock:
    row = CaseClock(
        case_id=case.id, service=case.service, clock=clock.name, started_on=on, paused_days=0
    )
    _schedule(row, clock, counter_for(session, clock, case), case)
    session.add(row)
    return row


def _rows(session: Session, case: Case) -> dict[str, CaseClock]:
    return {
        row.clock: row
        for row in session.scalars(select(CaseClock).where(CaseClock.case_id == case.id))
    }


def start(session: Session, service: ServiceDeclaration, case: Case, on: date) -> None:
    """Start the clocks that start when an application arrives (``on``: the day received)."""
    for clock in service.clocks:
        if clock.starts == SUBMITTED:
            _start(session, clock, case, on)
    # A service whose workflow starts in a pausing state starts paused.
    after_move(session, service, case, None, case.status, on)


def after_move(
    session: Session,
    service: ServiceDeclaration,
    case: Case,
    from_status: str | None,
    to_status: str,
    on: date,
) -> None:
    """Start, pause, resume or stop each clock as the case moves into ``to_status``."""
    if not service.clocks:
        return
    rows = _rows(session, case)
    still_open = service.workflow.state(to_status).open
    for clock in service.clocks:
        row = rows.get(clock.name)
        if row is None:
            if clock.starts != to_status or not still_open:
                continue
            row = rows[clock.name] = _start(session, clock, case, on)
        if row.stopped_on is not None:
            continue
        counter = counter_for(session, clock, case)
        if row.paused_since is not None and to_status not in clock.pauses_in:
            # The days it stood still, up to and including the day it starts again.
            row.paused_days += max(0, days_between(counter, row.paused_since, on))
            row.paused_since = None
            _schedule(row, clock, counter, case)
        if not still_open or to_status in clock.stops_in:
            row.stopped_on = on
            row.in_time = on <= row.due_on
        elif to_status in clock.pauses_in and row.paused_since is None:
            row.paused_since = on
    session.flush()
    _keep_promise(service, case, rows)


def _keep_promise(service: ServiceDeclaration, case: Case, rows: dict[str, CaseClock]) -> None:
    promise = rows.get(service.clocks[0].name)
    if promise is None or promise.stopped_on is not None:
        return  # a decided case keeps the date it was promised
    case.due_on = None if promise.paused_since is not None else promise.due_on


def backfill(session: Session, on: date | None = None) -> int:
    """Start the clocks of open cases made before clocks were kept, from the day each
    arrived. Returns how many cases got clocks."""
    from casework.catalogue import all_services

    started = 0
    for service in all_services():
        if not service.clocks:
            continue
        has_clocks = select(CaseClock.case_id).where(CaseClock.service == service.slug)
        waiting = session.scalars(
            select(Case).where(
                Case.service == service.slug,
                Case.status.in_(service.workflow.open_states),
                Case.id.not_in(has_clocks),
            )
        )
        for case in waiting:
            arrived = case.submitted_at.astimezone(LONDON).date()
            for clock in service.clocks:
                if clock.starts in (SUBMITTED, case.status):
                    _start(session, clock, case, arrived)
            after_move(session, service, case, None, case.status, on or today())
            started += 1
    session.flush()
    return started


@dataclass(frozen=True)
class ClockView:
    """How one clock stands on a given day, in officers' words."""

    clock: Clock
    row: CaseClock
    state: Literal["running", "paused", "stopped"]
    # Counted days left (negative: overdue by that many); None once stopped or paused.
    remaining: int | None
    near: bool
    overdue: bool
    text: str
    estimated: bool = False  # school days beyond the term dates the council has entered

    @property
    def tag(self) -> tuple[str, str] | None:
        """The queue's tag: (text, govuk-tag colour), or None when nothing needs saying."""
        if self.overdue:
            return ("Overdue", "red")
        if self.near:
            return ("Due soon", "orange")
        if self.state == "paused":
            return ("Paused", "grey")
        return None


def view(clock: Clock, row: CaseClock, counter: DayCounter, on: date) -> ClockView:
    if row.stopped_on is not None:
        late = days_between(counter, row.due_on, row.stopped_on)
        text = (
            f"Stopped on {long_date(row.stopped_on)}, in time"
            if row.in_time
            else f"Stopped on {long_date(row.stopped_on)}, {clock.words(late)} late"
        )
        return ClockView(clock, row, "stopped", None, False, False, text)
    if row.paused_since is not None:
        text = f"Paused since {long_date(row.paused_since)}, waiting for the applicant"
        return ClockView(clock, row, "paused", None, False, False, text)
    remaining = days_between(counter, on, row.due_on)
    if on > row.due_on:
        overdue_by = max(1, -remaining)
        text = f"Overdue by {clock.words(overdue_by)}"
    elif remaining == 0:
        text = "Due today"
    else:
        text = f"Due in {clock.words(remaining)}"
    estimated = (
        isinstance(counter, SchoolCalendar)
        and counter.known_until is not None
        and row.due_on > counter.known_until
    )
    return ClockView(
        clock,
        row,
        "running",
        remaining,
        near=row.warn_on <= on <= row.due_on,
        overdue=on > row.due_on,
        text=text,
        estimated=estimated,
    )


def views(
    session: Session,
    services: dict[str, ServiceDeclaration],
    cases: Iterable[Case],
    on: date | None = None,
) -> dict[int, list[ClockView]]:
    """Each case's clocks as they stand on ``on`` (today), in the order declared."""
    on = on or today()
    by_id = {case.id: case for case in cases}
    if not by_id:
        return {}
    found: dict[int, dict[str, CaseClock]] = {}
    for row in session.scalars(select(CaseClock).where(CaseClock.case_id.in_(by_id))):
        found.setdefault(row.case_id, {})[row.clock] = row
    counters: dict[tuple[str, str | None], DayCounter] = {}
    result: dict[int, list[ClockView]] = {}
    for case_id, case in by_id.items():
        service = services.get(case.service)
        if service is None:
            continue
        for clock in service.clocks:
            stored = found.get(case_id, {}).get(clock.name)
            if stored is None:
                continue
            # One calendar per unit and school, however many cases share it.
            school = clock.school(case) if clock.school else None
            key = (clock.unit, school)
            if key not in counters:
                counters[key] = counter_for(session, clock, case)
            result.setdefault(case_id, []).append(view(clock, stored, counters[key], on))
    return result


def reschedule_running(
    session: Session,
    units: Iterable[Unit],
    services: dict[str, ServiceDeclaration] | None = None,
) -> int:
    """Work out again the due and warning dates of every clock not yet stopped that counts
    in ``units``, after the days they count changed (term dates, closure days, the council's
    closure days). Each is counted afresh from its start and the days it stood still, so a
    new INSET day moves a school-day deadline one school day later. Paused clocks are
    rescheduled too: their due date is what resuming starts from. Returns how many clocks
    got a new due date."""
    if services is None:
        from casework.catalogue import all_services

        services = {service.slug: service for service in all_services()}
    wanted = set(units)
    declared = {
        (slug, clock.name): clock
        for slug, service in services.items()
        for clock in service.clocks
        if clock.unit in wanted
    }
    if not declared:
        return 0
    found = session.execute(
        select(CaseClock, Case)
        .join(Case, Case.id == CaseClock.case_id)
        .where(
            CaseClock.stopped_on.is_(None),
            CaseClock.service.in_({slug for slug, _ in declared}),
        )
    )
    counters: dict[tuple[str, str | None], DayCounter] = {}
    moved = 0
    for row, case in found:
        clock = declared.get((row.service, row.clock))
        if clock is None:
            continue
        school = clock.school(case) if clock.school else None
        key = (clock.unit, school)
        if key not in counters:
            counters[key] = counter_for(session, clock, case)
        was_due = row.due_on
        _schedule(row, clock, counters[key], case)
        moved += row.due_on != was_due
        _keep_promise(services[row.service], case, {row.clock: row})
    session.flush()
    return moved
