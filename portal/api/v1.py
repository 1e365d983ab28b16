"""JSON API v1: services, free school meals eligibility, applications and their status.

Partner systems and the assistant (bot/) call these routes with a bearer token. Everything
they say about a service comes from its declaration in ``casework``; the handlers only
translate between JSON and the core. ``API_ROUTES`` is the one table of routes and the
scope each needs; ``routes`` (mounted at /api/v1) and the OpenAPI document are built from it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from backoffice import jobs
from casework import applications, cases, db
from casework.accounts import ApiPrincipal
from casework.catalogue import ServiceDeclaration, all_services, find_service, get_service
from casework.fields import errors_from
from casework.models import Case
from casework.services.free_school_meals import eligibility as fsm_eligibility
from casework.services.free_school_meals.declaration import SLUG as FSM_SLUG
from casework.services.free_school_meals.forms import EligibilityQuestion
from casework.settings import get_settings
from casework.workflow import Actor
from portal.api import openapi
from portal.api.bodies import ApiError, answer, error, field_errors, json_object
from portal.api.routing import ApiRoute, Param, starlette_route
from portal.api.schemas import (
    ApplicationCreated,
    ApplicationRequest,
    ApplicationStatus,
    EligibilityResult,
    Error,
    KeyDateOut,
    ServiceList,
    ServiceOut,
    StatusQuery,
    ValidationErrors,
)

# Room for a UUID or similar; with our "api:<client id>:" prefix it fits the column.
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")
# Longer than any reference we issue; anything longer is not looked up.
_MAX_REFERENCE_LENGTH = 40

NOT_FOUND = "No application matches that reference and date of birth"


def _apply_url(service: ServiceDeclaration) -> str:
    return f"{get_settings().public_base_url.rstrip('/')}/apply/{service.slug}"


def _actor(principal: ApiPrincipal) -> Actor:
    return Actor(kind="api", id=principal.client_id, label=principal.name)


def _required(principal: ApiPrincipal | None) -> ApiPrincipal:
    # The route table gives every handler below a scope, so a principal is always present.
    assert principal is not None
    return principal


def _aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- Services ---------------------------------------------------------------------------


def _services() -> ServiceList:
    with db.transaction() as session:
        return ServiceList(
            services=[
                ServiceOut(
                    slug=service.slug,
                    name=service.name,
                    summary=service.summary,
                    eligibility_summary=service.eligibility_summary(session),
                    key_dates=[
                        KeyDateOut(label=d.label, description=d.description)
                        for d in service.key_dates
                    ],
                    apply_url=_apply_url(service),
                )
                for service in all_services()
            ]
        )


async def list_services(request: Request, principal: ApiPrincipal | None) -> Response:
    return answer(await run_in_threadpool(_services))


# --- Eligibility ------------------------------------------------------------------------


def _check_free_school_meals(question: EligibilityQuestion) -> EligibilityResult:
    assert question.date_of_birth is not None  # the model refuses a missing date
    # The HTTP call to DfE runs outside any transaction: no connection is held while we wait.
    result = jobs.checker().check_free_school_meals(
        last_name=question.last_name,
        date_of_birth=question.date_of_birth,
        national_insurance_number=question.national_insurance_number or None,
        nass_number=question.nass_number or None,
    )
    service = get_service(FSM_SLUG)
    with db.transaction() as session:
        summary = service.eligibility_summary(session)
    return EligibilityResult(
        outcome=result.outcome.value,
        reasons=[fsm_eligibility.REASONS[result.outcome]],
        eligibility_summary=summary,
        apply_url=_apply_url(service),
    )


async def check_free_school_meals(request: Request, principal: ApiPrincipal | None) -> Response:
    data = await json_object(request)
    try:
        question = EligibilityQuestion.model_validate(data)
    except ValidationError as exc:
        return field_errors(errors_from(exc))
    # An unavailable check is an answer, not a fault: the person can still apply.
    return answer(await run_in_threadpool(_check_free_school_meals, question))


# --- Applications -----------------------------------------------------------------------


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
    request_body: ApplicationRequest,
    principal: ApiPrincipal,
    idempotency_key: str | None,
) -> Response:
    with db.transaction() as session:
        try:
            application = service.validate(session, request_body.answers)
        except ValidationError as exc:
            return field_errors(errors_from(exc))
        case, created = applications.submit(
            session,
            service,
            application,
            channel=request_body.channel,
            actor=_actor(principal),
            idempotency_key=idempotency_key,
        )
        if not created and (
            case.service != service.slug or case.answers != application.model_dump(mode="json")
        ):
            # Answering with the earlier case would silently drop this application.
            return error(422, "This Idempotency-Key was already used for a different application")
        return answer(_created(service, case), 201 if created else 200)


async def create_application(request: Request, principal: ApiPrincipal | None) -> Response:
    principal = _required(principal)
    header = request.headers.get("idempotency-key")
    if header is not None and not _IDEMPOTENCY_KEY.fullmatch(header):
        raise ApiError(
            400,
            "Idempotency-Key must be 1 to 64 letters, digits, dots, colons, hyphens or underscores",
        )
    data = await json_object(request)
    try:
        request_body = ApplicationRequest.model_validate(data)
    except ValidationError as exc:
        return field_errors(errors_from(exc))
    service = find_service(request_body.service)
    if service is None:
        return field_errors({"service": "Enter a service from GET /api/v1/services"})
    # Keys are per client, so two clients can never collide or see each other's cases.
    key = f"api:{principal.client_id}:{header}" if header else None
    return await run_in_threadpool(_submit, service, request_body, principal, key)


def _status(reference: str, query: StatusQuery) -> ApplicationStatus | None:
    assert query.date_of_birth is not None
    with db.transaction() as session:
        case = cases.by_reference_and_child_birth_date(session, reference, query.date_of_birth)
        if case is None:
            return None
        service = find_service(case.service)
        if service is None:
            return None
        state = service.workflow.state(case.status)
        return ApplicationStatus(
            reference=case.reference,
            service=case.service,
            status=case.status,
            status_label=state.label,
            next_step=state.next_step,
            submitted_at=_aware(case.submitted_at),
            updated_at=_aware(case.updated_at),
        )


async def application_status(request: Request, principal: ApiPrincipal | None) -> Response:
    try:
        query = StatusQuery.model_validate(
            {"date_of_birth": request.query_params.get("date_of_birth")}
        )
    except ValidationError as exc:
        return field_errors(errors_from(exc))
    reference: str = request.path_params["reference"]
    status = None
    if len(reference) <= _MAX_REFERENCE_LENGTH:
        status = await run_in_threadpool(_status, reference, query)
    if status is None:
        # One answer for a wrong reference and a wrong date, so neither can be probed alone.
        return error(404, NOT_FOUND)
    return answer(status)


# --- The OpenAPI document ---------------------------------------------------------------


async def openapi_document(request: Request, principal: ApiPrincipal | None) -> Response:
    settings = get_settings()
    body: dict[str, Any] = openapi.document(
        API_ROUTES,
        all_services(),
        f"{settings.public_base_url.rstrip('/')}/api/v1",
        settings.council_name,
    )
    return answer(body)


# --- The route table --------------------------------------------------------------------

API_ROUTES: list[ApiRoute] = [
    ApiRoute(
        "GET",
        "/services",
        list_services,
        scope="services:read",
        operation_id="listServices",
        summary="List the services people can apply for",
        description="Each service with who qualifies (from the rules in force today), its key "
        "dates and where to apply on the web.",
        responses={200: ("The services.", ServiceList)},
    ),
    ApiRoute(
        "POST",
        "/eligibility/free-school-meals",
        check_free_school_meals,
        scope="eligibility:check",
        operation_id="checkFreeSchoolMealsEligibility",
        summary="Check free school meals eligibility",
        description="Asks the DfE eligibility checking service. Send `last_name`, "
        "`date_of_birth` (YYYY-MM-DD) and exactly one of `national_insurance_number` or "
        '`nass_number`. Nothing is stored. An outcome of "unavailable" is still a 200: the '
        "check could not be made just now, which does not mean the person is not eligible.",
        request_model=EligibilityQuestion,
        responses={
            200: ("The outcome of the check.", EligibilityResult),
            422: ("Answers that need correcting.", ValidationErrors),
        },
    ),
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
        headers=(
            Param(
                "Idempotency-Key",
                "header",
                "A key unique to this application (e.g. a UUID), 1 to 64 characters.",
                required=False,
                schema={"type": "string", "pattern": _IDEMPOTENCY_KEY.pattern},
            ),
        ),
        responses={
            201: ("The case was created.", ApplicationCreated),
            200: ("The Idempotency-Key was used before: the case it created.", ApplicationCreated),
            422: (
                "Answers that need correcting (by field path, e.g. children.0.first_name), "
                "an unknown service, or an Idempotency-Key reused for different answers.",
                ValidationErrors,
            ),
        },
    ),
    ApiRoute(
        "GET",
        "/applications/{reference}",
        application_status,
        scope="applications:read",
        operation_id="getApplicationStatus",
        summary="Where an application stands",
        description="Needs the date of birth of a child on the application as a second "
        "factor. Gives the status only, never the answers.",
        params=(
            Param("reference", "path", "The case reference, like FSM-7K3M-9QXD."),
            Param(
                "date_of_birth",
                "query",
                "The date of birth of a child on the application (YYYY-MM-DD).",
                schema={"type": "string", "format": "date"},
            ),
        ),
        responses={
            200: ("The application's status.", ApplicationStatus),
            404: ("No application matches that reference and date of birth.", Error),
            422: ("The date of birth is missing or not a date.", ValidationErrors),
        },
    ),
    ApiRoute(
        "GET",
        "/openapi.json",
        openapi_document,
        scope=None,
        operation_id="getOpenApiDocument",
        summary="This document",
        responses={200: ("The OpenAPI 3.1 document.", None)},
    ),
]

# Route → the scope it needs (None: public). Tests check every served route against it.
SCOPES: dict[tuple[str, str], str | None] = {(r.method, r.path): r.scope for r in API_ROUTES}

routes: list = [starlette_route(r) for r in API_ROUTES]
