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

from casework import applications, cases, db, guides, partial_answers, schools
from casework.accounts import ApiPrincipal
from casework.catalogue import all_services, find_service, get_service
from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.models import Case
from casework.services.enquiry import declaration as enquiry
from casework.services.enquiry.declaration import ENQUIRY
from casework.services.free_school_meals import eligibility as fsm_eligibility
from casework.services.free_school_meals.declaration import SLUG as FSM_SLUG
from casework.services.free_school_meals.questions import EligibilityQuestion
from casework.services.free_school_meals.tasks import checker
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
    EnquiryCreated,
    Error,
    GuideOut,
    KeyDateOut,
    PrefillLink,
    PrefillRequest,
    SchoolList,
    SchoolOut,
    ServiceList,
    ServiceOut,
    StatusQuery,
    StepAnswers,
    StepValidated,
    ValidationErrors,
)
from portal.assistant import prefill

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
                        for d in service.guide.key_dates
                    ],
                    apply_url=_apply_url(service),
                )
                for service in all_services()
                if service.apply_online
            ]
        )


async def list_services(request: Request, principal: ApiPrincipal | None) -> Response:
    return answer(await run_in_threadpool(_services))


# --- Eligibility ------------------------------------------------------------------------


def _check_free_school_meals(question: EligibilityQuestion) -> EligibilityResult:
    assert question.date_of_birth is not None  # the model refuses a missing date
    # The HTTP call to DfE runs outside any transaction: no connection is held while we wait.
    result = checker().check_free_school_meals(
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
    if service is None or not service.apply_online:
        return field_errors({"service": "Enter a service from GET /api/v1/services"})
    # Keys are per client, so two clients can never collide or see each other's cases.
    key = f"api:{principal.client_id}:{header}" if header else None
    return await run_in_threadpool(_submit, service, request_body, principal, key)


def _status(reference: str, query: StatusQuery) -> ApplicationStatus | None:
    assert query.date_of_birth is not None
    with db.transaction() as session:
        case = cases.by_reference_and_second_factor(
            session, reference, query.date_of_birth.isoformat()
        )
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


# --- What the assistant needs: guides, step checks, schools, links, enquiries ------------


def _guide(slug: str) -> GuideOut | None:
    apply_url = f"{get_settings().public_base_url.rstrip('/')}/apply/{slug}"
    with db.transaction() as session:
        found = guides.answer(session, slug)
    if found is None:
        return None
    return GuideOut(
        slug=found.slug,
        name=found.name,
        summary=found.summary,
        how_to_apply=found.how_to_apply.format(apply_url=apply_url),
        eligibility_summary=found.eligibility_summary,
        key_dates=[KeyDateOut(label=d.label, description=d.description) for d in found.key_dates],
        apply_url=apply_url if found.apply_online else None,
    )


async def service_guide(request: Request, principal: ApiPrincipal | None) -> Response:
    guide = await run_in_threadpool(_guide, request.path_params["service"])
    if guide is None:
        return error(404, "There is no guide for that service")
    return answer(guide)


def _check_step(service: ServiceDeclaration, step_slug: str, answers: dict[str, Any]) -> Response:
    try:
        step = service.step(step_slug)
    except KeyError:
        return error(404, f"{service.name} has no step called {step_slug}")
    with db.transaction() as session:
        values, errors = partial_answers.check_step(session, service, step, answers)
    if errors:
        return field_errors(errors)
    return answer(StepValidated(answers=values))


async def validate_step(request: Request, principal: ApiPrincipal | None) -> Response:
    service = find_service(request.path_params["service"])
    if service is None:
        return error(404, "There is no service with that name")
    data = await json_object(request)
    try:
        body = StepAnswers.model_validate(data)
    except ValidationError as exc:
        return field_errors(errors_from(exc))
    return await run_in_threadpool(_check_step, service, request.path_params["step"], body.answers)


def _schools(text: str) -> SchoolList:
    with db.transaction() as session:
        found = schools.search_open(session, text)
        return SchoolList(schools=[SchoolOut(urn=s.urn, name=s.name, phase=s.phase) for s in found])


async def search_schools(request: Request, principal: ApiPrincipal | None) -> Response:
    text = request.query_params.get("q", "")[:100]
    return answer(await run_in_threadpool(_schools, text))


def _prefill(service: ServiceDeclaration, answers: dict[str, Any]) -> PrefillLink:
    with db.transaction() as session:
        usable = partial_answers.usable_answers(session, service, answers)
    return PrefillLink(
        url=prefill.link(service.slug, usable), expires_in_seconds=prefill.MAX_AGE_SECONDS
    )


async def create_prefill_link(request: Request, principal: ApiPrincipal | None) -> Response:
    data = await json_object(request)
    try:
        body = PrefillRequest.model_validate(data)
    except ValidationError as exc:
        return field_errors(errors_from(exc))
    service = find_service(body.service)
    if service is None or not service.apply_online:
        return field_errors({"service": "Enter a service from GET /api/v1/services"})
    return answer(await run_in_threadpool(_prefill, service, body.answers), 201)


def _create_enquiry(data: dict[str, Any], principal: ApiPrincipal, key: str | None) -> Response:
    service = get_service(enquiry.SLUG)
    with db.transaction() as session:
        try:
            question = service.validate(session, data)
        except ValidationError as exc:
            return field_errors(errors_from(exc))
        case, created = applications.submit(
            session,
            service,
            question,
            channel="assistant",
            actor=_actor(principal),
            idempotency_key=key,
        )
        assert case.due_on is not None
        body = EnquiryCreated(
            reference=case.reference,
            status_label=service.workflow.state(case.status).label,
            reply_by=case.due_on,
            next_step=enquiry.reply_promise(case),
        )
        return answer(body, 201 if created else 200)


async def create_enquiry(request: Request, principal: ApiPrincipal | None) -> Response:
    principal = _required(principal)
    header = request.headers.get("idempotency-key")
    if header is not None and not _IDEMPOTENCY_KEY.fullmatch(header):
        raise ApiError(
            400,
            "Idempotency-Key must be 1 to 64 letters, digits, dots, colons, hyphens or underscores",
        )
    data = await json_object(request)
    key = f"api:{principal.client_id}:{header}" if header else None
    return await run_in_threadpool(_create_enquiry, data, principal, key)


# --- The OpenAPI document ---------------------------------------------------------------


async def openapi_document(request: Request, principal: ApiPrincipal | None) -> Response:
    settings = get_settings()
    body: dict[str, Any] = openapi.document(
        API_ROUTES,
        [service for service in all_services() if service.apply_online],
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
        "/services/{service}/guide",
        service_guide,
        scope="services:read",
        operation_id="getServiceGuide",
        summary="How to apply for a service, who qualifies and its key dates",
        description="For every children's service the council offers or will offer, including "
        "those not yet taken online (school-places, school-transport, child-employment, "
        "performance-licences, chaperones, early-years-funding). Dates are worked out for today.",
        params=(Param("service", "path", "The service's slug, like school-places."),),
        responses={
            200: ("The guide.", GuideOut),
            404: ("No guide for that service.", Error),
        },
    ),
    ApiRoute(
        "POST",
        "/services/{service}/steps/{step}/validate",
        validate_step,
        scope="services:read",
        operation_id="validateStepAnswers",
        summary="Check some answers for one step of a service's form",
        description="Checks only the fields sent, with the web form's own rules and messages, "
        "so a conversation can check each answer as it is given. Nothing is stored.",
        request_model=StepAnswers,
        params=(
            Param("service", "path", "The service's slug, like free-school-meals."),
            Param("step", "path", "The step's slug, like date-of-birth or children."),
        ),
        responses={
            200: ("The answers are fine; here they are as the portal stores them.", StepValidated),
            404: ("No such service or step.", Error),
            422: ("Answers that need correcting.", ValidationErrors),
        },
    ),
    ApiRoute(
        "GET",
        "/schools",
        search_schools,
        scope="services:read",
        operation_id="searchSchools",
        summary="Find the council's open schools by name",
        description="Up to 10 open schools whose name contains the text; only the exact match "
        "if one school's name matches exactly.",
        params=(Param("q", "query", "Part of the school's name."),),
        responses={200: ("Matching schools.", SchoolList)},
    ),
    ApiRoute(
        "POST",
        "/prefill-links",
        create_prefill_link,
        scope="applications:write",
        operation_id="createPrefillLink",
        summary="A link to the web form with some answers filled in",
        description="Answers that pass their step's checks are carried in a signed link that "
        "expires; the person signs in and the web journey asks for the rest.",
        request_model=PrefillRequest,
        responses={
            201: ("The link.", PrefillLink),
            422: ("An unknown service.", ValidationErrors),
        },
    ),
    ApiRoute(
        "POST",
        "/enquiries",
        create_enquiry,
        scope="enquiries:write",
        operation_id="createEnquiry",
        summary="Hand a question to a person",
        description="Creates an enquiry case in the back-office queue with the question, how "
        "to reply (an email address or a UK mobile) and the conversation's transcript. The "
        "answer says when and how the person will hear back. Send an `Idempotency-Key`.",
        request_model=ENQUIRY.application_model,
        headers=(
            Param(
                "Idempotency-Key",
                "header",
                "A key unique to this enquiry, 1 to 64 characters.",
                required=False,
                schema={"type": "string", "pattern": _IDEMPOTENCY_KEY.pattern},
            ),
        ),
        responses={
            201: ("The enquiry was created.", EnquiryCreated),
            200: ("The Idempotency-Key was used before: the enquiry it created.", EnquiryCreated),
            422: ("Answers that need correcting.", ValidationErrors),
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
