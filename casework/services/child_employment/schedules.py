"""The application's hours, checked by the working-hours validator (``hours``).

The form asks the exact days and times with the shared ``WeeklyScheduleQuestion``
(``{"monday": {"start": "16:00", "end": "17:30"}}``): for a week in term time and a week in
the school holidays, each with a second schedule for a second time on the same day (9am to
1pm, then 2pm to 6pm: a day over 4 hours needs a break, so it is always two times). Each
period's week becomes a ``ProposedHours`` with the child's age on the day the job starts and
goes through the same validator the API and the assistant use, so the employer typing, the
submission, the officer's case page and the permit all read the same answer.

Rules in force on the later of the start date and today: a permit decided today covers work
from today on, and a job starting later is judged by the rules in force when it starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from casework.questions.kinds import WEEKDAYS, age_on
from casework.rule_checks import Breach, CheckResult
from casework.services.child_employment import hours, rules
from casework.services.child_employment.occupations import OCCUPATIONS, Occupation, by_code
from casework.services.child_employment.proposal import (
    DAYS,
    MAX_AGE,
    ProposedHours,
    minute_of_day,
)
from casework.services.child_employment.wording import clock, duration

TERM = "term_hours"
TERM_SECOND = "term_hours_second"
HOLIDAY = "holiday_hours"
HOLIDAY_SECOND = "holiday_hours_second"


@dataclass(frozen=True)
class Period:
    """A week of one kind: its two schedules' questions, the validator's name for it, and
    the words people read ("term time")."""

    first: str
    second: str
    name: str
    words: str


PERIODS = (
    Period(TERM, TERM_SECOND, "term", "term time"),
    Period(HOLIDAY, HOLIDAY_SECOND, "holiday", "the school holidays"),
)
ALL_SCHEDULES = tuple(name for period in PERIODS for name in (period.first, period.second))
# The form's day names ("monday") to the validator's ("mon"), in the week's order.
DAY_CODES = dict(zip(WEEKDAYS, DAYS, strict=True))
# Breaches about the child or the job, not the hours: the job step shows these.
ABOUT_THE_JOB = ("prohibited_occupation", "light_work_only", "minimum_age")

# Each day's times, in order: {"monday": [("09:00", "13:00"), ("14:00", "18:00")]}.
Week = dict[str, list[tuple[str, str]]]


def week(answers: Mapping[str, Any], period: Period) -> Week:
    """A period's two schedules as one week of times, each day's in time order."""
    found: Week = {}
    for field in (period.first, period.second):
        for day, times in (answers.get(field) or {}).items():
            if day in DAY_CODES and isinstance(times, dict):
                found.setdefault(day, []).append((times["start"], times["end"]))
    return {day: sorted(found[day]) for day in WEEKDAYS if day in found}


def overlap(week: Week) -> str | None:
    """A message when two times on a day overlap, or None."""
    for day, times in week.items():
        for (start, end), (next_start, next_end) in zip(times, times[1:], strict=False):
            if next_start < end:
                return (
                    f"On {day.title()}, the times {_said(start)} to {_said(end)} and "
                    f"{_said(next_start)} to {_said(next_end)} overlap. Enter each time the "
                    "child works once"
                )
    return None


def _said(time: str) -> str:
    return clock(minute_of_day(time))


@dataclass(frozen=True)
class PeriodCheck:
    """One period's week and what the validator said about it."""

    period: Period
    week: Week
    result: CheckResult

    @property
    def hours_breaches(self) -> tuple[Breach, ...]:
        return tuple(b for b in self.result.breaches if b.rule not in ABOUT_THE_JOB)


@dataclass(frozen=True)
class HoursCheck:
    """The whole application's hours, checked: the child's age, the job and each period."""

    age: int
    rules_on: date
    occupation: Occupation
    limits: hours.HoursLimits
    # The periods with any work in them.
    periods: tuple[PeriodCheck, ...]
    # Breaches about the child's age or the job itself (the same in every period).
    about_the_job: tuple[Breach, ...]
    # Things to know that are not breaches (e.g. weeks off in the holidays).
    warnings: tuple[Breach, ...]

    @property
    def legal(self) -> bool:
        return not self.about_the_job and not any(p.hours_breaches for p in self.periods)


