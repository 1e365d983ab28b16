"""The council's own closure days (its offices shut, e.g. between Christmas and New Year),
which working-day clocks skip as they skip bank holidays.

They are rule data (``calendar.council_closure_days``): each change makes a new version of
the list, in force from today, so the list an earlier decision was counted with stays on
record. Any officer may read the list; only those who may change calendars may change it.
"""

from __future__ import annotations

from datetime import date

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.calendar_forms import (
    BASE,
    field_errors,
    flash,
    mounted,
    read_date,
    require_editor,
)
from backoffice.pages import page
from casework import council_closures as closures
from casework import db
from casework import school_calendars as calendars
from casework.clocks import long_date
from casework.school_calendars import CalendarProblems
from portal.auth import require_officer
from portal.csrf import checked_form

LIST = BASE + "/council-closure-days"


async def index(request: Request) -> Response:
    officer = require_officer(request)
    with db.transaction() as session:
        days = closures.council_closure_days(session)
    context = {"days": days, "may_edit": calendars.may_edit(officer), "back_link": BASE}
    return page(request, "backoffice/calendars/council_closures.html", context, officer=officer)


async def add(request: Request) -> Response:
    officer = require_editor(request)
    template = "backoffice/calendars/council_closure_form.html"
    if request.method == "GET":
        context = {"values": {}, "errors": {}, "back_link": LIST}
        return page(request, template, context, officer=officer)
    form = await checked_form(request)
    name = str(form.get("name") or "")
    parts, day, error = read_date(form, "day", "Date")
    errors = {"day": error} if error else {}
    if day is not None:
        try:
            with db.transaction() as session:
                added = closures.add_council_closure_day(session, day, name, by=officer.label)
        except CalendarProblems as exc:
            errors = field_errors(exc.problems, ("day", "name"))
    if errors:
        context = {"values": {"day": parts, "name": name}, "errors": errors, "back_link": LIST}
        return page(request, template, context, officer=officer, status_code=400)
    flash(request, f"{long_date(added.day)} ({added.name}) added as a council closure day.")
    return RedirectResponse(LIST, status_code=303)


async def remove(request: Request) -> Response:
    officer = require_editor(request)
    try:
        day = date.fromisoformat(request.path_params["day"])
    except ValueError:
        raise HTTPException(404) from None
    if request.method == "POST":
        await checked_form(request)
        with db.transaction() as session:
            gone = closures.remove_council_closure_day(session, day, by=officer.label)
        if gone is None:
            raise HTTPException(404)
        flash(request, f"{long_date(gone.day)} ({gone.name}) is no longer a council closure day.")
        return RedirectResponse(LIST, status_code=303)
    with db.transaction() as session:
        listed = closures.council_closure_days(session)
    found = next((item for item in listed if item.day == day), None)
    if found is None:
        raise HTTPException(404)
    context = {
        "label": "Council closure days",
        "what": f"the council closure day on {long_date(found.day)}",
        "when": found.name,
        "closures": [],
        "council_closure": True,
        "back_link": LIST,
        "cancel": LIST,
    }
    return page(request, "backoffice/calendars/remove.html", context, officer=officer)


routes = [
    Route(mounted(LIST), index, methods=["GET"]),
    Route(mounted(LIST) + "/new", add, methods=["GET", "POST"]),
    Route(mounted(LIST) + "/{day}/remove", remove, methods=["GET", "POST"]),
]
