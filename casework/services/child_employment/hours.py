"""The working-hours validator: is this week's work legal for a child of this age?

``check(limits, occupations, proposal)`` is pure: the form step, the officer's case page and
the assistant (through the API) call it, or ``run(session, proposal)``, which reads the rule
versions in force first. Each breach has a stable rule code and a message that names the
day and the numbers, so a person can put it right without knowing the law.

Which limit applies to a day: in term time, Monday to Friday are school days (not during
school hours, at most 1 hour before school, the school-day limit); Saturdays and Sundays use
the Saturday and Sunday limits in term and holidays alike; in the holidays, Monday to
Friday use the holiday weekday limit. A limit reached exactly is legal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rule_checks import Breach, CheckResult
from casework.services.child_employment import rules
from casework.services.child_employment.occupations import Occupation, by_code
from casework.services.child_employment.proposal import (
    DAYS,
    WEEKDAYS,
    ProposedHours,
    minute_of_day,
)
from casework.services.child_employment.wording import a_child_aged, capital, clock, duration


@dataclass(frozen=True)
class AgeBand:
    from_age: int
    to_age: int
    # Each limit in minutes.
    school_day: int
    saturday: int
    sunday: int
    term_week: int
    holiday_weekday: int
    holiday_week: int

    @property
    def ages(self) -> str:
        return f"{self.from_age} to {self.to_age}"


@dataclass(frozen=True)
class HoursLimits:
    light_work_age: int  # the youngest a child may be employed, in light work only
    minimum_age: int  # the youngest for work that is not on the light-work list
    last_age_covered: int  # older children are past compulsory school age
    earliest_start: int  # minutes after midnight
    latest_finish: int
    school_start: int  # the usual school day, when a proposal gives none
    school_end: int
    before_school: int  # minutes
    break_after: int  # minutes of work after which a break is due
    break_length: int  # minutes
    holiday_weeks_free: int
    bands: tuple[AgeBand, ...]

    def band_for(self, age: int) -> AgeBand:
        for band in self.bands:
            if band.from_age <= age <= band.to_age:
                return band
        raise LookupError(f"The hours rule data has no limits for a {age}-year-old")


def _minutes(hours: float) -> int:
    return round(float(hours) * 60)


def limits_from(value: dict[str, Any]) -> HoursLimits:
    """A version of ``child_employment.hours`` (see ``rules``) as typed limits."""
    return HoursLimits(
        light_work_age=int(value["light_work_age"]),
        minimum_age=int(value["minimum_age"]),
        last_age_covered=int(value["last_age_covered"]),
        earliest_start=minute_of_day(value["earliest_start"]),
        latest_finish=minute_of_day(value["latest_finish"]),
        school_start=minute_of_day(value["school_start"]),
        school_end=minute_of_day(value["school_end"]),
        before_school=_minutes(value["before_school_hours"]),
        break_after=_minutes(value["break_after_hours"]),
        break_length=_minutes(value["break_hours"]),
        holiday_weeks_free=int(value["holiday_weeks_free"]),
        bands=tuple(
            AgeBand(
                from_age=int(band["from_age"]),
                to_age=int(band["to_age"]),
                school_day=_minutes(band["school_day_hours"]),
                saturday=_minutes(band["saturday_hours"]),
                sunday=_minutes(band["sunday_hours"]),
                term_week=_minutes(band["term_week_hours"]),
                holiday_weekday=_minutes(band["holiday_weekday_hours"]),
                holiday_week=_minutes(band["holiday_week_hours"]),
            )
            for band in value["age_bands"]
        ),
    )


def run(session: Session, proposal: ProposedHours, on: date | None = None) -> CheckResult:
    """The check against the rule versions in force on ``on`` (today by default)."""
    on = on or date.today()
    limits = limits_from(rules.value_in_force(session, rules.HOURS, on))
    occupations = by_code(rules.value_in_force(session, rules.OCCUPATIONS, on))
    return check(limits, occupations, proposal)


def check(
    limits: HoursLimits, occupations: Mapping[str, Occupation], proposal: ProposedHours
) -> CheckResult:
    age = proposal.age
    if age < limits.light_work_age:
        return CheckResult(
            breaches=(
                Breach(
                    "minimum_age",
                    f"A child must be at least {limits.light_work_age} to be employed, and "
                    f"this child is {age}. Children under {limits.light_work_age} can only "
                    "take part in performances, such as plays, filming or modelling, under a "
                    "licence from the council.",
                ),
            )
        )
    if age > limits.last_age_covered:
        return CheckResult(
            warnings=(
                Breach(
                    "over_compulsory_school_age",
                    f"{capital(a_child_aged(age))} is over compulsory school age, so the child "
                    "employment rules and permits do not apply. The working time rules for "
                    "young workers apply instead.",
                ),
            )
        )
    occupation = occupations.get(proposal.occupation)
    if occupation is None:
        # The proposal is validated against the same list (``proposal``), so this is a
        # caller that skipped validation, not a person's mistake.
        raise ValueError(f"{proposal.occupation} is not on the list of occupations in force")

    band = limits.band_for(age)
    school_day = (
        minute_of_day(proposal.school_start) if proposal.school_start else limits.school_start,
        minute_of_day(proposal.school_end) if proposal.school_end else limits.school_end,
    )
    breaches = [*_occupation_breaches(limits, occupation, age)]
    week = 0
    for day in DAYS:
        shifts = [
            (minute_of_day(start), minute_of_day(end)) for start, end in proposal.shifts.day(day)
        ]
        if not shifts:
            continue
        week += sum(end - start for start, end in shifts)
        breaches.extend(_window(limits, day, shifts))
        if proposal.period == "term" and day in WEEKDAYS:
            breaches.extend(_school_day(limits, band, age, day, shifts, school_day))
        else:
            breaches.extend(_day_limit(band, age, proposal.period, day, shifts))
        breaches.extend(_breaks(limits, day, shifts))
    breaches.extend(_week_limit(band, age, proposal.period, week))

    warnings = []
    if proposal.period == "holiday":
        warnings.append(
            Breach(
                "holiday_weeks_free",
                f"A child must also have at least {limits.holiday_weeks_free} weeks in a row "
                "without work during the school holidays each year.",
            )
        )
    return CheckResult(breaches=tuple(breaches), warnings=tuple(warnings))


Shifts = list[tuple[int, int]]


def _occupation_breaches(limits: HoursLimits, occupation: Occupation, age: int) -> Iterator[Breach]:
    if occupation.prohibited:
        note = f" {occupation.note}" if occupation.note else ""
        yield Breach(
            "prohibited_occupation",
            f"Children cannot do this job at any age: {occupation.name}.{note}",
        )
        return
    youngest = occupation.allowed_from_age or limits.minimum_age
    if age >= youngest:
        return
    if age < limits.minimum_age:
        yield Breach(
            "light_work_only",
            f"{capital(a_child_aged(age))} can only do the light work on the council's list of "
            f"occupations for {age}-year-olds. A child must be at least {youngest} to do this "
            f"job: {occupation.name}.",
        )
    else:
        yield Breach(
            "minimum_age",
            f"A child must be at least {youngest} to do this job: {occupation.name}. This child "
            f"is {age}.",
        )


def _window(limits: HoursLimits, day: str, shifts: Shifts) -> Iterator[Breach]:
    start, finish = shifts[0][0], max(end for _, end in shifts)
    if start < limits.earliest_start:
        yield Breach(
            "before_7am",
            f"On {DAYS[day]}, work starts at {clock(start)}. Children cannot work before "
            f"{clock(limits.earliest_start)}.",
        )
    if finish > limits.latest_finish:
        yield Breach(
            "after_7pm",
            f"On {DAYS[day]}, work finishes at {clock(finish)}. Children cannot work after "
            f"{clock(limits.latest_finish)}.",
        )


def _school_day(
    limits: HoursLimits,
    band: AgeBand,
    age: int,
    day: str,
    shifts: Shifts,
    school: tuple[int, int],
) -> Iterator[Breach]:
    school_start, school_end = school
    during = [(s, e) for s, e in shifts if s < school_end and school_start < e]
    if during:
        times = " and ".join(f"{clock(s)} to {clock(e)}" for s, e in during)
        yield Breach(
            "during_school_hours",
            f"On {DAYS[day]}, work from {times} is during school hours ({clock(school_start)} "
            f"to {clock(school_end)}). Children cannot work during school hours.",
        )
    before = sum(max(0, min(e, school_start) - s) for s, e in shifts)
    if before > limits.before_school:
        yield Breach(
            "before_school_limit",
            f"On {DAYS[day]}, the child works {duration(before)} before school. A child can "
            f"work at most {duration(limits.before_school)} before school.",
        )
    total = sum(e - s for s, e in shifts)
    if total > band.school_day:
        yield Breach(
            "school_day_limit",
            f"{capital(a_child_aged(age))} can work at most {duration(band.school_day)} on a "
            f"school day. These {DAYS[day]} shifts add up to {duration(total)}.",
        )


def _day_limit(band: AgeBand, age: int, period: str, day: str, shifts: Shifts) -> Iterator[Breach]:
    if day == "sat":
        rule, limit, when = "saturday_limit", band.saturday, "on a Saturday"
    elif day == "sun":
        rule, limit, when = "sunday_limit", band.sunday, "on a Sunday"
    else:
        rule, limit = "holiday_weekday_limit", band.holiday_weekday
        when = "on a weekday in the school holidays"
    total = sum(e - s for s, e in shifts)
    if total > limit:
        yield Breach(
            rule,
            f"{capital(a_child_aged(age))} can work at most {duration(limit)} {when}. These "
            f"{DAYS[day]} shifts add up to {duration(total)}.",
        )


def _breaks(limits: HoursLimits, day: str, shifts: Shifts) -> Iterator[Breach]:
    """Each stretch of work over the limit without a long enough break: a gap shorter than
    the break (a 30-minute lunch) does not end a stretch, and does not count as work."""
    for start, end, worked in _stretches(shifts, limits.break_length):
        if worked > limits.break_after:
            yield Breach(
                "break_after_4_hours",
                f"On {DAYS[day]}, the child works {duration(worked)} between {clock(start)} "
                f"and {clock(end)} without a break of at least {duration(limits.break_length)}. "
                f"A child must have a break of at least {duration(limits.break_length)} after "
                f"{duration(limits.break_after)} of work.",
            )


def _stretches(shifts: Shifts, break_length: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, minutes worked) of each run of shifts with no gap as long as a break."""
    start, end = shifts[0]
    worked = end - start
    for next_start, next_end in shifts[1:]:
        if next_start - end >= break_length:
            yield start, end, worked
            start, worked = next_start, 0
        worked += next_end - next_start
        end = next_end
    yield start, end, worked


