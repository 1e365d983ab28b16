"""Quick checks: "do I qualify?" before applying, for any service that declares one.

The person must agree first: the body carries ``"consent": true`` after they were shown
the service's consent text (published here, in GET /services and in the guide). The check
may call an outside service, so it runs outside any database transaction.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import db
from casework.accounts import ApiPrincipal
from casework.declaration import QuickCheck, ServiceDeclaration
from casework.fields import errors_from
from casework.questions import FormContext, validation_context
from portal.api.bodies import answer, json_object
from portal.api.errors import ApiError, InvalidAnswers
from portal.api.routing import ApiRoute, Param, ServiceBody
from portal.api.schemas import EligibilityResult, Error, QuickCheckQuestions, ValidationErrors
from portal.api.v1.common import apply_url, service_in_path

CONSENT = "consent"
CONSENT_MISSING = "Confirm that you agree to us checking your eligibility"


def _checkable(slug: str) -> tuple[ServiceDeclaration, QuickCheck]:
    service = service_in_path(slug)
    if service.quick_check is None:
        raise ApiError(404, f"{service.name} has no quick check")
    return service, service.quick_check


def consent_schema(check: QuickCheck) -> dict[str, Any]:
    return {
        "type": "boolean",
        "const": True,
        "title": "Consent",
        "description": check.consent,
        "x-component": "consent",
    }


def questions_schema(check: QuickCheck) -> dict[str, Any]:
    """The questions' JSON schema with the consent the body must carry."""
    schema = check.questions.model_json_schema()
    schema.setdefault("properties", {})[CONSENT] = consent_schema(check)
    schema["required"] = [*schema.get("required", []), CONSENT]
    return schema


async def describe_check(request: Request, principal: ApiPrincipal | None) -> Response:
    service, check = _checkable(request.path_params["service"])
    return answer(
        QuickCheckQuestions(
            service=service.slug, consent=check.consent, questions=questions_schema(check)
        )
    )


def _run(service: ServiceDeclaration, check: QuickCheck, data: dict[str, Any]) -> Response:
    errors: dict[str, str] = {}
    if data.get(CONSENT) is not True:
        errors[CONSENT] = CONSENT_MISSING
    with db.transaction() as session:
        try:
            question: BaseModel | None = check.questions.model_validate(
                data, context=validation_context(FormContext(session))
            )
        except ValidationError as exc:
            question = None
            errors.update(errors_from(exc))
        summary = service.eligibility_summary(session)
    if errors or question is None:
        raise InvalidAnswers(errors)
    # Outside the transaction: no connection is held while an outside service answers.
    # An unavailable check is an answer, not a fault: the person can still apply.
    result = check.run(question)
    return answer(
        EligibilityResult(
            outcome=result.outcome,
            reasons=list(result.reasons),
            eligibility_summary=summary,
            apply_url=apply_url(service.slug),
        )
    )


async def run_check(request: Request, principal: ApiPrincipal | None) -> Response:
    service, check = _checkable(request.path_params["service"])
    data = await json_object(request)
    return await run_in_threadpool(_run, service, check, data)


def _body(service: ServiceDeclaration) -> ServiceBody | None:
    check = service.quick_check
    if check is None:
        return None
    return ServiceBody(
        "QuickCheck", check.questions, extra={CONSENT: consent_schema(check)}, required=(CONSENT,)
    )


SERVICE = Param("service", "path", "The slug of a service with a quick check.")

ROUTES = [
    ApiRoute(
        "GET",
        "/eligibility/{service}",
        describe_check,
        scope="services:read",
        operation_id="describeQuickCheck",
        summary="What a service's quick check asks, and the consent to show first",
        params=(SERVICE,),
        responses={
            200: ("The questions and the consent text.", QuickCheckQuestions),
            404: ("No such service, or it has no quick check.", Error),
        },
    ),
    ApiRoute(
        "POST",
        "/eligibility/{service}",
        run_check,
        scope="eligibility:check",
        operation_id="runQuickCheck",
        summary="Check whether a person qualifies, before they apply",
        description="Send the check's questions (see GET on this path, or the request "
        'schemas) and `"consent": true` once the person has agreed to the consent text. '
        'Nothing is stored. An outcome of "unavailable" is still a 200: the check could not '
        "be made just now, which does not mean the person does not qualify.",
        params=(SERVICE,),
        service_body=_body,
        responses={
            200: ("The outcome of the check.", EligibilityResult),
            404: ("No such service, or it has no quick check.", Error),
            422: ("Answers that need correcting, or no consent.", ValidationErrors),
        },
    ),
]
