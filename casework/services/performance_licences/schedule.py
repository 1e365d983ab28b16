"""The schedule validator: is a production's schedule legal for a child of this age?

``check`` is pure (limits, proposal, today in; result out) so the form, the officer's case
page, the API and the assistant all get the same answer, and tests need no clock and no
database. ``run`` reads the limits in force on the schedule's first day: the law that
governs a performance is the law on the day it happens.

Every breach names the day and the numbers, in the words the council would use. Things
that do not make the schedule illegal (short notice, night work the council must agree to)
are warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from casework.rule_checks import Breach, CheckResult
from casework.services.performance_licences import rules
from casework.services.performance_licences.proposal import (
    ProposedSchedule,
    ScheduleDay,
    minute_of_day,
)
from casework.services.performance_licences.wording import a_child_of, clock, day, duration

# --- The limits, read from the rule data --------------------------------------------------


@dataclass(frozen=True)
class AgeBand:
    from_age: int
    to_age: int
    earliest: str  # "HH:MM"
    latest: str
    max_at_venue_minutes: int
    max_performing_minutes: int
    max_continuous_minutes: int


@dataclass(frozen=True)
class BreakRule:
    after_minutes_at_venue: int  # a day at the venue longer than this…
    min_break_minutes: int  # …needs a break at least this long


@dataclass(frozen=True)
class Limits:
    bands: tuple[AgeBand, ...]
    max_consecutive_days: int
    night_work_gap_hours: float
    min_education_minutes: int
    max_children: int
    max_children_if_tutor: int
    notice_days: int
    breaks: tuple[BreakRule, ...] = ()
    overnight_min_hours: float | None = None

    def band(self, age: int) -> AgeBand:
        for band in self.bands:
            if band.from_age <= age <= band.to_age:
                return band
        raise LookupError(f"No age band in the rule data covers age {age}")

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Limits:
        chaperone = values[rules.CHAPERONE]
        return cls(
            bands=tuple(AgeBand(**band) for band in values[rules.HOURS_BY_AGE]["bands"]),
            max_consecutive_days=values[rules.CONSECUTIVE_DAYS]["max_days"],
            night_work_gap_hours=values[rules.NIGHT_WORK_GAP]["min_hours"],
            min_education_minutes=values[rules.EDUCATION]["min_minutes_per_school_day"],
            max_children=chaperone["max_children"],
            max_children_if_tutor=chaperone["max_children_if_tutor"],
            notice_days=values[rules.NOTICE]["days"],
            breaks=tuple(BreakRule(**rule) for rule in values[rules.BREAKS]["rules"]),
            overnight_min_hours=values[rules.OVERNIGHT_BREAK]["min_hours"],
        )


KEYS = (
    rules.HOURS_BY_AGE,
    rules.CONSECUTIVE_DAYS,
    rules.NIGHT_WORK_GAP,
    rules.EDUCATION,
    rules.CHAPERONE,
    rules.NOTICE,
    rules.BREAKS,
    rules.OVERNIGHT_BREAK,
)


def limits_in_force(session: Session, on: date) -> Limits:
    return Limits.from_values({key: rules.value_in_force(session, key, on) for key in KEYS})


def default_limits(on: date) -> Limits:
    """The folder's own defaults, for checks (and tests) without a database."""
    return Limits.from_values({key: rules.default_in_force(key, on) for key in KEYS})


# --- The schedule as moments in time ------------------------------------------------------


