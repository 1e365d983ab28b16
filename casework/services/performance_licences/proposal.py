"""A production's proposed schedule for one child: the body the schedule validator checks.

```json
{
  "age": 9,
  "first_performance": "2027-03-01",
  "days": [
    {
      "date": "2027-03-01",
      "at_venue": [["09:00", "17:00"]],
      "performing": [["10:00", "11:30"], ["14:00", "15:00"]],
      "school_day": true,
      "education_hours": 3,
      "night_work": false
    }
  ],
  "chaperone": {"children": 10, "is_tutor": false}
}
```

- ``age``: the child's age in whole years on the first day.
- ``first_performance``: optional; the day of the first performance the licence is for,
  when it is not the first day of this schedule (it starts the 21 days' notice).
- ``days``: each day the child is at the venue, once. ``at_venue`` are the times the child
  is at the place of performance or rehearsal; ``performing`` the times they perform or
  rehearse, inside those. A period is a start and a finish time, "HH:MM" (7am, 7.30pm and
  19:30 are read too); a finish of "00:00" or "24:00" is midnight at the end of the day. A
  performance running past midnight carries on the next date from "00:00".
- ``school_day``: the child would be at school that day; ``education_hours`` is then the
  hours of education they get, at school or with a tutor.
- ``night_work``: the producer asks the council to let the child perform before the
  earliest or after the latest time that day.
- ``chaperone``: optional; how many children the chaperone looks after, and whether they
  are also the child's tutor. Leave it out when a parent looks after the child.

Malformed input is a validation error on its field, never a breach: the validator only
judges a schedule that means something. Dates in the past are refused against ``today``
from the validation context (``model_validate(data, context={"today": ...})``), so tests
never read the clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from casework import fields as f
from casework.clocks import long_date
from casework.fields import FormModel, fail
from casework.questions.kinds import finish_of_day, minute_of_day, time_of_day

MAX_AGE = 16  # a child until the end of compulsory school age
MAX_DAYS = 366
MAX_PERIODS = 12


def _period(value: Any) -> tuple[str, str]:
    if not (isinstance(value, list | tuple) and len(value) == 2):
        raise fail('Enter each period as a start and a finish time, like ["09:00", "17:00"]')
    start = time_of_day(value[0], label="the start time")
    finish = finish_of_day(value[1], label="the finish time")
    if minute_of_day(finish) <= minute_of_day(start):
        raise fail(f"Finish time {finish} must be after the start time {start}")
    return start, finish


Period = Annotated[tuple[str, str], BeforeValidator(_period)]


# The answers are JSON, so each must be of the type the published schema gives: a value of
# another type is refused (never guessed at), with a message a person can act on.


def _periods(missing: str | None) -> Any:
    def check(value: Any) -> Any:
        if value is None and missing:
            raise fail(missing)
        if not isinstance(value, list):
            raise fail('Enter times as a list of periods, like [["09:00", "17:00"]]')
        if not value and missing:
            raise fail(missing)
        if len(value) > MAX_PERIODS:
            raise fail(f"Enter at most {MAX_PERIODS} periods for a day")
        return value

    return BeforeValidator(check)


def yes_no(message: str) -> Any:
    """true or false; anything else (a missing required answer included) gets ``message``."""

    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise fail(message)
        return value

    return BeforeValidator(check)


def _date(missing: str, label: str, optional: bool = False) -> Any:
    def check(value: Any) -> dt.date | None:
        if value is None:
            if optional:
                return None
            raise fail(missing)
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise fail(f"{label} must be a real date")
        return f.date_value(value, missing=missing, label=label, past=False)

    return BeforeValidator(check)


def whole_number(missing: str, message: str, low: int, high: int, optional: bool = False) -> Any:
    def check(value: Any) -> int | None:
        if value is None:
            if optional:
                return None
            raise fail(missing)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise fail(message)
        return value

    return BeforeValidator(check)


def _education_hours(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 24:
        raise fail("Hours of education must be a number from 0 to 24, like 3 or 2.5")
    return float(value)


class Answers(FormModel):
    """A model whose required answers, when missing, reach their validators as None and so
    get their "Enter …" message rather than pydantic's "Field required"."""

    @model_validator(mode="before")
    @classmethod
    def _missing_is_none(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        names = [name for name, field in cls.model_fields.items() if field.is_required()]
        return {**dict.fromkeys(names), **data}


def _count_days(value: Any) -> Any:
    if value in (None, "", []):
        raise fail("Enter at least one day")
    if isinstance(value, list) and len(value) > MAX_DAYS:
        raise fail(f"Enter at most {MAX_DAYS} days")
    return value


class ScheduleDay(Answers):
    date: Annotated[dt.date, _date("Enter the date", "Date")] = Field(
        description="The day, like 2027-03-01."
    )
    at_venue: Annotated[
        list[Period], _periods("Enter the times the child will be at the venue")
    ] = Field(description='Times at the place of performance or rehearsal: [["09:00", "17:00"]].')
    performing: Annotated[list[Period], _periods(None)] = Field(
        default_factory=list,
        description="Times performing or rehearsing, inside the times at the venue.",
    )
    school_day: Annotated[bool, yes_no("Say whether the child would be at school that day")] = (
        Field(default=False, description="The child would be at school that day.")
    )
    education_hours: Annotated[float | None, BeforeValidator(_education_hours)] = Field(
        default=None,
        description="Hours of education that day, at school or with a tutor (school days).",
    )
    night_work: Annotated[
        bool, yes_no("Say whether you are asking the council to allow night work that day")
    ] = Field(
        default=False,
        description="The council is asked to allow performing before the earliest or after "
        "the latest time that day.",
    )


class Chaperone(Answers):
    children: Annotated[
        int,
        whole_number(
            "Enter how many children the chaperone will look after",
            "Number of children must be a whole number from 1 to 999",
            1,
            999,
        ),
    ] = Field(description="How many children the chaperone looks after, this child included.")
    is_tutor: Annotated[bool, yes_no("Say whether the chaperone is also the child's tutor")] = (
        Field(default=False, description="The chaperone is also the child's private teacher.")
    )


class ProposedSchedule(Answers):
    age: Annotated[
        int,
        whole_number(
            "Enter the child's age",
            f"Age must be a whole number from 0 to {MAX_AGE}",
            0,
            MAX_AGE,
        ),
    ] = Field(description="The child's age in whole years.")
    first_performance: Annotated[
        dt.date | None,
        _date("Enter the date of the first performance", "Date of the first performance", True),
    ] = Field(default=None, description="The first performance, if not the first day here.")
    days: Annotated[list[ScheduleDay], BeforeValidator(_count_days)] = Field(
        description="Each day the child is at the venue, once."
    )
    chaperone: Chaperone | None = Field(
        default=None, description="The chaperone, unless a parent looks after the child."
    )

    @model_validator(mode="after")
    def _check_together(self, info: ValidationInfo) -> ProposedSchedule:
        context = info.context or {}
        today: dt.date = context.get("today") or dt.date.today()
        errors: dict[tuple[str | int, ...], str] = {}
        if self.first_performance and self.first_performance < today:
            errors[("first_performance",)] = (
                "Date of the first performance must be today or in the future"
            )
        seen: set[dt.date] = set()
        for index, day in enumerate(self.days):
            where = ("days", index)
            if day.date < today:
                errors[(*where, "date")] = "Date must be today or in the future"
            elif day.date in seen:
                errors[(*where, "date")] = (
                    f"{long_date(day.date)} is already in the schedule: enter each date once"
                )
            seen.add(day.date)
            errors.update(_overlaps(day.at_venue, (*where, "at_venue"), "Times at the venue"))
            errors.update(_overlaps(day.performing, (*where, "performing"), "Performing times"))
            for number, (start, finish) in enumerate(day.performing):
                if not _inside((start, finish), day.at_venue):
                    errors.setdefault(
                        (*where, "performing", number),
                        f"Performing from {start} to {finish} must be within the times "
                        "at the venue",
                    )
            if day.school_day and day.education_hours is None:
                errors[(*where, "education_hours")] = (
                    f"Enter how many hours of education the child will get on {long_date(day.date)}"
                )
        if errors:
            raise _errors(errors)
        return self

    @property
    def first_day(self) -> dt.date:
        return min(day.date for day in self.days)

    @property
    def first_performance_on(self) -> dt.date:
        return self.first_performance or self.first_day


def _overlaps(
    periods: list[tuple[str, str]], where: tuple[str | int, ...], what: str
) -> dict[tuple[str | int, ...], str]:
    errors: dict[tuple[str | int, ...], str] = {}
    for number, (start, finish) in enumerate(periods):
        for other_start, other_finish in periods[:number]:
            if start < other_finish and other_start < finish:
                errors[(*where, number)] = (
                    f"{what} {other_start} to {other_finish} and {start} to {finish} overlap"
                )
                break
    return errors


def _inside(period: tuple[str, str], venue: list[tuple[str, str]]) -> bool:
    # Venue periods that touch ("09:00"-"12:00", "12:00"-"17:00") are one stay.
    start, finish = period
    reach = start
    for venue_start, venue_finish in sorted(venue):
        if venue_start <= reach < venue_finish:
            reach = venue_finish
    return reach >= finish


def _errors(errors: dict[tuple[str | int, ...], str]) -> ValidationError:
    return ValidationError.from_exception_data(
        "ProposedSchedule",
        [
            InitErrorDetails(type=PydanticCustomError("govuk", message), loc=loc, input=None)
            for loc, message in errors.items()
        ],
    )
