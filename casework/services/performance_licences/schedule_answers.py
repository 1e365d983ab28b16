"""The application's answers as the schedule validator reads them, and what it finds as
errors on the application's own questions.

The form asks for each day as a list item (date, venue, arrival, departure, times
performing, school day and education); the validator (``schedule``) takes a
``ProposedSchedule``. Reading one into the other here means the step pages, the whole
application (every channel), the officer's case page and the decision all judge the same
schedule the same way. A breach names the day it is about ("On 1 March 2027 …"), which is
how it finds its way back to that day's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from casework.clocks import long_date
from casework.fields import errors_from
from casework.questions.kinds import age_on
from casework.rule_checks import Breach, CheckResult
from casework.services.performance_licences import schedule
from casework.services.performance_licences.proposal import MAX_AGE, ProposedSchedule
from casework.services.performance_licences.question_kinds import periods

DAYS = "days"
VENUES = "venues"
DATE_OF_BIRTH = "child_date_of_birth"
CHAPERONE_CHILDREN = "chaperone_children"

# The question on a day that a breach of each rule is about.
FIELD_FOR_RULE = {
    "too_early": "arrive",
    "too_late": "leave",
    "venue_hours": "leave",
    "performing_hours": "performing",
    "continuous_performing": "performing",
    "breaks": "performing",
    "night_work_gap": "performing",
    "education_hours": "education_hours",
    "consecutive_days": "date",
    "overnight_break": "leave",
}
# Where the validator's own field errors (a schedule that does not make sense) land.
_FIELD_FOR_PART = {
    "date": "date",
    "at_venue": "arrive",
    "performing": "performing",
    "education_hours": "education_hours",
    "school_day": "school_day",
}


def parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def day_dates(answers: dict[str, Any]) -> list[date]:
    found = (parse_date(day.get("date")) for day in answers.get(DAYS) or [])
    return sorted(day for day in found if day is not None)


def first_day(answers: dict[str, Any]) -> date | None:
    """The first day the child performs or rehearses: the licence must be granted before."""
    dates = day_dates(answers)
    return dates[0] if dates else None


def last_day(answers: dict[str, Any]) -> date | None:
    dates = day_dates(answers)
    return dates[-1] if dates else None


def first_performance(answers: dict[str, Any]) -> date | None:
    """The first performance (not rehearsal): the 21 days' notice counts back from it."""
    found = [
        parse_date(day.get("date"))
        for day in answers.get(DAYS) or []
        if day.get("day_type") == "performance"
    ]
    dates = sorted(day for day in found if day is not None)
    return dates[0] if dates else first_day(answers)


def child_age(answers: dict[str, Any]) -> int | None:
    """The child's age in whole years on the first day (the validator's age band)."""
    born, first = parse_date(answers.get(DATE_OF_BIRTH)), first_day(answers)
    if born is None or first is None:
        return None
    return age_on(born, first)


def in_care_of_chaperone(answers: dict[str, Any]) -> bool:
    return answers.get("in_charge") == "chaperone"


def schedule_data(answers: dict[str, Any], age: int) -> dict[str, Any]:
    """The body of ``POST /api/v1/rules/performance/check`` for this application."""
    leave = {"00:00": "24:00"}
    data: dict[str, Any] = {
        "age": age,
        "days": [
            {
                "date": day.get("date"),
                "at_venue": [[day.get("arrive"), leave.get(day.get("leave"), day.get("leave"))]],
                "performing": [list(period) for period in periods(day.get("performing"))],
                "school_day": bool(day.get("school_day")),
                "education_hours": day.get("education_hours") if day.get("school_day") else None,
            }
            for day in answers.get(DAYS) or []
        ],
    }
    performance = first_performance(answers)
    if performance is not None:
        data["first_performance"] = performance.isoformat()
    children = answers.get(CHAPERONE_CHILDREN)
    if in_care_of_chaperone(answers) and isinstance(children, int):
        data["chaperone"] = {
            "children": children,
            "is_tutor": bool(answers.get("chaperone_is_tutor")),
        }
    return data


