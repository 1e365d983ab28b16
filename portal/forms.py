"""Between HTML forms and the validation models: GOV.UK date inputs and redisplay."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.datastructures import FormData

DATE_PARTS = ("day", "month", "year")
IGNORED = {"csrf_token", "action", "submission_key"}


def form_to_data(form: FormData) -> dict[str, Any]:
    """Form fields to model input; "dob-day", "dob-month", "dob-year" become {"dob": {...}}."""
    data: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key in IGNORED or not isinstance(value, str):
            continue
        stem, _, part = key.rpartition("-")
        if stem and part in DATE_PARTS:
            data.setdefault(stem, {})[part] = value
        else:
            data[key] = value
    return data


def data_to_values(data: dict[str, Any]) -> dict[str, Any]:
    """Stored answers (ISO dates) back to what the form fields show."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and set(value) <= set(DATE_PARTS):
            values[key] = value
        elif isinstance(value, str) and _is_iso_date(value):
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
