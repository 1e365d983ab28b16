"""School calendars in the back office: the council's term dates and each school's own, by
academic year; adding and removing a term or a closure (INSET) day.

Any signed-in officer may read a calendar (a deadline counted in school days is only as
good as the term dates behind it, and anyone may need to check one); only officers with the
"calendars" role, or administrators, may change one. Every change goes through
``casework.school_calendars``, which checks it as the CSV import would and reschedules the
running clocks it moves. Uploading and downloading files is ``backoffice.calendar_files``;
the council's own closure days are ``backoffice.council_closures``.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice import calendar_files, council_closures
from backoffice.calendar_forms import (
    BASE,
    MOUNTED,
    field_errors,
    flash,
    read_date,
    require_editor,
)
from backoffice.pages import page
from casework import council_closures as closures
from casework import db
from casework import school_calendar_views as calendar_views
from casework import school_calendars as calendars
from casework.calendars import COUNCIL
from casework.clocks import long_date
from casework.school_calendars import CalendarProblems
from casework.workflow import Actor
from portal.auth import require_officer
from portal.csrf import checked_form


def _calendar(request: Request) -> tuple[str, str]:
    key = request.path_params["calendar"]
    with db.transaction() as session:
        label = calendars.calendar_label(session, key)
    if label is None:
        raise HTTPException(404)
    return key, label


async def index(request: Request) -> Response:
    officer = require_officer(request)
    errors: dict[str, str] = {}
    chosen = request.query_params.get("school")
    with db.transaction() as session:
        schools = [
            {"value": urn, "text": f"{name} ({urn})"}
            for urn, name in sorted(calendars.school_names(session).items(), key=lambda i: i[1])
        ]
        if chosen is not None:
            if chosen in {school["value"] for school in schools}:
                return RedirectResponse(f"{BASE}/{chosen}", status_code=303)
            errors["school"] = "Select a school"
        council, own = calendar_views.summaries(session)
        council_closures_listed = len(closures.council_closure_days(session))
    context = {
        "council": council,
        "schools_with_own": own,
        "council_closures": council_closures_listed,
        "schools": schools,
        "errors": errors,
        "may_edit": calendars.may_edit(officer),
    }
    status = 400 if errors else 200
    return page(
        request, "backoffice/calendars/index.html", context, officer=officer, status_code=status
    )


async def show(request: Request) -> Response:
    officer = require_officer(request)
    key, label = _calendar(request)
    with db.transaction() as session:
        years = calendar_views.years_of(session, key)
    context = {
        "key": key,
        "label": label,
        "is_council": key == COUNCIL,
        "years": years,
        "known_until": years[-1].terms[-1].term.ends_on if years and years[-1].terms else None,
        "may_edit": calendars.may_edit(officer),
        "back_link": BASE,
    }
    return page(request, "backoffice/calendars/calendar.html", context, officer=officer)


def _form_page(
    request: Request,
    officer: Actor,
    template: str,
    key: str,
    label: str,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    context = {
        "key": key,
        "label": label,
        "values": values or {},
        "errors": errors or {},
        "back_link": f"{BASE}/{key}",
    }
    return page(request, template, context, officer=officer, status_code=400 if errors else 200)


async def add_term(request: Request) -> Response:
    officer = require_editor(request)
    key, label = _calendar(request)
    template = "backoffice/calendars/term_form.html"
    if request.method == "GET":
        return _form_page(request, officer, template, key, label)
    form = await checked_form(request)
    name = str(form.get("name") or "")
    first_parts, first_day, first_error = read_date(form, "first_day", "First day")
    last_parts, last_day, last_error = read_date(form, "last_day", "Last day")
    values = {"name": name, "first_day": first_parts, "last_day": last_parts}
    errors = {"first_day": first_error, "last_day": last_error}
    _, name_problem = calendars.check_name(name, "term")
    if name_problem:
        errors["name"] = name_problem.message
    errors = {
        field: errors[field] for field in ("name", "first_day", "last_day") if errors.get(field)
    }
    if not errors:
        assert first_day is not None and last_day is not None
        try:
            with db.transaction() as session:
                term = calendars.add_term(session, key, name, first_day, last_day)
                added = f"{term.name} ({long_date(term.starts_on)} to {long_date(term.ends_on)})"
        except CalendarProblems as exc:
            errors = field_errors(exc.problems, ("name", "first_day", "last_day"))
    if errors:
        return _form_page(request, officer, template, key, label, values, errors)
    flash(request, f"{added} added.")
    return RedirectResponse(f"{BASE}/{key}", status_code=303)


async def add_closure(request: Request) -> Response:
    officer = require_editor(request)
    key, label = _calendar(request)
    template = "backoffice/calendars/closure_form.html"
    if request.method == "GET":
        return _form_page(request, officer, template, key, label)
    form = await checked_form(request)
    name = str(form.get("name") or "")
    parts, day, day_error = read_date(form, "day", "Date")
    values = {"name": name, "day": parts}
    errors = {"day": day_error} if day_error else {}
    if not errors:
        assert day is not None
        try:
            with db.transaction() as session:
                closure = calendars.add_closure(session, key, day, name)
                added = f"{long_date(closure.day)} ({closure.reason}) added as a closure day."
        except CalendarProblems as exc:
            errors = field_errors(exc.problems, ("day", "name"))
    if errors:
        return _form_page(request, officer, template, key, label, values, errors)
    flash(request, added)
    return RedirectResponse(f"{BASE}/{key}", status_code=303)


async def remove_term(request: Request) -> Response:
    officer = require_editor(request)
    key, label = _calendar(request)
    term_id = request.path_params["term_id"]
    if request.method == "POST":
        await checked_form(request)
        with db.transaction() as session:
            removed = calendars.remove_term(session, key, term_id)
            if removed is None:
                raise HTTPException(404)
            term, closures = removed
            text = f"{term.name} ({long_date(term.starts_on)} to {long_date(term.ends_on)}) removed"
        if closures:
            text += f", with its {closures} closure day{'s' if closures > 1 else ''}"
        flash(request, text + ".")
        return RedirectResponse(f"{BASE}/{key}", status_code=303)
    with db.transaction() as session:
        term = calendars.find_term(session, key, term_id)
        if term is None:
            raise HTTPException(404)
        inside = calendars.closures_in(session, term)
    context = {
        "key": key,
        "label": label,
        "what": term.name,
        "when": f"{long_date(term.starts_on)} to {long_date(term.ends_on)}",
        "closures": inside,
        "back_link": f"{BASE}/{key}",
        "cancel": f"{BASE}/{key}",
    }
    return page(request, "backoffice/calendars/remove.html", context, officer=officer)


async def remove_closure(request: Request) -> Response:
    officer = require_editor(request)
    key, label = _calendar(request)
    closure_id = request.path_params["closure_id"]
    if request.method == "POST":
        await checked_form(request)
        with db.transaction() as session:
            closure = calendars.remove_closure(session, key, closure_id)
            if closure is None:
                raise HTTPException(404)
            text = f"{long_date(closure.day)} ({closure.reason}) is no longer a closure day."
        flash(request, text)
        return RedirectResponse(f"{BASE}/{key}", status_code=303)
    with db.transaction() as session:
        found = calendars.find_closure(session, key, closure_id)
        if found is None:
            raise HTTPException(404)
    context = {
        "key": key,
        "label": label,
        "what": f"the closure day on {long_date(found.day)}",
        "when": found.reason,
        "closures": [],
        "back_link": f"{BASE}/{key}",
        "cancel": f"{BASE}/{key}",
    }
    return page(request, "backoffice/calendars/remove.html", context, officer=officer)


routes = [
    Route(MOUNTED, index, methods=["GET"]),
    # Fixed paths before "{calendar}", which would otherwise take them.
    *calendar_files.routes,
    *council_closures.routes,
    Route(MOUNTED + "/{calendar}", show, methods=["GET"]),
    Route(MOUNTED + "/{calendar}/terms/new", add_term, methods=["GET", "POST"]),
    Route(MOUNTED + "/{calendar}/terms/{term_id:int}/remove", remove_term, methods=["GET", "POST"]),
    Route(MOUNTED + "/{calendar}/closures/new", add_closure, methods=["GET", "POST"]),
    Route(
        MOUNTED + "/{calendar}/closures/{closure_id:int}/remove",
        remove_closure,
        methods=["GET", "POST"],
    ),
]