@dataclass(frozen=True)
class Reading:
    """What the validator made of an application's schedule."""

    # None when it could not judge: no days yet, no date of birth, or the schedule does
    # not make sense (``errors`` then say why).
    result: CheckResult | None = None
    # Errors by the application's field path ("days.2.leave", "child_date_of_birth").
    errors: dict[str, str] = field(default_factory=dict)
    age: int | None = None

    @property
    def warnings(self) -> tuple[Breach, ...]:
        return self.result.warnings if self.result else ()


def read(session: Session | None, answers: dict[str, Any], today: date) -> Reading:
    """Check the application's schedule against the limits in force on its first day."""
    items = answers.get(DAYS) or []
    first = first_day(answers)
    if not items or first is None:
        return Reading()
    age = child_age(answers)
    if age is not None and age > MAX_AGE:
        return Reading(
            errors={
                DATE_OF_BIRTH: f"The child would be {age} on the first day, {long_date(first)}. "
                "Only children up to 16 need a performance licence"
            },
            age=age,
        )
    if age is not None and age < 0:
        return Reading(
            errors={DATE_OF_BIRTH: "The child's date of birth must be before the first day"},
            age=age,
        )
    try:
        proposal = ProposedSchedule.model_validate(
            schedule_data(answers, MAX_AGE if age is None else age), context={"today": today}
        )
    except ValidationError as exc:
        return Reading(errors=_field_errors(answers, exc), age=age)
    if age is None:
        return Reading()  # the days make sense; the limits depend on the child's age
    limits = (
        schedule.limits_in_force(session, proposal.first_day)
        if session is not None
        else schedule.default_limits(proposal.first_day)
    )
    result = schedule.check(limits, proposal, today)
    return Reading(result, breach_errors(answers, result.breaches), age)


def _field_errors(answers: dict[str, Any], exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    performance = first_performance(answers)
    for path, message in errors_from(exc).items():
        parts = path.split(".")
        if parts[0] == DAYS and len(parts) >= 3 and parts[1].isdigit():
            where = f"{DAYS}.{parts[1]}.{_FIELD_FOR_PART.get(parts[2], 'date')}"
        elif parts[0] == "first_performance" and performance is not None:
            where = f"{DAYS}.{_index_of(answers, performance)}.date"
        elif parts[0] == "chaperone":
            where = CHAPERONE_CHILDREN
        else:
            where = DAYS
        errors.setdefault(where, message)
    return errors


def _index_of(answers: dict[str, Any], on: date) -> int:
    for index, day in enumerate(answers.get(DAYS) or []):
        if parse_date(day.get("date")) == on:
            return index
    return 0


def day_named_in(answers: dict[str, Any], message: str) -> int | None:
    """The index of the day a message names first ("On 1 March 2027 …"), if any."""
    found: list[tuple[int, int]] = []
    for index, day in enumerate(answers.get(DAYS) or []):
        on = parse_date(day.get("date"))
        if on is None:
            continue
        match = re.search(rf"(?<!\d){re.escape(long_date(on))}", message)
        if match:
            found.append((match.start(), index))
    return min(found)[1] if found else None


def breach_errors(answers: dict[str, Any], breaches: tuple[Breach, ...]) -> dict[str, str]:
    """Each breach as an error on the question it is about; two about one question (too
    long performing in all, and too long without a break) are one message, both said."""
    errors: dict[str, str] = {}
    for breach in breaches:
        if breach.rule == "chaperone_ratio":
            where = CHAPERONE_CHILDREN
        else:
            index = day_named_in(answers, breach.message)
            field = FIELD_FOR_RULE.get(breach.rule, "date")
            where = DAYS if index is None else f"{DAYS}.{index}.{field}"
        errors[where] = f"{errors[where]} {breach.message}" if where in errors else breach.message
    return errors