@dataclass(frozen=True)
class Stretch:
    """Time spent performing without a break; it may run past midnight into the next day."""

    start: datetime
    finish: datetime
    night_work: bool = False

    @property
    def minutes(self) -> int:
        return int((self.finish - self.start).total_seconds() // 60)


def _moment(on: date, at: str) -> datetime:
    return datetime.combine(on, time()) + timedelta(minutes=minute_of_day(at))


def _minutes(periods: list[tuple[str, str]]) -> int:
    return sum(minute_of_day(finish) - minute_of_day(start) for start, finish in periods)


def _outside(period: tuple[str, str], band: AgeBand) -> bool:
    start, finish = period
    return start < band.earliest or finish > band.latest


def _stretches(days: list[ScheduleDay], band: AgeBand) -> list[Stretch]:
    """Performing periods merged where one ends as the next begins, even across midnight.

    A stretch is night work when the council is asked to allow night work on a day it
    falls outside that day's earliest and latest times.
    """
    periods = sorted(
        (
            _moment(item.date, start),
            _moment(item.date, finish),
            item.night_work and _outside((start, finish), band),
        )
        for item in days
        for start, finish in item.performing
    )
    stretches: list[Stretch] = []
    for start, finish, night in periods:
        if stretches and stretches[-1].finish == start:
            last = stretches.pop()
            stretches.append(Stretch(last.start, finish, last.night_work or night))
        else:
            stretches.append(Stretch(start, finish, night))
    return stretches


def _longest_break(item: ScheduleDay) -> int:
    """The longest time at the venue that day without performing or rehearsing."""
    performing = sorted(item.performing)
    longest = 0
    for venue_start, venue_finish in item.at_venue:
        cursor = minute_of_day(venue_start)
        for start, finish in performing:
            if finish <= venue_start or start >= venue_finish:
                continue
            longest = max(longest, minute_of_day(start) - cursor)
            cursor = max(cursor, minute_of_day(finish))
        longest = max(longest, minute_of_day(venue_finish) - cursor)
    return longest


def _at(moment: datetime) -> str:
    """ "11:30pm on 1 March 2027"; midnight at the end of a day reads as that day's."""
    if moment.time() == time():
        return f"midnight at the end of {day(moment.date() - timedelta(days=1))}"
    return f"{clock(moment.strftime('%H:%M'))} on {day(moment.date())}"


# --- The check ----------------------------------------------------------------------------


class _Found:
    """Breaches and warnings, kept in date order so a long schedule reads like a diary."""

    def __init__(self) -> None:
        self._breaches: list[tuple[date, int, Breach]] = []
        self._warnings: list[tuple[date, int, Breach]] = []

    def breach(self, on: date, rule: str, message: str) -> None:
        self._breaches.append((on, len(self._breaches), Breach(rule, message)))

    def warn(self, on: date, rule: str, message: str) -> None:
        self._warnings.append((on, len(self._warnings), Breach(rule, message)))

    def result(self) -> CheckResult:
        def ordered(found: list[tuple[date, int, Breach]]) -> tuple[Breach, ...]:
            return tuple(item for _, _, item in sorted(found, key=lambda f: (f[0], f[1])))

        return CheckResult(breaches=ordered(self._breaches), warnings=ordered(self._warnings))


def check(limits: Limits, proposal: ProposedSchedule, today: date) -> CheckResult:
    band = limits.band(proposal.age)
    child = a_child_of(proposal.age)
    days = sorted(proposal.days, key=lambda item: item.date)
    found = _Found()
    for item in days:
        _check_day(limits, band, child, item, found)
    stretches = _stretches(days, band)
    _check_continuous(band, child, stretches, found)
    _check_night_work(limits, band, days, stretches, found)
    _check_consecutive_days(limits, days, found)
    _check_overnight(limits, days, found)
    _check_chaperone(limits, proposal, found)
    _check_notice(limits, proposal, today, found)
    return found.result()


def _check_day(limits: Limits, band: AgeBand, child: str, item: ScheduleDay, found: _Found) -> None:
    on = item.date
    arrive = min(start for start, _ in item.at_venue)
    leave = max(finish for _, finish in item.at_venue)
    # Night work the council is asked to allow lifts the day's earliest and latest times,
    # but only on a day the child really performs outside them.
    if not (item.night_work and any(_outside(p, band) for p in item.performing)):
        if arrive < band.earliest:
            found.breach(
                on,
                "too_early",
                f"{child} cannot be at the venue before {clock(band.earliest)}. "
                f"On {day(on)} the child would arrive at {clock(arrive)}.",
            )
        if leave > band.latest:
            found.breach(
                on,
                "too_late",
                f"{child} cannot be at the venue after {clock(band.latest)}. "
                f"On {day(on)} the child would leave at {clock(leave)}.",
            )
    at_venue = _minutes(item.at_venue)
    if at_venue > band.max_at_venue_minutes:
        found.breach(
            on,
            "venue_hours",
            f"{child} can be at the venue for at most {duration(band.max_at_venue_minutes)} "
            f"a day. On {day(on)} the child would be there for {duration(at_venue)}.",
        )
    performing = _minutes(item.performing)
    if performing > band.max_performing_minutes:
        found.breach(
            on,
            "performing_hours",
            f"{child} can perform or rehearse for at most "
            f"{duration(band.max_performing_minutes)} a day. On {day(on)} the child would "
            f"perform for {duration(performing)}.",
        )
    _check_breaks(limits, item, at_venue, found)
    if item.school_day and item.education_hours is not None:
        education = round(item.education_hours * 60)
        if education < limits.min_education_minutes:
            found.breach(
                on,
                "education_hours",
                "A child must get at least "
                f"{duration(limits.min_education_minutes)} of education on each school day. "
                f"On {day(on)} the child would get {duration(education)}.",
            )


def _check_breaks(limits: Limits, item: ScheduleDay, at_venue: int, found: _Found) -> None:
    # The longest day's rule is the one that applies: 8 hours at the venue needs the break
    # an 8-hour day needs, not the shorter one a 4-hour day needs.
    applies = [rule for rule in limits.breaks if at_venue > rule.after_minutes_at_venue]
    if not applies:
        return
    rule = max(applies, key=lambda r: r.after_minutes_at_venue)
    longest = _longest_break(item)
    if longest < rule.min_break_minutes:
        found.breach(
            item.date,
            "breaks",
            f"A child at the venue for more than {duration(rule.after_minutes_at_venue)} "
            f"must have a break of at least {duration(rule.min_break_minutes)}. On "
            f"{day(item.date)} the child would be at the venue for {duration(at_venue)} and "
            f"the longest break would be {duration(longest)}.",
        )


def _check_continuous(band: AgeBand, child: str, stretches: list[Stretch], found: _Found) -> None:
    for stretch in stretches:
        if stretch.minutes > band.max_continuous_minutes:
            found.breach(
                stretch.start.date(),
                "continuous_performing",
                f"{child} can perform or rehearse for at most "
                f"{duration(band.max_continuous_minutes)} without a break. "
                f"{_when(stretch)} without a break ({duration(stretch.minutes)}).",
            )


def _when(stretch: Stretch) -> str:
    """ "On 1 March 2027 the child would perform from 10am to 1pm", or across midnight."""
    start, finish = stretch.start, stretch.finish
    if finish - timedelta(minutes=1) < datetime.combine(start.date() + timedelta(days=1), time()):
        until = "midnight" if finish.time() == time() else clock(finish.strftime("%H:%M"))
        return (
            f"On {day(start.date())} the child would perform from "
            f"{clock(start.strftime('%H:%M'))} to {until}"
        )
    return f"The child would perform from {_at(start)} to {_at(finish)}"


def _check_night_work(
    limits: Limits,
    band: AgeBand,
    days: list[ScheduleDay],
    stretches: list[Stretch],
    found: _Found,
) -> None:
    for item in days:
        if item.night_work and any(_outside(p, band) for p in item.performing):
            found.warn(
                item.date,
                "night_work",
                f"The council must agree to night work: on {day(item.date)} the child would "
                f"perform outside {clock(band.earliest)} to {clock(band.latest)}.",
            )
    gap = timedelta(hours=limits.night_work_gap_hours)
    for stretch, following in zip(stretches, stretches[1:], strict=False):
        if stretch.night_work and following.start - stretch.finish < gap:
            rest = int((following.start - stretch.finish).total_seconds() // 60)
            found.breach(
                stretch.start.date(),
                "night_work_gap",
                f"After night work a child must have at least "
                f"{duration(round(limits.night_work_gap_hours * 60))} before performing or "
                f"rehearsing again. The child would finish at {_at(stretch.finish)} and "
                f"perform again at {_at(following.start)}, after {duration(rest)}.",
            )


def _check_consecutive_days(limits: Limits, days: list[ScheduleDay], found: _Found) -> None:
    performing_days = [item.date for item in days if item.performing]
    runs: list[list[date]] = []
    for on in performing_days:
        if runs and on - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(on)
        else:
            runs.append([on])
    for run in runs:
        if len(run) > limits.max_consecutive_days:
            found.breach(
                run[0],
                "consecutive_days",
                f"A child can perform or rehearse on at most {limits.max_consecutive_days} "
                f"days in a row. The child would perform on {len(run)} days in a row, from "
                f"{day(run[0])} to {day(run[-1])}.",
            )


def _check_overnight(limits: Limits, days: list[ScheduleDay], found: _Found) -> None:
    if limits.overnight_min_hours is None:
        return
    minimum = timedelta(hours=limits.overnight_min_hours)
    for first, second in zip(days, days[1:], strict=False):
        # Night work has its own, longer rest (the 16-hour gap).
        if second.date - first.date != timedelta(days=1) or first.night_work:
            continue
        leave = _moment(first.date, max(finish for _, finish in first.at_venue))
        back = _moment(second.date, min(start for start, _ in second.at_venue))
        if back - leave < minimum:
            rest = int((back - leave).total_seconds() // 60)
            found.breach(
                first.date,
                "overnight_break",
                f"A child must have at least {duration(round(limits.overnight_min_hours * 60))}"
                f" between leaving the venue and coming back the next day. The child would "
                f"leave at {_at(leave)} and come back at {_at(back)}, after {duration(rest)}.",
            )


def _check_chaperone(limits: Limits, proposal: ProposedSchedule, found: _Found) -> None:
    chaperone = proposal.chaperone
    if chaperone is None:
        return
    if chaperone.is_tutor and chaperone.children > limits.max_children_if_tutor:
        found.breach(
            date.max,
            "chaperone_ratio",
            "A chaperone who is also the child's tutor can look after at most "
            f"{limits.max_children_if_tutor} children. This chaperone would look after "
            f"{chaperone.children}.",
        )
    elif not chaperone.is_tutor and chaperone.children > limits.max_children:
        found.breach(
            date.max,
            "chaperone_ratio",
            f"A chaperone can look after at most {limits.max_children} children. This "
            f"chaperone would look after {chaperone.children}.",
        )


def _check_notice(limits: Limits, proposal: ProposedSchedule, today: date, found: _Found) -> None:
    first = proposal.first_performance_on
    days_ahead = (first - today).days
    if days_ahead < limits.notice_days:
        away = {0: "today", 1: "tomorrow"}.get(days_ahead, f"{days_ahead} days from today")
        found.warn(
            date.min,
            "short_notice",
            "The council may refuse an application received less than "
            f"{limits.notice_days} days before the first performance. The first performance "
            f"is on {day(first)}, {away}.",
        )


def run(
    session: Session, proposal: ProposedSchedule, today: Callable[[], date] = date.today
) -> CheckResult:
    return check(limits_in_force(session, proposal.first_day), proposal, today())
