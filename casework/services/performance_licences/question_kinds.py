"""Two answers a performance schedule needs that no shared question reads: the times a
child performs on a day (several periods, typed on one line) and hours of education.

Both are text boxes, so they work the same on the web, on the paper form, in the API and
in the assistant. The periods are stored as canonical text ("10:00 to 11:30, 14:00 to
15:00"), which reads back the same through every channel; ``periods`` turns it into the
validator's list of periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic_core import PydanticCustomError

from casework import fields as f
from casework.fields import fail
from casework.questions import FormContext, TextQuestion
from casework.questions.kinds import time_of_day
from casework.services.performance_licences.proposal import MAX_PERIODS, minute_of_day
from casework.services.performance_licences.wording import clock

# "10am to 11:30am", "10:00-11:30", "10.00 – 11.30", "10am until 11.30am".
_SPLIT = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b)\s*", re.IGNORECASE)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _which(number: int) -> str:
    return _ORDINALS[number] if number < len(_ORDINALS) else f"number {number + 1}"


def _finish(value: str, label: str) -> str:
    """A finish of midnight is the end of the day, not its start."""
    text = value.strip().lower().replace(" ", "")
    if text in ("24:00", "24.00"):
        return "24:00"
    read = time_of_day(value, label=label)
    return "24:00" if read == "00:00" else read


def read_periods(value: str) -> list[tuple[str, str]]:
    """Periods from what a person typed, in time order; raises the message they see."""
    parts = [part.strip() for part in re.split(r"[,;\n]|\band\b", value) if part.strip()]
    if not parts:
        raise fail("Enter the times the child performs or rehearses, like 10am to 11:30am")
    if len(parts) > MAX_PERIODS:
        raise fail(f"Enter at most {MAX_PERIODS} times for a day")
    periods: list[tuple[str, str]] = []
    for number, part in enumerate(parts):
        times = [piece for piece in _SPLIT.split(part) if piece]
        if len(times) != 2:
            raise fail(
                f"Enter the {_which(number)} time as a start and a finish, like 10am to 11:30am"
            )
        start = time_of_day(times[0], label=f"the start of the {_which(number)} time")
        finish = _finish(times[1], f"the finish of the {_which(number)} time")
        if minute_of_day(finish) <= minute_of_day(start):
            raise fail(
                f"The {_which(number)} time must finish after it starts: {clock(start)} to "
                f"{clock(finish)}"
            )
        periods.append((start, finish))
    periods.sort()
    for (start, finish), (next_start, next_finish) in zip(periods, periods[1:], strict=False):
        if next_start < finish:
            raise fail(
                f"Times must not overlap: {clock(start)} to {clock(finish)} and "
                f"{clock(next_start)} to {clock(next_finish)}"
            )
    return periods


def canonical(periods: list[tuple[str, str]]) -> str:
    return ", ".join(f"{start} to {finish}" for start, finish in periods)


def periods(stored: Any) -> list[tuple[str, str]]:
    """The stored answer as the validator's periods (an empty list if it cannot be read)."""
    try:
        return read_periods(str(stored or ""))
    except PydanticCustomError:  # a stored answer was checked when it was given
        return []


def shown(stored: Any) -> str:
    """ "10am to 11:30am, 2pm to 3pm"."""
    return ", ".join(f"{clock(start)} to {clock(finish)}" for start, finish in periods(stored))


@dataclass(frozen=True, kw_only=True)
class PeriodsQuestion(TextQuestion):
    """Times on one day, each a start and a finish, separated by commas."""

    max_length: int = 200
    width: str | None = "two-thirds"
    spellcheck: bool | None = False

    def clean(self, value: Any, context: FormContext) -> Any:
        text = f.text(value, missing=self.missing_message, label=self.title, max_length=200)
        return canonical(read_periods(text))

    def display(self, value: Any, context: FormContext) -> str:
        return shown(value) or super().display(value, context)


@dataclass(frozen=True, kw_only=True)
class HoursQuestion(TextQuestion):
    """A number of hours in a day, in whole or half hours: 3, 2.5."""

    width: str | None = "3"
    inputmode: str | None = "decimal"
    suffix: str = "hours"
    annotation: ClassVar[Any] = float | None
    default: ClassVar[Any] = None

    def clean(self, value: Any, context: FormContext) -> Any:
        text = f.clean_text(str(value)).lower().removesuffix("hours").removesuffix("hrs").strip()
        try:
            hours = float(text)
        except ValueError:
            raise fail(f"{self.title} must be a number, like 3 or 2.5") from None
        if not 0 <= hours <= 24 or (hours * 4) % 1:
            raise fail(f"{self.title} must be a number from 0 to 24, like 3 or 2.5")
        return hours

    def display(self, value: Any, context: FormContext) -> str:
        if value in (None, ""):
            return "Not given"
        hours = float(value)
        shown = f"{hours:g}"
        return f"{shown} hour" if hours == 1 else f"{shown} hours"
