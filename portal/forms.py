"""Between HTML forms and the validation models: split inputs, lists and redisplay.

A question may need several boxes on the page: a GOV.UK date input ("dob-day",
"dob-month", "dob-year") or a weekly schedule ("shifts-monday-start", "shifts-monday-end",
…). Their names are the question's name plus a suffix, so the web form, the paper form
(whose items are named "items.0.date_of_birth-day") and the JSON API all arrive at the
same answer shape: {"dob": {"day", "month", "year"}} and {"shifts": {"monday": {"start",
"end"}}}.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casework.questions import FormContext, Question
from casework.questions.kinds import WEEKDAYS

DATE_PARTS = ("day", "month", "year")
TIME_PARTS = ("start", "end")
IGNORED = {"csrf_token", "action", "submission_key"}


def form_to_data(form: FormData) -> dict[str, Any]:
    """Form fields to model input: split boxes become dicts, a repeated name a list."""
    data: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key in IGNORED or not isinstance(value, str):
            continue
        stem, _, part = key.rpartition("-")
        name, _, day = stem.rpartition("-")
        if stem and part in DATE_PARTS:
            data.setdefault(stem, {})[part] = value
        elif name and day in WEEKDAYS and part in TIME_PARTS:
            data.setdefault(name, {}).setdefault(day, {})[part] = value
        elif key in data:
            # Ticked checkboxes send one name several times.
            earlier = data[key]
            data[key] = [*earlier, value] if isinstance(earlier, list) else [earlier, value]
        else:
            data[key] = value
    return data


def loaded_context(session: Session | None, questions: tuple[Question, ...]) -> FormContext:
    """A FormContext with every database choice the questions offer already loaded, so a
    page can be rendered after the transaction that read them has closed."""
    context = FormContext(session)
    for question in questions:
        source = getattr(question, "source", None)
        if source is not None:
            context.choices(source)
    return context


def data_to_values(data: dict[str, Any]) -> dict[str, Any]:
    """Stored answers (ISO dates) back to what the form fields show."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str) and _is_iso_date(value):
            parsed = date.fromisoformat(value)
            values[key] = {"day": parsed.day, "month": parsed.month, "year": parsed.year}
        else:
            values[key] = value
    return values


def _is_iso_date(value: str) -> bool:
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
