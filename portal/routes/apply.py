"""The apply journey for any service: start, its steps, check answers, submit, confirmation.

Everything comes from the service declaration: the start and confirmation pages' words,
its steps and their questions (rendered by one question template), the order, and the
answers check-your-answers shows. "Add another" lists are in ``apply_lists``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from casework import applications, cases, db
from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.models import Case
from casework.promises import decide_by
from casework.questions import Row
from portal.auth import current_person_id
from portal.csrf import checked_form
from portal.forms import data_to_values, loaded_context
from portal.routes import apply_drafts, apply_lists
from portal.routes.apply_pages import (
    back_url,
    is_changing,
    next_url,
    posted_answers,
    prefill_email,
    render_step,
    service_of,
    step_of,
    url,
)
from portal.templating import render


async def start(request: Request) -> Response:
    service = service_of(request)
    with db.transaction() as session:
        summary = service.eligibility_summary(session)
    return render(
        request,
        "portal/apply/start.html",
        {
            "service": service,
            "eligibility_summary": summary,
            "key_dates": service.guide.dates_on(date.today()),
            "first": url(service, service.steps[0].slug),
        },
    )


async def question(request: Request) -> Response:
    service = service_of(request)
    step = step_of(service, request, repeated=None)
    person_id = apply_drafts.person(request, service)
    if step.repeat:
        return RedirectResponse(url(service, step.slug, "summary"), status_code=303)
    changing = is_changing(request)
    back_link = url(service, "check-answers") if changing else back_url(service, step)
    if request.method == "GET":
        with db.transaction() as session:
            values = data_to_values(apply_drafts.answers(session, request, service, person_id))
            form_context = loaded_context(session, step.all_questions())
        prefill_email(request, step, values)
        return render_step(
            request,
            service,
            step,
            values=values,
            errors={},
            form_context=form_context,
            back_link=back_link,
        )

    with db.transaction() as session:
        earlier = apply_drafts.answers(session, request, service, person_id)
    answers = await posted_answers(request, service, step, earlier, back_link=back_link)
    if isinstance(answers, Response):
        return answers
    with db.transaction() as session:
        apply_drafts.save(session, request, service, person_id, answers)
    return RedirectResponse(next_url(service, step, changing), status_code=303)


def answer_sections(service: ServiceDeclaration, rows: list[Row]) -> list[dict[str, Any]]:
    """Check-your-answers' lists: the plain answers first, in journey order, then each "add
    another" list under its own heading (with a Change link to each item)."""
    plain: dict[str, Any] = {"title": None, "rows": []}
    lists: dict[str, dict[str, Any]] = {}
    for row in rows:
        step = service.step(row.step)
        section = (
            lists.setdefault(step.slug, {"title": step.title, "rows": []}) if step.repeat else plain
        )
        change = url(service, row.step, row.item) if row.item else url(service, row.step)
        section["rows"].append({"row": row, "change": f"{change}?change=1"})
    return [section for section in (plain, *lists.values()) if section["rows"]]


async def check_answers(request: Request) -> Response:
    service = service_of(request)
    person_id = apply_drafts.person(request, service)
    with db.transaction() as session:
        answers = apply_drafts.answers(session, request, service, person_id)
        key = apply_drafts.submission_key(session, request, service, person_id)
        form_context = loaded_context(session, ())
        try:
            service.validate(session, answers)
            missing = None
        except ValidationError as exc:
            missing = service.form.first_step_with_error(errors_from(exc))
        sections = answer_sections(service, service.form.answer_rows(answers, form_context))

    if request.method == "POST":
        form = await checked_form(request)
        # A double click or a resubmitted page: the first submit already made the case.
        earlier = _case_for_key(request, f"web:{form.get('submission_key', '')}", person_id)
        if earlier is not None:
            return RedirectResponse(url(service, "confirmation", earlier), status_code=303)
    if missing is not None:
        return RedirectResponse(url(service, missing.slug), status_code=303)
    if request.method == "GET":
        return render(
            request,
            "portal/apply/check_answers.html",
            {
                "service": service,
                "sections": sections,
                "submission_key": key,
                "back_link": url(service, service.steps[-1].slug),
            },
        )

    with db.transaction() as session:
        application = service.validate(session, answers)
        case, _created = applications.submit(
            session,
            service,
            application,
            channel="web",
            actor=apply_drafts.actor(request, person_id),
            applicant_id=person_id,
            idempotency_key=f"web:{key}",
        )
        reference = case.reference
        apply_drafts.discard(session, request, service, person_id)
    if person_id is None:
        apply_drafts.remember_sent(request, reference)
    return RedirectResponse(url(service, "confirmation", reference), status_code=303)


def _case_for_key(request: Request, key: str, person_id: int | None) -> str | None:
    """The reference of this person's case made with this submission key, if any. Another
    citizen's key is treated as unknown: following it would show their reference. Someone
    not signed in is known only by the cases this browser sent."""
    with db.transaction() as session:
        found = session.scalars(
            select(Case.reference).where(
                Case.idempotency_key == key,
                Case.applicant_id.is_(None)
                if person_id is None
                else Case.applicant_id == person_id,
            )
        ).first()
    if found is not None and person_id is None and not apply_drafts.sent_here(request, found):
        return None
    return found


async def confirmation(request: Request) -> Response:
    service = service_of(request)
    person_id = apply_drafts.person(request, service)
    reference = request.path_params["reference"]
    with db.transaction() as session:
        if person_id is None:
            sent = apply_drafts.sent_here(request, reference)
            case = cases.by_reference(session, reference) if sent else None
        else:
            case = cases.by_reference_for_person(session, reference, person_id)
        if case is None or case.service != service.slug:
            raise HTTPException(404)
        reference = case.reference
        summary = service.eligibility_summary(session)
        state = service.workflow.state(case.status)
        # The declared "what happens next" is written for a case that has just arrived; once
        # the case has moved on (e.g. the check referred it to an officer), its state says.
        moved_on = case.status != service.workflow.initial
        promise = decide_by(service, case)
        # Whether anyone was told it arrived: a report made anonymously gives no way to.
        told = bool(service.contacts(case).channels())
    return render(
        request,
        "portal/apply/confirmation.html",
        {
            "service": service,
            "reference": reference,
            "eligibility_summary": summary,
            "moved_on": moved_on,
            "next_step": state.next_step,
            "decide_by": promise,
            "told": told,
            # Progress is in an account; someone not signed in has none to look in.
            "signed_in": current_person_id(request) is not None,
        },
    )


routes = [
    Route("/apply/{service}", start),
    Route("/apply/{service}/check-answers", check_answers, methods=["GET", "POST"]),
    Route("/apply/{service}/confirmation/{reference}", confirmation),
    *apply_lists.routes,
    Route("/apply/{service}/{step}", question, methods=["GET", "POST"]),
]
