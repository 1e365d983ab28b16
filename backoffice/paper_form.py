"""Reading a whole application from one officer's form, and lining its errors up with it.

The citizen journey asks one thing per page; an officer keying in a paper form wants every
field on one page. The answers still go through the service's own ``validate``, so every
channel applies the same rules. What is left here is form plumbing: repeated rows
("<list>.0.<question>"), blank rows the officer did not need, and error order.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from casework import fields
from casework.declaration import ServiceDeclaration
from casework.questions import DateQuestion
from portal.forms import form_to_data

# Asked on the paper form only: the day the application reached the council, which starts
# the clock for its due date (a form keyed in a week late is not a week less late).
RECEIVED = DateQuestion(
    name="received_on",
    label="Date the application was received",
    hint="The date the council got the form or took the call. For example, 27 3 2026",
    past=False,
)

_ROW_FIELD = re.compile(r"^(?P<group>[a-z_]+)\.(?P<index>\d{1,2})\.(?P<field>[a-z_][a-z0-9_]*)$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def valid_submission_key(value: Any) -> bool:
    return isinstance(value, str) and bool(_KEY.match(value))


def _blank(value: Any) -> bool:
    # A date's day, month and year, a schedule's days and times, or ticked boxes.
    if isinstance(value, dict):
        return all(_blank(part) for part in value.values())
    if isinstance(value, list):
        return all(_blank(part) for part in value)
    return not str(value).strip()


def read(form: FormData) -> tuple[dict[str, Any], dict[str, Any], dict[str, list[int]]]:
    """(answers for validation, values to show the form again, kept row numbers per group).

    Rows left wholly blank are dropped, so the answers' row numbers can differ from the
    form's; the kept row numbers map them back for error messages.
    """
    values = form_to_data(form)
    answers: dict[str, Any] = {}
    rows: dict[str, dict[int, dict[str, Any]]] = {}
    for key, value in values.items():
        match = _ROW_FIELD.match(key)
        if match:
            group = rows.setdefault(match["group"], {})
            group.setdefault(int(match["index"]), {})[match["field"]] = value
        else:
            answers[key] = value
    kept: dict[str, list[int]] = {}
    for group, by_index in rows.items():
        numbers = [i for i in sorted(by_index) if not all(map(_blank, by_index[i].values()))]
        answers[group] = [by_index[i] for i in numbers]
        kept[group] = numbers
    return answers, values, kept


def received_default(today: date) -> dict[str, str]:
    """The received date's boxes filled in with today, the usual answer."""
    return {"day": str(today.day), "month": str(today.month), "year": str(today.year)}


def read_received(answers: dict[str, Any], today: date) -> tuple[date | None, str | None]:
    """(the received date, or the error to show), taken out of the answers."""
    value = answers.pop(RECEIVED.name, None)
    try:
        received = fields.date_value(
            value, missing=f"Enter the {RECEIVED.label.lower()}", label=RECEIVED.label, past=False
        )
    except ValueError as exc:
        return None, str(exc)
    if received > today:
        return None, f"{RECEIVED.label} must be today or in the past"
    return received, None


def form_errors(
    service: ServiceDeclaration, errors: dict[str, str], kept: dict[str, list[int]]
) -> dict[str, str]:
    """Errors keyed by the form's own field names, in the order the page asks the questions."""
    renamed: dict[str, str] = {}
    for path, message in errors.items():
        parts = path.split(".")
        if len(parts) >= 2 and parts[0] in kept and parts[1].isdigit():
            position = int(parts[1])
            numbers = kept[parts[0]]
            parts[1] = str(numbers[position] if position < len(numbers) else position)
        renamed[".".join(parts)] = message
    order = service.form.field_order()
    return dict(sorted(renamed.items(), key=lambda item: _position(item[0], order)))


def _position(path: str, order: dict[str, tuple[int, list[str]]]) -> tuple[int, int, int]:
    parts = path.split(".")
    place, row_fields = order.get(parts[0], (len(order), []))
    if len(parts) >= 3 and parts[1].isdigit():
        field = row_fields.index(parts[2]) if parts[2] in row_fields else len(row_fields)
        return place, int(parts[1]), field
    return place, -1, 0
