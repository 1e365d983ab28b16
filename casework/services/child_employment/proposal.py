"""A child's proposed working hours for one week: the body the hours validator checks.

```json
{
  "age": 14,
  "period": "term",
  "occupation": "shop_work",
  "shifts": {"mon": [["17:00", "18:30"]], "sat": [["09:00", "13:00"], ["14:00", "16:00"]]},
  "school_start": "08:40",
  "school_end": "15:20"
}
```

- ``age``: the child's age in whole years, 0 to 18. Under 13 and over 16 are not errors:
  the check answers them (no employment under 13; the rules stop at school-leaving age).
- ``period``: "term" for a term-time week, "holiday" for a week in the school holidays.
- ``occupation``: a code from the published list of occupations.
- ``shifts``: for each day that has work ("mon" to "sun"), its shifts as start and finish
  times. Times are "HH:MM" on the 24-hour clock; 5pm, 5:30pm and 17.30 are read too (the
  shared ``time_of_day``, as the application form reads them). A finish of "24:00" or
  "00:00" is midnight at the end of the day. A day left out has no work.
- ``school_start``/``school_end``: the child's school day, if not the council's usual one.

Malformed input is a validation error on its field, never a breach: a time that is not a
time, a shift that finishes before it starts, shifts that overlap, a day that is not a day,
an occupation code not on the list. The list is rule data, so the code is checked against
the version in force when the validation context carries it: ``{"occupations": codes}``, or
the form context's session (``casework.questions.validation_context``), read on
``context["today"]`` (today when absent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Annotated, Any

from pydantic import (
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from casework import fields as f
from casework.fields import FormModel, fail
from casework.questions.kinds import finish_of_day, minute_of_day, time_of_day
from casework.services.child_employment import rules
from casework.services.child_employment.wording import clock

DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
PERIODS = ("term", "holiday")
MAX_AGE = 18
MAX_SHIFTS = 12  # a day's shifts; far more than any real job has
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")

_TIME_SCHEMA = {
    "type": "string",
    "description": 'A time, "HH:MM" on the 24-hour clock (5pm and 17.30 are read too).',
    "examples": ["17:00"],
}


def _age(value: Any) -> int:
    if value is None or value == "":
        raise fail("Enter the child's age")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Only JSON numbers: the document says integer, and a bool is not an age.
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"Age must be a whole number from 0 to {MAX_AGE}, like 14")
    if not 0 <= value <= MAX_AGE:
        raise fail(f"Age must be a whole number from 0 to {MAX_AGE}, like 14")
    return value


def _period(value: Any) -> str:
    if value is None or value == "":
        raise fail("Select whether these are hours in term time or in the school holidays")
    if value not in PERIODS:
        raise fail('Period must be "term" (term time) or "holiday" (the school holidays)')
    return str(value)


def _known_codes(info: ValidationInfo) -> Collection[str] | None:
    """The occupation codes in force, from the validation context; None if it has none."""
    context = info.context if isinstance(info.context, dict) else {}
    if context.get("occupations") is not None:
        return context["occupations"]
    form = context.get("form")
    session = getattr(form, "session", None)
    if session is None:
        return None
    today = context.get("today") or dt.date.today()
    return {item["code"] for item in rules.value_in_force(session, rules.OCCUPATIONS, today)}


def _occupation(value: Any, info: ValidationInfo) -> str:
    if value is None or value == "":
        raise fail("Enter the job the child will do, as a code from the list of occupations")
    if not isinstance(value, str):
        raise fail("Enter the job as a code from the list of occupations, like shop_work")
    code = f.clean_text(value).lower()
    known = _known_codes(info)
    if known is not None and code not in known:
        raise fail("Enter a code from the list of occupations, like shop_work")
    return code


def _school_time(label: str) -> Any:
    def check(value: Any) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise fail(f"Enter {label} as a time, like 8:45am or 15:15")
        return time_of_day(value, label=label)

    return PlainValidator(check)


def _shift(day: str, number: int, value: Any) -> tuple[str, str]:
    which = f"{DAYS[day]}'s {_ordinal(number)} shift"
    if not (isinstance(value, list | tuple) and len(value) == 2):
        raise fail(f'Enter {which} as a start and a finish time, like ["17:00", "18:30"]')
    start_text, finish_text = value
    if not isinstance(start_text, str) or not isinstance(finish_text, str):
        raise fail(f"Enter the start and finish of {which} as times, like 17:00")
    start = time_of_day(start_text, label=f"the start of {which}")
    finish = finish_of_day(finish_text, label=f"the finish of {which}")
    if minute_of_day(finish) <= minute_of_day(start):
        raise fail(f"The finish of {which} must be after its start ({_said(start)})")
    return start, finish


def _said(time: str) -> str:
    return clock(minute_of_day(time))


def _ordinal(number: int) -> str:
    return ORDINALS[number] if number < len(ORDINALS) else f"number {number + 1}"


def _day(day: str) -> Any:
    def check(value: Any) -> list[tuple[str, str]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise fail(f'Enter {DAYS[day]}\'s shifts as a list, like [["17:00", "18:30"]]')
        if len(value) > MAX_SHIFTS:
            raise fail(f"Enter at most {MAX_SHIFTS} shifts for {DAYS[day]}")
        shifts = [_shift(day, number, item) for number, item in enumerate(value)]
        ordered = sorted(shifts)
        for (start, finish), (next_start, next_finish) in zip(ordered, ordered[1:], strict=False):
            if next_start < finish:
                raise fail(
                    f"{DAYS[day]}'s shifts {_said(start)} to {_said(finish)} and "
                    f"{_said(next_start)} to {_said(next_finish)} overlap: enter each time "
                    "the child works once"
                )
        return ordered

    return PlainValidator(check)


def _day_schema(day: str) -> Any:
    return WithJsonSchema(
        {
            "type": ["array", "null"],
            "description": f"{DAYS[day]}'s shifts, each a start and a finish time.",
            "maxItems": MAX_SHIFTS,
            "items": {
                "type": "array",
                "prefixItems": [_TIME_SCHEMA, _TIME_SCHEMA],
                "minItems": 2,
                "maxItems": 2,
                "items": False,
            },
        }
    )


Day = list[tuple[str, str]]


class WeeklyShifts(FormModel):
    """Each day's shifts, in time order; a day with no work is an empty list."""

    # Unknown days are refused (below, in words); "forbid" also tells the OpenAPI document.
    model_config = ConfigDict(extra="forbid")

    mon: Annotated[Day, _day("mon"), _day_schema("mon")] = Field(default_factory=list)
    tue: Annotated[Day, _day("tue"), _day_schema("tue")] = Field(default_factory=list)
    wed: Annotated[Day, _day("wed"), _day_schema("wed")] = Field(default_factory=list)
    thu: Annotated[Day, _day("thu"), _day_schema("thu")] = Field(default_factory=list)
    fri: Annotated[Day, _day("fri"), _day_schema("fri")] = Field(default_factory=list)
    sat: Annotated[Day, _day("sat"), _day_schema("sat")] = Field(default_factory=list)
    sun: Annotated[Day, _day("sun"), _day_schema("sun")] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _days_only(cls, value: Any) -> Any:
        if value is None:
            raise fail("Enter the days and times the child will work")
        if not isinstance(value, dict):
            raise fail('Enter the shifts for each day, like {"mon": [["17:00", "18:30"]]}')
        unknown = [key for key in value if key not in DAYS]
        if unknown:
            raise fail("Enter days as mon, tue, wed, thu, fri, sat or sun")
        return value

    def day(self, day: str) -> list[tuple[str, str]]:
        shifts: list[tuple[str, str]] = getattr(self, day)
        return shifts


