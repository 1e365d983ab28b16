"""What the calendar pages share: who may change a calendar, reading a date from a GOV.UK
date input, and turning the checks' problems into a form's field errors."""

from __future__ import annotations

from datetime import date

from pydantic_core import PydanticCustomError
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from casework import school_calendars as calendars
from casework.fields import date_value
from casework.workflow import Actor
from portal.auth import require_officer

BASE = "/backoffice/calendars"  # where browsers find the pages
# The same path as the back office's routes declare it: they are mounted at /backoffice.
MOUNTED = BASE.removeprefix("/backoffice")


def mounted(path: str) -> str:
    return path.removeprefix("/backoffice")


NOT_ALLOWED = "Only officers with the calendars role can change term dates and closure days"


def require_editor(request: Request) -> Actor:
    officer = require_officer(request)
    if not calendars.may_edit(officer):
        raise HTTPException(403, NOT_ALLOWED)
    return officer


def read_date(form: FormData, name: str, label: str) -> tuple[dict[str, str], date | None, str]:
    """A date input's three boxes ("<name>-day", "<name>-month", "<name>-year"): what was
    typed, the date, and the error message (empty if none)."""
    parts = {part: str(form.get(f"{name}-{part}") or "") for part in ("day", "month", "year")}
    missing = f"Enter the {label[0].lower()}{label[1:]}"
    try:
        return parts, date_value(parts, missing=missing, label=label, past=False), ""
    except PydanticCustomError as exc:
        return parts, None, exc.message()


def field_errors(problems: list[calendars.Problem], fields: tuple[str, ...]) -> dict[str, str]:
    """A form's errors by field, in the form's order, from the checks' problems (a problem's
    column is the field it is about; one about no field goes on the first)."""
    errors: dict[str, str] = {}
    for problem in problems:
        key = problem.column if problem.column in fields else fields[0]
        errors.setdefault(key, problem.message)
    return {field: errors[field] for field in fields if field in errors}


def flash(request: Request, text: str) -> None:
    request.session["flash"] = {"title": "Success", "text": text, "type": "success"}
