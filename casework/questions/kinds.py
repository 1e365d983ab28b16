"""The kinds of question, one per GOV.UK component (and the checks that go with it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from casework import fields as f
from casework.fields import fail
from casework.questions.base import Choice, ChoiceSource, FormContext, Question


@dataclass(frozen=True, kw_only=True)
class TextQuestion(Question):
    max_length: int = 100
    input_type: str = "text"
    spellcheck: bool | None = None
    inputmode: str | None = None
    prefix: str = ""
    suffix: str = ""

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.text(
            value, missing=self.missing_message, label=self.title, max_length=self.max_length
        )


@dataclass(frozen=True, kw_only=True)
class NameQuestion(TextQuestion):
    """A person's name: letters, spaces, hyphens and apostrophes."""

    spellcheck: bool | None = False

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.person_name(value, missing=self.missing_message, label=self.title)


@dataclass(frozen=True, kw_only=True)
class EmailQuestion(TextQuestion):
    input_type: str = "email"
    autocomplete: str | None = "email"
    spellcheck: bool | None = False
    max_length: int = 320

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.email_address(value, missing=self.missing_message)


@dataclass(frozen=True, kw_only=True)
class MobileQuestion(TextQuestion):
    input_type: str = "tel"
    autocomplete: str | None = "tel"
    width: str | None = "20"

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.uk_mobile(value)

    def display(self, value: Any, context: FormContext) -> str:
        # Stored as 11 digits; read back in the groups people say it in: 07700 900 982.
        text = super().display(value, context)
        if re.fullmatch(r"07\d{9}", text):
            return f"{text[:5]} {text[5:8]} {text[8:]}"
        return text


@dataclass(frozen=True, kw_only=True)
class PostcodeQuestion(TextQuestion):
    autocomplete: str | None = "postal-code"
    width: str | None = "10"

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.postcode(value)


@dataclass(frozen=True, kw_only=True)
class NationalInsuranceQuestion(TextQuestion):
    width: str | None = "10"
    spellcheck: bool | None = False

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.national_insurance_number(value)

    def display(self, value: Any, context: FormContext) -> str:
        # Stored without spaces; shown as printed on the card, QQ 12 34 56 C, to check by eye.
        text = super().display(value, context)
        if re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", text):
            return f"{text[:2]} {text[2:4]} {text[4:6]} {text[6:8]} {text[8]}"
        return text


@dataclass(frozen=True, kw_only=True)
class NassQuestion(TextQuestion):
    width: str | None = "10"
    spellcheck: bool | None = False

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.nass_number(value)

    def display(self, value: Any, context: FormContext) -> str:
        # Stored as 9 digits; shown as the Home Office prints it, 12/34/56789.
        text = super().display(value, context)
        if re.fullmatch(r"\d{9}", text):
            return f"{text[:2]}/{text[2:4]}/{text[4:]}"
        return text


@dataclass(frozen=True, kw_only=True)
class TextareaQuestion(Question):
    """A long answer; with ``max_length`` it is a GOV.UK character count."""

    max_length: int = 2000
    rows: int = 5
    component: ClassVar[str] = "character-count"

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.text(
            value, missing=self.missing_message, label=self.title, max_length=self.max_length
        )


@dataclass(frozen=True, kw_only=True)
class DateQuestion(Question):
    """A GOV.UK date input (day, month, year); ISO text from the API and the assistant."""

    past: bool = True
    future: bool = False
    # Ages in years the date of birth must give today, inclusive: (min, max).
    age_range: tuple[int, int] | None = None
    age_message: str = ""
    earliest: date | None = None
    birthday: bool = False  # autocomplete the parts as a date of birth

    component: ClassVar[str] = "date"
    annotation: ClassVar[Any] = date | None
    default: ClassVar[Any] = None

    def clean(self, value: Any, context: FormContext) -> Any:
        today = date.today()
        parsed = f.date_value(value, missing=self.missing_message, label=self.title, past=self.past)
        if self.future and parsed <= today:
            raise fail(f"{self.title} must be in the future")
        if self.earliest and parsed < self.earliest:
            raise fail(f"{self.title} must be after {self.earliest:%-d %B %Y}")
        if self.age_range:
            low, high = self.age_range
            age = age_on(parsed, today)
            if not low <= age <= high:
                raise fail(
                    self.age_message
                    or f"{self.title} must be for someone aged between {low} and {high}"
                )
        return parsed

    def display(self, value: Any, context: FormContext) -> str:
        if not value:
            return "Not given"
        parsed = value if isinstance(value, date) else date.fromisoformat(str(value))
        return f"{parsed.day} {parsed:%B %Y}"

    def schema_extra(self) -> dict[str, Any]:
        return {**super().schema_extra(), "format": "date"}


