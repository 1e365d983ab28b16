"""Services: the catalogue, each service's guide, its form's steps and checking a step.

Everything here is read from the declarations through the catalogue, so a new service is
listed, explained and checkable with no edit to this module.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import db, guides, partial_answers
from casework.accounts import ApiPrincipal
from casework.catalogue import all_services, find_service
from casework.declaration import ServiceDeclaration
from portal.api.bodies import answer, json_object, read
from portal.api.errors import ApiError, InvalidAnswers
from portal.api.routing import ApiRoute, Param
from portal.api.schemas import (
    Error,
    GuideOut,
    KeyDateOut,
    RepeatOut,
    ServiceList,
    ServiceOut,
    StepAnswers,
    StepList,
    StepOut,
    StepValidated,
    ValidationErrors,
)
from portal.api.v1.common import (
    api_url,
    apply_url,
    quick_check_out,
    service_in_path,
    status_check_out,
)

SERVICE = Param("service", "path", "The service's slug, as listed by GET /services.")


def _services() -> ServiceList:
    with db.transaction() as session:
        return ServiceList(
            services=[
                ServiceOut(
                    slug=service.slug,
                    name=service.name,
                    summary=service.summary,
                    reference_prefix=service.reference_prefix,
                    eligibility_summary=service.eligibility_summary(session),
                    key_dates=[
                        KeyDateOut(label=d.label, description=d.description)
                        for d in service.guide.key_dates
                    ],
                    apply_url=apply_url(service.slug),
                    steps_url=api_url(f"/services/{service.slug}/steps"),
                    status_check=status_check_out(service),
                    quick_check=quick_check_out(service),
                )
                for service in all_services()
                if service.apply_online
            ]
        )


async def list_services(request: Request, principal: ApiPrincipal | None) -> Response:
    return answer(await run_in_threadpool(_services))


def _guide(slug: str) -> GuideOut | None:
    url = apply_url(slug)
    with db.transaction() as session:
        found = guides.answer(session, slug)
    if found is None:
        return None
    # Upcoming services have a guide but no declaration: nothing to look up or check yet.
    service = find_service(slug)
    return GuideOut(
        slug=found.slug,
        name=found.name,
        summary=found.summary,
        how_to_apply=found.how_to_apply.format(apply_url=url),
        eligibility_summary=found.eligibility_summary,
        key_dates=[KeyDateOut(label=d.label, description=d.description) for d in found.key_dates],
        apply_url=url if found.apply_online else None,
        reference_prefix=service.reference_prefix if service else None,
        status_check=status_check_out(service) if service else None,
        quick_check=quick_check_out(service) if service else None,
    )


async def service_guide(request: Request, principal: ApiPrincipal | None) -> Response:
    guide = await run_in_threadpool(_guide, request.path_params["service"])
    if guide is None:
        raise ApiError(404, "There is no guide for that service")
    return answer(guide)


def step_list(service: ServiceDeclaration) -> StepList:
    """Each step's JSON schema, straight from its model: the assistant maps its slots to
    these, so a service's questions are never written twice."""
    return StepList(
        service=service.slug,
        steps=[
            StepOut(
                slug=step.slug,
                title=step.title,
                repeat=RepeatOut(
                    key=step.repeat.key,
                    noun=step.repeat.noun,
                    plural=step.repeat.plural,
                    min_items=step.repeat.min_items,
                    max_items=step.repeat.max_items,
                )
                if step.repeat
                else None,
                schema_=step.model.model_json_schema(),
            )
            for step in service.steps
        ],
    )


async def service_steps(request: Request, principal: ApiPrincipal | None) -> Response:
    return answer(step_list(service_in_path(request.path_params["service"])))


def _check_step(service: ServiceDeclaration, step_slug: str, answers: dict[str, Any]) -> Response:
    try:
        step = service.step(step_slug)
    except KeyError:
        raise ApiError(404, f"{service.name} has no step called {step_slug}") from None
    with db.transaction() as session:
        values, errors = partial_answers.check_step(session, service, step, answers)
    if errors:
        raise InvalidAnswers(errors)
    return answer(StepValidated(answers=values))


async def validate_step(request: Request, principal: ApiPrincipal | None) -> Response:
    service = service_in_path(request.path_params["service"])
    body = read(StepAnswers, await json_object(request))
    return await run_in_threadpool(_check_step, service, request.path_params["step"], body.answers)


ROUTES = [
    ApiRoute(
        "GET",
        "/services",
        list_services,
        scope="services:read",
        operation_id="listServices",
        summary="List the services people can apply for",
        description="Each service with who qualifies (from the rules in force today), its key "
        "dates, where to apply on the web, where its form's steps are described, what a status "
        "look-up asks for (`status_check`) and its quick check with the consent to show "
        "(`quick_check`), if it has one.",
        responses={200: ("The services.", ServiceList)},
    ),
    ApiRoute(
        "GET",
        "/services/{service}/guide",
        service_guide,
        scope="services:read",
        operation_id="getServiceGuide",
        summary="How to apply for a service, who qualifies and its key dates",
        description="For every service the council offers or will offer, including those not "
        "yet taken online. Dates are worked out for today. For services the portal handles, "
        "also what a status look-up asks for and any quick check.",
        params=(SERVICE,),
        responses={
            200: ("The guide.", GuideOut),
            404: ("No guide for that service.", Error),
        },
    ),
    ApiRoute(
        "GET",
        "/services/{service}/steps",
        service_steps,
        scope="services:read",
        operation_id="listServiceSteps",
        summary="The steps of a service's form, with each step's JSON schema",
        description="In the web form's order. Each schema gives every question's label, hint, "
        "GOV.UK component (`x-component`), choices (`enum`, `x-choices`, or "
        "`x-choices-from` for a list searched elsewhere) and whether it is optional "
        "(`x-optional`). A step with `repeat` is asked once per item of a list.",
        params=(SERVICE,),
        responses={
            200: ("The steps.", StepList),
            404: ("No such service.", Error),
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
        params=(SERVICE, Param("step", "path", "The step's slug, from GET .../steps.")),
        responses={
            200: ("The answers are fine; here they are as the portal stores them.", StepValidated),
            404: ("No such service or step.", Error),
            422: ("Answers that need correcting.", ValidationErrors),
        },
    ),
]
