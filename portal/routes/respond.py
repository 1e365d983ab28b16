"""The page a parent or referee answers their part of an application on (``casework.parties``).

No account is needed: the link's token is the key, so the page names the person and the
application it was sent about, and says plainly when a link has been used or has run out.
Answering twice (a double click, the back button) records the first answers only.
"""

from __future__ import annotations

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from casework import db, parties
from casework.fields import errors_from
from casework.questions import FormContext
from portal.csrf import checked_form
from portal.forms import form_to_data, loaded_context
from portal.templating import render

TEMPLATE = "portal/respond/form.html"


def _page(request: Request, found: parties.Found, context: FormContext, **extra) -> Response:
    status_code = extra.pop("status_code", 200)
    return render(
        request,
        TEMPLATE,
        {
            "service": found.service,
            "party": found.party,
            "step": found.party.step,
            "person": found.request.name,
            "shows": found.party.shows(found.case),
            "reference": found.case.reference,
            "form_context": context,
            "values": extra.pop("values", {}),
            "errors": extra.pop("errors", {}),
        },
        status_code=status_code,
    )


def _closed(request: Request, found: parties.Found | None) -> Response | None:
    """The page for a link that cannot be answered now, or None if it can."""
    if found is None:
        return render(request, "portal/respond/unknown.html", status_code=404)
    if found.answered:
        return render(
            request,
            "portal/respond/answered.html",
            {"service": found.service, "party": found.party, "reference": found.case.reference},
        )
    if found.expired:
        return render(
            request,
            "portal/respond/expired.html",
            {"service": found.service, "party": found.party, "reference": found.case.reference},
            status_code=410,
        )
    return None


async def show(request: Request) -> Response:
    with db.transaction() as session:
        found = parties.find(session, request.path_params["token"])
        closed = _closed(request, found)
        if closed is not None or found is None:
            return closed  # type: ignore[return-value]
        context = loaded_context(session, found.party.step.all_questions())
        return _page(request, found, context)


async def submit(request: Request) -> Response:
    data = form_to_data(await checked_form(request))
    token = request.path_params["token"]
    with db.transaction() as session:
        # Locked, so two posts of the same answers record them once.
        found = parties.find(session, token, lock=True)
        closed = _closed(request, found)
        if closed is not None or found is None:
            return closed  # type: ignore[return-value]
        try:
            answers = found.service.validate_step(session, found.party.step, data)
        except ValidationError as exc:
            context = loaded_context(session, found.party.step.all_questions())
            return _page(
                request, found, context, values=data, errors=errors_from(exc), status_code=400
            )
        parties.answer(session, found, answers)
    return RedirectResponse(request.url.path, status_code=303)


routes = [
    Route(f"{parties.RESPOND_PATH}/{{token}}", show, methods=["GET"]),
    Route(f"{parties.RESPOND_PATH}/{{token}}", submit, methods=["POST"]),
]
