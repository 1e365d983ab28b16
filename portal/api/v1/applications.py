"""Applications: submitting a whole application, and where one stands.

Both work for any declared service: answers are checked by the service's own model, and a
status look-up asks for the service's own second factor (``status_check``), with only so
many wrong tries an hour per reference, per API client and per client address.
"""

from __future__ import annotations

from pydantic_core import PydanticCustomError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import cases, db, promises
from casework.accounts import ApiPrincipal
from casework.catalogue import find_service
from casework.declaration import SecondFactor, ServiceDeclaration
from casework.models import Case
from portal.api import idempotency
from portal.api.bodies import answer, json_object, read
from portal.api.errors import ApiError, InvalidAnswers
from portal.api.routing import ApiRoute, Param
from portal.api.schemas import (
    ApplicationCreated,
    ApplicationRequest,
    ApplicationStatus,
    Error,
    ValidationErrors,
)
from portal.api.v1.common import (
    actor,
    aware,
    read_answers,
    required,
    service_applied_for,
    service_for_reference,
)
from portal.api.wrong_attempts import WrongAttempts, too_many

SECOND_FACTOR = "second_factor"
# Longer than any reference we issue; anything longer is not looked up.
MAX_REFERENCE_LENGTH = 40
# One answer for a wrong reference and a wrong second factor, so neither can be probed alone.
NOT_FOUND = "No application matches that reference and those details"
# The same answer whether or not the reference exists, so the limit says nothing either.


def _created(service: ServiceDeclaration, case: Case) -> ApplicationCreated:
    state = service.workflow.state(case.status)
    return ApplicationCreated(
        reference=case.reference,
        status=case.status,
        status_label=state.label,
        next_step=state.next_step,
    )


def _submit(
    service: ServiceDeclaration,
    body: ApplicationRequest,
    principal: ApiPrincipal,
    key: str | None,
) -> Response:
    with db.transaction() as session:
        application = read_answers(service, session, body.answers)
        case, status = idempotency.submit_once(
            session,
            service,
            application,
            channel=body.channel,
            actor=actor(principal),
            idempotency_key=key,
        )
        return answer(_created(service, case), status)


async def create_application(request: Request, principal: ApiPrincipal | None) -> Response:
    principal = required(principal)
    key = idempotency.key(request, principal)
    body = read(ApplicationRequest, await json_object(request))
    service = service_applied_for(body.service)
    return await run_in_threadpool(_submit, service, body, principal, key)


def _second_factor(check: SecondFactor, value: str | None) -> str:
    try:
        return check.read(value)
    except PydanticCustomError as exc:
        raise InvalidAnswers({SECOND_FACTOR: exc.message()}) from None


def _status(reference: str, given: str) -> ApplicationStatus | None:
    with db.transaction() as session:
        case = cases.by_reference_and_second_factor(session, reference, given)
        service = find_service(case.service) if case is not None else None
        if case is None or service is None:
            return None
        state = service.workflow.state(case.status)
        return ApplicationStatus(
            reference=case.reference,
            service=case.service,
            status=case.status,
            status_label=state.label,
            next_step=state.next_step,
            decide_by=promises.decide_by(service, case),
            submitted_at=aware(case.submitted_at),
            updated_at=aware(case.updated_at),
        )


# Wrong guesses at a reference's second factor (``portal.api.wrong_attempts``).
STATUS_GUESSES = WrongAttempts("status-wrong", "Status look-up")


async def application_status(request: Request, principal: ApiPrincipal | None) -> Response:
    reference: str = request.path_params["reference"]
    limits = STATUS_GUESSES.limits(request, principal, reference[:MAX_REFERENCE_LENGTH].upper())
    wait = await run_in_threadpool(STATUS_GUESSES.wait_before_trying, limits)
    if wait > 0:
        raise too_many(wait)
    # The service comes from the reference's prefix, not the database, so a badly typed
    # second factor gets the same 422 whether or not the case exists.
    service = service_for_reference(reference) if len(reference) <= MAX_REFERENCE_LENGTH else None
    if service is None or service.status_check is None:
        raise ApiError(404, NOT_FOUND)
    given = _second_factor(service.status_check, request.query_params.get(SECOND_FACTOR))
    status = await run_in_threadpool(_status, reference, given)
    if status is None:
        wait = await run_in_threadpool(STATUS_GUESSES.count_wrong, limits)
        raise too_many(wait) if wait > 0 else ApiError(404, NOT_FOUND)
    return answer(status)


ROUTES = [
    ApiRoute(
        "POST",
        "/applications",
        create_application,
        scope="applications:write",
        operation_id="createApplication",
        summary="Submit an application",
        description="Validates the whole application with the same rules and messages as the "
        "web form, then creates the case. Send an `Idempotency-Key` header so a retried "
        "request never makes a second case: a repeat answers 200 with the first case.",
        request_model=ApplicationRequest,
        headers=(idempotency.header("application"),),
        responses=idempotency.responses(
            "application",
            ApplicationCreated,
            "Answers that need correcting (by field path, e.g. items.0.first_name), an "
            "unknown service",
        ),
    ),
    ApiRoute(
        "GET",
        "/applications/{reference}",
        application_status,
        scope="applications:read",
        operation_id="getApplicationStatus",
        summary="Where an application stands",
        description="Needs the service's second factor (what its `status_check.prompt` in GET "
        "/services or the guide asks for, e.g. a date as YYYY-MM-DD, or an email "
        "address). Gives the status only, never the answers. An unknown reference and a "
        "wrong second factor get the same 404; too many of either get 429.",
        params=(
            Param("reference", "path", "The case reference, like ABC-7K3M-9QXD."),
            Param(
                SECOND_FACTOR,
                "query",
                "What the service's status check asks for, as its `status_check.prompt` says.",
            ),
        ),
        responses={
            200: ("The application's status.", ApplicationStatus),
            404: ("No application matches that reference and second factor.", Error),
            422: ("The second factor is missing or not the kind asked for.", ValidationErrors),
            429: (
                "Too many wrong attempts for this reference or from this client; wait the "
                "Retry-After header's seconds. The same whether or not the reference exists.",
                Error,
            ),
        },
    ),
]