def rules_day(start: date, today: date | None = None) -> date:
    return max(start, today or date.today())


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def occupation_list(session: Session | None, on: date) -> dict[str, Occupation]:
    """The occupations in force (the folder's defaults when there is no database)."""
    if session is None:
        return {occupation.code: occupation for occupation in OCCUPATIONS}
    return by_code(rules.value_in_force(session, rules.OCCUPATIONS, on))


def check(
    session: Session | None, answers: Mapping[str, Any], today: date | None = None
) -> HoursCheck | None:
    """The application's hours checked, or None while the answers it needs are missing or
    not valid yet (the child's date of birth, the job, its start date, times that overlap)."""
    born = _date(answers.get("child_date_of_birth"))
    start = _date(answers.get("start_date"))
    code = answers.get("occupation")
    if born is None or start is None or not code:
        return None
    on = rules_day(start, today)
    occupations = occupation_list(session, on)
    occupation = occupations.get(str(code))
    weeks = [(period, week(answers, period)) for period in PERIODS]
    if occupation is None or any(overlap(found) for _, found in weeks):
        return None
    if session is None:
        value = rules.default_in_force(rules.HOURS, on)
    else:
        value = rules.value_in_force(session, rules.HOURS, on)
    limits = hours.limits_from(value)
    age = age_on(born, start)
    school = {key: answers.get(key) or None for key in ("school_start", "school_end")}
    checks: list[PeriodCheck] = []
    about_the_job: tuple[Breach, ...] = ()
    warnings: list[Breach] = []
    for period, found in weeks:
        try:
            proposal = ProposedHours.model_validate(
                {
                    # The validator reads ages 0 to 18; older is past its rules either way,
                    # and a job "starting" before the child was born is simply too young.
                    "age": max(0, min(age, MAX_AGE)),
                    "period": period.name,
                    "occupation": occupation.code,
                    "shifts": {
                        DAY_CODES[day]: [list(t) for t in times] for day, times in found.items()
                    },
                    **school,
                },
                context={"occupations": set(occupations)},
            )
        except ValidationError:
            return None  # answers the form's own questions say are wrong (e.g. school times)
        result = hours.check(limits, occupations, proposal)
        # The job's breaches come back in each period alike: keep them once.
        about_the_job = about_the_job or tuple(
            b for b in result.breaches if b.rule in ABOUT_THE_JOB
        )
        if found:
            checks.append(PeriodCheck(period, found, result))
            warnings.extend(w for w in result.warnings if w not in warnings)
        elif not warnings:
            # Past school age (a warning, not a breach) shows even with no hours.
            warnings.extend(w for w in result.warnings if w.rule != "holiday_weeks_free")
    return HoursCheck(
        age=age,
        rules_on=on,
        occupation=occupation,
        limits=limits,
        periods=tuple(checks),
        about_the_job=about_the_job,
        warnings=tuple(warnings),
    )


def over_school_age(result: HoursCheck) -> bool:
    return result.age > result.limits.last_age_covered


def too_young(result: HoursCheck) -> bool:
    return result.age < result.limits.light_work_age


def _minutes(times: list[tuple[str, str]]) -> int:
    return sum(minute_of_day(end) - minute_of_day(start) for start, end in times)


def day_rows(found: Week) -> list[tuple[str, str, str]]:
    """Each day of the week: (day, times, length), e.g. ("Saturday", "9am to 1pm and 2pm
    to 6pm", "8 hours"); a day off reads "Not working"."""
    rows = []
    for day in WEEKDAYS:
        times = found.get(day)
        if not times:
            rows.append((day.title(), "Not working", "None"))
            continue
        said = " and ".join(f"{_said(start)} to {_said(end)}" for start, end in times)
        rows.append((day.title(), said, duration(_minutes(times))))
    return rows


def week_total(found: Week) -> str:
    return duration(sum(_minutes(times) for times in found.values()))


def in_words(found: Week) -> str:
    """A week on one line per working day, for messages: "Monday 4pm to 5:30pm"."""
    lines = [f"{day} {times}" for day, times, _ in day_rows(found) if times != "Not working"]
    return "\n".join(lines) if lines else "None"