def age_on(born: date, on: date) -> int:
    """Whole years of age on a day (a 29 February birthday counts from 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    """The parts of radios, checkboxes and selects: a fixed list, or one from the database."""

    choices: tuple[Choice, ...] = ()
    source: ChoiceSource | None = None
    inline: bool = False
    small: bool = False
    # The message for an answer that is not one of the choices (the API and the assistant
    # can send anything; a database choice may have gone), if not the missing message.
    unknown: str = ""

    def options(self, context: FormContext) -> list[Choice]:
        return context.choices(self.source) if self.source else list(self.choices)

    def _pick(self, value: Any, context: FormContext) -> str:
        value = f.clean_text(value)
        if value not in {choice.value for choice in self.options(context)}:
            raise fail(self.unknown if value and self.unknown else self.missing_message)
        return value

    def clean(self, value: Any, context: FormContext) -> Any:
        return self._pick(value, context)

    def display(self, value: Any, context: FormContext) -> str:
        if value in (None, ""):
            return "Not given"
        if self.source:
            return context.names(self.source, {str(value)}).get(str(value), f"Unknown ({value})")
        labels = {choice.value: choice.label for choice in self.choices}
        return labels.get(str(value), str(value))

    def revealed(self) -> tuple[Question, ...]:
        return tuple(question for choice in self.choices for question in choice.reveals)

    def schema_extra(self) -> dict[str, Any]:
        extra = super().schema_extra()
        if self.choices:
            extra["enum"] = [choice.value for choice in self.choices]
            extra["x-choices"] = [{"value": c.value, "label": c.label} for c in self.choices]
        if self.source:
            extra["x-choices-from"] = self.source.key
        return extra

    @property
    def missing_message(self) -> str:
        return self.missing or f"Select {self.title[:1].lower()}{self.title[1:]}"


@dataclass(frozen=True, kw_only=True)
class RadiosQuestion(ChoiceQuestion):
    component: ClassVar[str] = "radios"


@dataclass(frozen=True, kw_only=True)
class SelectQuestion(ChoiceQuestion):
    component: ClassVar[str] = "select"


@dataclass(frozen=True, kw_only=True)
class YesNoQuestion(RadiosQuestion):
    """A yes or no, stored as a boolean."""

    choices: tuple[Choice, ...] = (Choice("yes", "Yes"), Choice("no", "No"))
    inline: bool = True
    annotation: ClassVar[Any] = bool | None
    default: ClassVar[Any] = None

    def is_blank(self, value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def clean(self, value: Any, context: FormContext) -> Any:
        if value in (True, False):
            return value
        text = f.clean_text(value).lower()
        if text in ("yes", "true", "y", "1"):
            return True
        if text in ("no", "false", "n", "0"):
            return False
        raise fail(self.missing_message)

    def display(self, value: Any, context: FormContext) -> str:
        return "Not given" if value is None else ("Yes" if value else "No")


@dataclass(frozen=True, kw_only=True)
class CheckboxesQuestion(ChoiceQuestion):
    """Any number of choices, stored as a list in the declared order."""

    component: ClassVar[str] = "checkboxes"
    annotation: ClassVar[Any] = list[str]
    default: ClassVar[Any] = []

    def clean(self, value: Any, context: FormContext) -> Any:
        picked = value if isinstance(value, list | tuple) else [value]
        texts = {f.clean_text(item) for item in picked}
        allowed = [choice.value for choice in self.options(context)]
        if texts - set(allowed):
            raise fail(self.missing_message)
        return [value for value in allowed if value in texts]

    def display(self, value: Any, context: FormContext) -> str:
        labels = {choice.value: choice.label for choice in self.choices}
        return ", ".join(labels.get(item, item) for item in value or []) or "None"


@dataclass(frozen=True, kw_only=True)
class ConsentQuestion(Question):
    """One checkbox a person must tick to go on (e.g. agreeing to a check)."""

    agreement: str = "I agree"
    component: ClassVar[str] = "consent"
    annotation: ClassVar[Any] = bool
    default: ClassVar[Any] = False

    def is_blank(self, value: Any) -> bool:
        return value in (None, "", False, [])

    def clean(self, value: Any, context: FormContext) -> Any:
        if isinstance(value, list):
            value = value[0] if value else ""
        if value in (True, "true", "yes", "on", "1", 1):
            return True
        raise fail(self.missing_message)

    def display(self, value: Any, context: FormContext) -> str:
        return "Yes" if value else "No"


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


@dataclass(frozen=True, kw_only=True)
class TimeQuestion(TextQuestion):
    """A time of day, stored as "HH:MM"; people may type 7am, 7.30pm or 19:30."""

    width: str | None = "5"
    max_length: int = 10

    def clean(self, value: Any, context: FormContext) -> Any:
        return time_of_day(value, label=f"{self.title[:1].lower()}{self.title[1:]}")


def time_of_day(value: Any, *, label: str) -> str:
    """``label`` as it reads mid-sentence ("start time", "Monday start time")."""
    text = f.clean_text(value).lower().replace(" ", "")
    text = {"midday": "12pm", "noon": "12pm", "midnight": "12am"}.get(text, text)
    match = _TIME.match(text)
    if not match:
        raise fail(f"Enter {label} as a time, like 7:30am or 16:00")
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            raise fail(f"Enter {label} as a real time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise fail(f"Enter {label} as a real time")
    return f"{hour:02d}:{minute:02d}"


# A finish at midnight ends the day rather than starting it: kept as "24:00".
END_OF_DAY = "24:00"


def finish_of_day(value: Any, *, label: str) -> str:
    """A finish time read as ``time_of_day`` reads it, but midnight ("24:00", or "00:00"
    as a finish) is the end of the day, so a shift to midnight ends after it starts."""
    if f.clean_text(value).replace(" ", "") in ("24:00", "24.00"):
        return END_OF_DAY
    finish = time_of_day(value, label=label)
    return END_OF_DAY if finish == "00:00" else finish


def minute_of_day(time: str) -> int:
    """ "HH:MM" (or "24:00") as minutes after midnight."""
    return int(time[:2]) * 60 + int(time[3:])


@dataclass(frozen=True, kw_only=True)
class MoneyQuestion(TextQuestion):
    """An amount in pounds, stored as a string of pounds and pence ("1234.50")."""

    prefix: str = "£"
    width: str | None = "10"
    inputmode: str | None = "decimal"
    spellcheck: bool | None = False
    maximum: Decimal = Decimal("10000000")

    def clean(self, value: Any, context: FormContext) -> Any:
        text = f.clean_text(value).replace(",", "").removeprefix("£")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise fail(f"{self.title} must be an amount of money, like 125.50") from None
        if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise fail(f"{self.title} must be an amount of money, like 125.50")
        if amount > self.maximum:
            raise fail(f"{self.title} must be £{self.maximum:,} or less")
        return f"{amount:.2f}"

    def display(self, value: Any, context: FormContext) -> str:
        return f"£{Decimal(value):,.2f}" if value not in (None, "") else "Not given"


@dataclass(frozen=True, kw_only=True)
class NumberQuestion(TextQuestion):
    """A whole number within a range."""

    minimum: int = 0
    maximum: int = 1_000_000
    width: str | None = "4"
    inputmode: str | None = "numeric"
    annotation: ClassVar[Any] = int | None
    default: ClassVar[Any] = None

    def clean(self, value: Any, context: FormContext) -> Any:
        text = f.clean_text(str(value)).replace(",", "")
        if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 12:
            raise fail(f"{self.title} must be a whole number, like 12")
        number = int(text)
        if not self.minimum <= number <= self.maximum:
            raise fail(f"{self.title} must be between {self.minimum:,} and {self.maximum:,}")
        return number


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, kw_only=True)
class WeeklyScheduleQuestion(Question):
    """Start and finish times for each day of a week: {"monday": {"start", "end"}, …}.

    A day left blank is a day off. The form shows one row per day with two time boxes
    ("monday-start", "monday-end"); the API takes the same shape as JSON.
    """

    component: ClassVar[str] = "weekly-schedule"
    annotation: ClassVar[Any] = dict[str, dict[str, str]]
    default: ClassVar[Any] = {}

    def is_blank(self, value: Any) -> bool:
        if not isinstance(value, dict):
            return not value
        # Anything that is not a day's {start, end} is an answer (a wrong one), not a blank.
        return all(
            isinstance(times, dict | None)
            and not any(
                f.clean_text(str((times or {}).get(part) or "")) for part in ("start", "end")
            )
            for times in value.values()
        )

    def clean(self, value: Any, context: FormContext) -> Any:
        if not isinstance(value, dict) or set(value) - set(WEEKDAYS):
            raise fail(f"Enter {self.title.lower()} as start and finish times for each day")
        schedule: dict[str, dict[str, str]] = {}
        for day in WEEKDAYS:
            times = value.get(day) or {}
            if not isinstance(times, dict):
                raise fail(f"Enter the times for {day.title()}")
            start, end = (f.clean_text(str(times.get(k) or "")) for k in ("start", "end"))
            if not start and not end:
                continue
            if not start or not end:
                raise fail(f"Enter both a start and a finish time for {day.title()}")
            start = time_of_day(start, label=f"{day.title()} start time")
            end = time_of_day(end, label=f"{day.title()} finish time")
            if end <= start:
                raise fail(f"{day.title()} finish time must be after the start time")
            schedule[day] = {"start": start, "end": end}
        return schedule

    def display(self, value: Any, context: FormContext) -> str:
        if not value:
            return "None"
        # In the week's order: a stored schedule may come back with its days in any order
        # (PostgreSQL's jsonb keeps keys sorted its own way).
        return "; ".join(
            f"{day.title()} {value[day]['start']} to {value[day]['end']}"
            for day in WEEKDAYS
            if isinstance(value.get(day), dict)
        )


def minutes(schedule_times: dict[str, str]) -> int:
    start = timedelta(
        hours=int(schedule_times["start"][:2]), minutes=int(schedule_times["start"][3:])
    )
    end = timedelta(hours=int(schedule_times["end"][:2]), minutes=int(schedule_times["end"][3:]))
    return int((end - start).total_seconds() // 60)
