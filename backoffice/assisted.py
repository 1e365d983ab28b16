"""Assisted digital: an officer keys in a paper (or phone) application for someone.

The route works for any service declared with ``paper_form=True``: one page renders every
step of its form with the same question macros as the citizen's pages, and the answers are
checked by the service's own ``validate``, so a paper application meets exactly the rules
an online one does.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice import paper_form
from backoffice.pages import has_paper_form, page, paper_form_template, paper_services
from casework import applications, db
from casework.catalogue import find_service
from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.workflow import Actor
from portal.auth import require_officer
from portal.csrf import checked_form
from portal.forms import loaded_context
from portal.templating import LONDON

# How many blank items the one-page form offers for each "add another" list (fewer where
# the list allows fewer); rows left blank are ignored.
ROWS = 4


def _service(request: Request) -> tuple[Actor, ServiceDeclaration]:
    officer = require_officer(request)
    service = find_service(request.path_params["service"])
    if service is None or not has_paper_form(service):
        raise HTTPException(404)
    if not officer.may_work_on(service.slug):
        raise HTTPException(403, "You do not have access to this service")
    return officer, service


def _render(
    request: Request,
    officer: Actor,
    service: ServiceDeclaration,
    *,
    values: dict[str, Any],
    errors: dict[str, str],
    submission_key: str,
    status_code: int = 200,
) -> Response:
    with db.transaction() as session:
        form_context = loaded_context(
            session, tuple(q for step in service.steps for q in step.all_questions())
        )
    context = {
        "service": service,
        "sections": [
            {"step": step, "items": range(min(ROWS, step.repeat.max_items)) if step.repeat else ()}
            for step in service.steps
        ],
        "values": values,
        "errors": errors,
        "form_context": form_context,
        "submission_key": submission_key,
        "received": paper_form.RECEIVED,
        "back_link": "/backoffice/",
    }
    return page(
        request, paper_form_template(service), context, officer=officer, status_code=status_code
    )


async def new(request: Request) -> Response:
    officer, service = _service(request)
    if request.method == "GET":
        # The key is made when the blank form is shown and travels with it, so a double
        # click or a resubmitted page makes one case, but each new form makes a new one.
        key = secrets.token_urlsafe(24)
        values = {paper_form.RECEIVED.name: paper_form.received_default(_today())}
        return _render(request, officer, service, values=values, errors={}, submission_key=key)

    form = await checked_form(request)
    key = form.get("submission_key")
    if not paper_form.valid_submission_key(key):
        raise HTTPException(400, "The form could not be read. Start the application again")
    assert isinstance(key, str)
    answers, values, kept = paper_form.read(form)
    received_on, received_error = paper_form.read_received(answers, _today())
    errors: dict[str, str] = {}
    with db.transaction() as session:
        try:
            application = service.validate(session, answers)
        except ValidationError as exc:
            errors = paper_form.form_errors(service, errors_from(exc), kept)
        # The received date is asked first on the page, so its error comes first.
        if received_error:
            errors = {paper_form.RECEIVED.name: received_error, **errors}
        if received_on is not None and not errors:
            case, created = applications.submit(
                session,
                service,
                application,
                channel="officer",
                actor=officer,
                # Namespaced so an officer's key can never collide with an API client's.
                idempotency_key=f"officer:{key}",
                received_on=received_on,
            )
            reference = case.reference
    if errors:
        return _render(
            request,
            officer,
            service,
            values=values,
            errors=errors,
            submission_key=key,
            status_code=400,
        )
    request.session["flash"] = (
        {
            "title": "Success",
            "text": f"Application submitted. The reference is {reference}.",
            "type": "success",
        }
        if created
        else {
            "title": "Already submitted",
            "text": f"This application was already submitted as {reference}.",
            "type": None,
        }
    )
    return RedirectResponse(f"/backoffice/cases/{reference}", status_code=303)


def _today() -> date:
    return datetime.now(LONDON).date()  # the council's calendar day, not UTC's


async def choose(request: Request) -> Response:
    """Which service to key a paper application in for, when an officer has several."""
    officer = require_officer(request)
    return page(
        request,
        "backoffice/assisted/choose.html",
        {"services": paper_services(officer)},
        officer=officer,
    )


routes = [
    Route("/services/new", choose, methods=["GET"]),
    Route("/services/{service}/new", new, methods=["GET", "POST"]),
]
