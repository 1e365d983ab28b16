"""The apply journey for any service: start, one question per page, check answers, submit.

Everything comes from the service declaration: its steps (and their models), the order,
the answers shown on check-your-answers. Only the page templates are per service.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from casework import applications, cases, db, drafts
from casework.catalogue import find_service
from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.models import Case, School
from casework.questions import Step
from portal.auth import citizen_actor, require_person
from portal.csrf import checked_form
from portal.forms import data_to_values, form_to_data
from portal.templating import render


def _service(request: Request) -> ServiceDeclaration:
    service = find_service(request.path_params["service"])
    if service is None or not service.apply_online:
        raise HTTPException(404)
    return service


def _step(service: ServiceDeclaration, slug: str) -> Step:
    try:
        return service.step(slug)
    except KeyError:
        raise HTTPException(404) from None


def _template(service: ServiceDeclaration, name: str) -> str:
    return f"portal/{service.slug.replace('-', '_')}/{name}.html"


def _url(service: ServiceDeclaration, *parts: str) -> str:
    return "/".join((f"/apply/{service.slug}", *parts))


def _next_url(service: ServiceDeclaration, step: Step, changing: bool) -> str:
    if changing:
        return _url(service, "check-answers")
    index = service.steps.index(step)
    if index + 1 < len(service.steps):
        return _url(service, service.steps[index + 1].slug)
    return _url(service, "check-answers")


def _back_url(service: ServiceDeclaration, step: Step) -> str:
    index = service.steps.index(step)
    return _url(service, service.steps[index - 1].slug) if index else _url(service)


def _schools(session) -> list[School]:
    return list(session.scalars(select(School).where(School.open).order_by(School.name)))


async def start(request: Request) -> Response:
    service = _service(request)
    with db.transaction() as session:
        summary = service.eligibility_summary(session)
    return render(
        request,
        _template(service, "start"),
        {
            "service": service,
            "eligibility_summary": summary,
            "first": _url(service, service.steps[0].slug),
        },
    )


async def question(request: Request) -> Response:
    service = _service(request)
    step = _step(service, request.path_params["step"])
    person_id = require_person(request)
    if step.repeat_field:
        return RedirectResponse(_url(service, step.slug, "summary"), status_code=303)
    changing = request.query_params.get("change") == "1"
    context: dict[str, Any] = {
        "service": service,
        "step": step,
        "back_link": _url(service, "check-answers") if changing else _back_url(service, step),
        "changing": changing,
    }
    if request.method == "GET":
        with db.transaction() as session:
            draft = drafts.get_or_create(session, person_id, service.slug)
            values = data_to_values(draft.answers)
        if step.slug == "contact" and not values.get("email"):
            values["email"] = request.session.get("person_email", "")
        return render(
            request, _template(service, step.slug), {**context, "values": values, "errors": {}}
        )

    form = await checked_form(request)
    data = form_to_data(form)
    with db.transaction() as session:
        try:
            valid = service.validate_step(session, step, data)
        except ValidationError as exc:
            errors = errors_from(exc)
            return render(
                request,
                _template(service, step.slug),
                {**context, "values": data, "errors": errors},
                status_code=400,
            )
        draft = drafts.get_or_create(session, person_id, service.slug)
        drafts.update(draft, valid.model_dump(mode="json"))
    return RedirectResponse(_next_url(service, step, changing), status_code=303)


async def items_summary(request: Request) -> Response:
    """The list of items a repeated step has collected (e.g. children), and add another."""
    service = _service(request)
    step = _step(service, request.path_params["step"])
    if not step.repeat_field:
        raise HTTPException(404)
    person_id = require_person(request)
    with db.transaction() as session:
        draft = drafts.get_or_create(session, person_id, service.slug)
        items = list(draft.answers.get(step.repeat_field, []))
        schools = {s.urn: s.name for s in _schools(session)}
    if not items and request.method == "GET":
        return RedirectResponse(_url(service, step.slug, "new"), status_code=303)
    context = {
        "service": service,
        "step": step,
        "items": items,
        "schools": schools,
        "back_link": _back_url(service, step),
        "errors": {},
    }
    if request.method == "GET":
        return render(request, _template(service, f"{step.slug}_summary"), context)

    form = await checked_form(request)
    answer = form.get("add_another")
    if answer == "yes":
        return RedirectResponse(_url(service, step.slug, "new"), status_code=303)
    if answer == "no" and items:
        return RedirectResponse(_next_url(service, step, False), status_code=303)
    context["errors"] = {"add_another": "Select yes if you want to add another child"}
    return render(request, _template(service, f"{step.slug}_summary"), context, status_code=400)


async def item(request: Request) -> Response:
    """Add ("new") or change (1, 2, …) one item of a repeated step."""
    service = _service(request)
    step = _step(service, request.path_params["step"])
    if not step.repeat_field:
        raise HTTPException(404)
    person_id = require_person(request)
    position = request.path_params["item"]
    with db.transaction() as session:
        draft = drafts.get_or_create(session, person_id, service.slug)
        items = list(draft.answers.get(step.repeat_field, []))
        schools = _schools(session)
    index = _item_index(position, items)
    if index is None and len(items) >= step.max_items:
        raise HTTPException(400, f"You can add up to {step.max_items} on one application")
    context: dict[str, Any] = {
        "service": service,
        "step": step,
        "schools": schools,
        "number": (index + 1) if index is not None else len(items) + 1,
        "back_link": _url(service, step.slug, "summary") if items else _back_url(service, step),
    }
    if request.method == "GET":
        values = data_to_values(items[index]) if index is not None else {}
        return render(
            request,
            _template(service, f"{step.slug}_item"),
            {**context, "values": values, "errors": {}},
        )

    form = await checked_form(request)
    data = form_to_data(form)
    with db.transaction() as session:
        try:
            valid = service.validate_step(session, step, data)
        except ValidationError as exc:
            return render(
                request,
                _template(service, f"{step.slug}_item"),
                {**context, "values": data, "errors": errors_from(exc)},
                status_code=400,
            )
        draft = drafts.get_or_create(session, person_id, service.slug)
        current = list(draft.answers.get(step.repeat_field, []))
        answer = valid.model_dump(mode="json")
        if index is not None and index < len(current):
            current[index] = answer
        else:
            current.append(answer)
        drafts.update(draft, {step.repeat_field: current})
    return RedirectResponse(_url(service, step.slug, "summary"), status_code=303)


async def remove_item(request: Request) -> Response:
    service = _service(request)
    step = _step(service, request.path_params["step"])
    if not step.repeat_field:
        raise HTTPException(404)
    person_id = require_person(request)
    await checked_form(request)
    with db.transaction() as session:
        draft = drafts.get_or_create(session, person_id, service.slug)
        items = list(draft.answers.get(step.repeat_field, []))
        index = _item_index(request.path_params["item"], items)
        if index is not None:
            del items[index]
            drafts.update(draft, {step.repeat_field: items})
    return RedirectResponse(_url(service, step.slug, "summary"), status_code=303)


def _item_index(position: str, items: list[Any]) -> int | None:
    if position == "new":
        return None
    if not position.isdigit() or not 1 <= int(position) <= len(items):
        raise HTTPException(404)
    return int(position) - 1


async def check_answers(request: Request) -> Response:
    service = _service(request)
    person_id = require_person(request)
    with db.transaction() as session:
        draft = drafts.get_or_create(session, person_id, service.slug)
        answers = dict(draft.answers)
        key = draft.submission_key
        schools = {s.urn: s.name for s in _schools(session)}
        try:
            service.validate(session, answers)
            missing = None
        except ValidationError as exc:
            missing = _first_step_with_error(service, errors_from(exc))

    if request.method == "POST":
        form = await checked_form(request)
        # A double click or a resubmitted page: the first submit already made the case.
        earlier = _case_for_key(f"web:{form.get('submission_key', '')}")
        if earlier is not None:
            return RedirectResponse(_url(service, "confirmation", earlier), status_code=303)
    if missing is not None:
        return RedirectResponse(_url(service, missing.slug), status_code=303)
    if request.method == "GET":
        return render(
            request,
            _template(service, "check_answers"),
            {
                "service": service,
                "rows": service.answer_rows(answers),
                "answers": answers,
                "schools": schools,
                "submission_key": key,
                "back_link": _url(service, service.steps[-1].slug),
            },
        )

    with db.transaction() as session:
        application = service.validate(session, answers)
        case, _created = applications.submit(
            session,
            service,
            application,
            channel="web",
            actor=citizen_actor(request),
            applicant_id=person_id,
            idempotency_key=f"web:{key}",
        )
        reference = case.reference
        drafts.discard(session, person_id, service.slug)
    return RedirectResponse(_url(service, "confirmation", reference), status_code=303)


def _first_step_with_error(service: ServiceDeclaration, errors: dict[str, str]) -> Step:
    failing = {path.split(".")[0] for path in errors}
    for step in service.steps:
        if step.repeat_field and step.repeat_field in failing:
            return step
        if failing & set(step.model.model_fields):
            return step
    return service.steps[0]


def _case_for_key(key: str) -> str | None:
    with db.transaction() as session:
        return session.scalars(select(Case.reference).where(Case.idempotency_key == key)).first()


async def confirmation(request: Request) -> Response:
    service = _service(request)
    person_id = require_person(request)
    with db.transaction() as session:
        case = cases.by_reference_for_person(session, request.path_params["reference"], person_id)
        if case is None:
            raise HTTPException(404)
        reference = case.reference
    return render(
        request, _template(service, "confirmation"), {"service": service, "reference": reference}
    )


routes = [
    Route("/apply/{service}", start),
    Route("/apply/{service}/check-answers", check_answers, methods=["GET", "POST"]),
    Route("/apply/{service}/confirmation/{reference}", confirmation),
    Route("/apply/{service}/{step}/summary", items_summary, methods=["GET", "POST"]),
    Route("/apply/{service}/{step}/{item}/remove", remove_item, methods=["POST"]),
    Route("/apply/{service}/{step}/{item}", item, methods=["GET", "POST"]),
    Route("/apply/{service}/{step}", question, methods=["GET", "POST"]),
]
