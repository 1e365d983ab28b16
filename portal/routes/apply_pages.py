"""What every page of the apply journey shares: finding the service and step, the journey's
URLs, and rendering a step's declared questions with the one question template.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from casework import db
from casework.catalogue import find_service
from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.questions import EmailQuestion, FormContext, Step
from portal.csrf import checked_form
from portal.forms import form_to_data, loaded_context
from portal.templating import render

QUESTION_TEMPLATE = "portal/apply/question.html"


def service_of(request: Request) -> ServiceDeclaration:
    service = find_service(request.path_params["service"])
    if service is None or not service.apply_online:
        raise HTTPException(404)
    return service


def step_of(service: ServiceDeclaration, request: Request, *, repeated: bool | None) -> Step:
    """The step in the path; a list step's pages and a plain step's page are not swapped
    (``repeated`` None takes either)."""
    try:
        step = service.step(request.path_params["step"])
    except KeyError:
        raise HTTPException(404) from None
    if repeated is not None and repeated != bool(step.repeat):
        raise HTTPException(404)
    return step


def url(service: ServiceDeclaration, *parts: str | int) -> str:
    return "/".join((f"/apply/{service.slug}", *map(str, parts)))


def next_url(service: ServiceDeclaration, step: Step, changing: bool) -> str:
    if changing:
        return url(service, "check-answers")
    index = service.steps.index(step)
    if index + 1 < len(service.steps):
        return url(service, service.steps[index + 1].slug)
    return url(service, "check-answers")


def back_url(service: ServiceDeclaration, step: Step) -> str:
    index = service.steps.index(step)
    return url(service, service.steps[index - 1].slug) if index else url(service)


def is_changing(request: Request) -> bool:
    """Whether the person came from check-your-answers, and so goes back there next."""
    return request.query_params.get("change") == "1"


def prefill_email(request: Request, step: Step, values: dict[str, Any]) -> None:
    """Offer the address the person signed in with, where a step asks for their email."""
    signed_in = request.session.get("person_email", "")
    asks_email = any(
        isinstance(question, EmailQuestion) and question.name == "email"
        for question in step.all_questions()
    )
    if asks_email and signed_in and not values.get("email"):
        values["email"] = signed_in


def render_step(
    request: Request,
    service: ServiceDeclaration,
    step: Step,
    *,
    values: dict[str, Any],
    errors: dict[str, str],
    form_context: FormContext,
    back_link: str,
    heading: str | None = None,
    caption: str | None = None,
    status_code: int = 200,
) -> Response:
    """A step's page: its questions, or its own template where the step declares one.

    A step that asks one thing makes that question's label the page's heading (the GOV.UK
    pattern); a step of several questions is one fieldset under the step's title. An item
    of a list has its own heading ("Item 2"), with the step's title as a caption.
    """
    single = heading is None and len(step.questions) == 1 and not step.intro
    title = heading or (step.questions[0].label if single else step.title)
    return render(
        request,
        step.template or QUESTION_TEMPLATE,
        {
            "service": service,
            "step": step,
            "single": single,
            "heading": title,
            "caption": caption,
            "values": values,
            "errors": errors,
            "form_context": form_context,
            "back_link": back_link,
        },
        status_code=status_code,
    )


async def posted_answers(
    request: Request,
    service: ServiceDeclaration,
    step: Step,
    earlier: dict[str, Any] | None = None,
    **page: Any,
) -> dict[str, Any] | Response:
    """The step's answers from the posted form, checked; or the page again with its errors.

    ``earlier``: the answers already given on other steps (the draft), for the step's checks
    across steps (e.g. working hours against the child's date of birth). ``page`` is what
    ``render_step`` needs besides the answers (back link, heading …).
    """
    data = form_to_data(await checked_form(request))
    with db.transaction() as session:
        try:
            return service.validate_step(session, step, data, earlier).model_dump(mode="json")
        except ValidationError as exc:
            return render_step(
                request,
                service,
                step,
                values=data,
                errors=errors_from(exc),
                form_context=loaded_context(session, step.all_questions()),
                status_code=400,
                **page,
            )