REQUIRED = ("age", "period", "occupation", "shifts")


class ProposedHours(FormModel):
    """A child's proposed working hours for one week, in term time or the holidays."""

    age: Annotated[
        int,
        PlainValidator(_age),
        WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_AGE}),
    ] = Field(description="The child's age in whole years.")
    period: Annotated[
        str, PlainValidator(_period), WithJsonSchema({"type": "string", "enum": list(PERIODS)})
    ] = Field(
        description='"term" for a term-time week, "holiday" for a week in the school holidays.'
    )
    occupation: Annotated[str, PlainValidator(_occupation), WithJsonSchema({"type": "string"})] = (
        Field(description="A code from the check's list of occupations.")
    )
    shifts: WeeklyShifts = Field(
        description='Each day\'s shifts: {"mon": [["17:00", "18:30"]], "sat": [...]}.'
    )
    school_start: Annotated[
        str | None,
        _school_time("the time school starts"),
        WithJsonSchema({**_TIME_SCHEMA, "type": ["string", "null"]}),
    ] = Field(
        default=None,
        description="When the child's school day starts; the council's usual school day "
        "applies if left out.",
    )
    school_end: Annotated[
        str | None,
        _school_time("the time school finishes"),
        WithJsonSchema({**_TIME_SCHEMA, "type": ["string", "null"]}),
    ] = Field(
        default=None,
        description="When the child's school day finishes; the council's usual school day "
        "applies if left out.",
    )

    @model_validator(mode="before")
    @classmethod
    def _missing_is_blank(cls, value: Any) -> Any:
        # A missing answer reaches its field as None, so it gets its "Enter ..." message
        # rather than pydantic's; the fields stay required in the schema.
        if isinstance(value, dict):
            return {**dict.fromkeys(REQUIRED), **value}
        return value

    @model_validator(mode="after")
    def _school_day(self) -> ProposedHours:
        if self.school_start is None and self.school_end is not None:
            raise _error("school_start", "Enter the time school starts, as well as when it ends")
        if self.school_end is None and self.school_start is not None:
            raise _error("school_end", "Enter the time school finishes, as well as when it starts")
        if self.school_start and self.school_end and self.school_end <= self.school_start:
            raise _error("school_end", "The time school finishes must be after the time it starts")
        return self


def _error(field: str, message: str) -> ValidationError:
    return ValidationError.from_exception_data(
        "ProposedHours",
        [InitErrorDetails(type=PydanticCustomError("govuk", message), loc=(field,), input=None)],
    )