def _week_limit(band: AgeBand, age: int, period: str, week: int) -> Iterator[Breach]:
    if period == "term":
        rule, limit, when = "term_week_limit", band.term_week, "in term time"
    else:
        rule, limit, when = "holiday_week_limit", band.holiday_week, "in the school holidays"
    if week > limit:
        yield Breach(
            rule,
            f"{capital(a_child_aged(age))} can work at most {duration(limit)} a week {when}. "
            f"These shifts add up to {duration(week)} a week.",
        )


def summary(limits: HoursLimits, band: AgeBand) -> str:
    """The rules for an age band in plain words, e.g. for the assistant to read out."""
    ages = f"A {band.from_age} or {band.to_age}-year-old"
    if band.from_age == band.to_age:
        ages = capital(a_child_aged(band.from_age))
    light = (
        f" At {limits.light_work_age}, only light work on the council's list."
        if band.from_age <= limits.light_work_age < limits.minimum_age
        else ""
    )
    return (
        f"{ages} can work between {clock(limits.earliest_start)} and "
        f"{clock(limits.latest_finish)}. In term time: at most {duration(band.school_day)} on a "
        f"school day (never during school hours, and at most "
        f"{duration(limits.before_school)} before school), {duration(band.saturday)} on a "
        f"Saturday, {duration(band.sunday)} on a Sunday and {duration(band.term_week)} a week. "
        f"In the school holidays: at most {duration(band.holiday_weekday)} on a weekday, "
        f"{duration(band.saturday)} on a Saturday, {duration(band.sunday)} on a Sunday and "
        f"{duration(band.holiday_week)} a week. After {duration(limits.break_after)} of work, "
        f"a break of at least {duration(limits.break_length)}.{light}"
    )
