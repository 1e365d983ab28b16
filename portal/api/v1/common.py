"""What every resource of API v1 shares: finding the service a request names, who the
caller is in a case's history, and the public addresses the answers point to."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from casework.accounts import ApiPrincipal
from casework.catalogue import all_services, find_service
from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.references import normalise_reference
from casework.settings import get_settings
from casework.workflow import Actor
from portal.api.errors import ApiError, InvalidAnswers
from portal.api.schemas import QuickCheckOut, StatusCheckOut

UNKNOWN_SERVICE = "Enter a service from GET /api/v1/services"


def public_url(path: str) -> str:
    return f"{get_settings().public_base_url.rstrip('/')}{path}"


def apply_url(slug: str) -> str:
    return public_url(f"/apply/{slug}")


def api_url(path: str) -> str:
    return public_url(f"/api/v1{path}")


def service_in_path(slug: str) -> ServiceDeclaration:
    """The service a path names, or ApiError 404."""
    service = find_service(slug)
    if service is None:
        raise ApiError(404, "There is no service with that name")
    return service


def service_applied_for(slug: str) -> ServiceDeclaration:
    """A service people apply for, named in a body; InvalidAnswers otherwise."""
    service = find_service(slug)
    if service is None or not service.apply_online:
        raise InvalidAnswers({"service": UNKNOWN_SERVICE})
    return service


def service_for_reference(reference: str) -> ServiceDeclaration | None:
    """The service whose references begin like this one; no database look-up, so it says
    nothing about whether the case exists."""
    prefix = normalise_reference(reference).split("-")[0]
    return next((s for s in all_services() if s.reference_prefix == prefix), None)


def read_answers(
    service: ServiceDeclaration, session: Session, answers: dict[str, Any]
) -> BaseModel:
    """A whole application checked by its service, or InvalidAnswers by field path."""
    try:
        return service.validate(session, answers)
    except ValidationError as exc:
        raise InvalidAnswers(errors_from(exc)) from None


def actor(principal: ApiPrincipal | None) -> Actor:
    # The route table gives every creating route a scope, so a principal is always present.
    assert principal is not None
    return Actor(kind="api", id=principal.client_id, label=principal.name)


def required(principal: ApiPrincipal | None) -> ApiPrincipal:
    # As above: a route with a scope always has a principal.
    assert principal is not None
    return principal


def aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def status_check_out(service: ServiceDeclaration) -> StatusCheckOut | None:
    check = service.status_check
    if check is None:
        return None
    question = check.question
    return StatusCheckOut(prompt=check.prompt, label=question.title, component=question.component)


def quick_check_out(service: ServiceDeclaration) -> QuickCheckOut | None:
    check = service.quick_check
    if check is None:
        return None
    return QuickCheckOut(url=api_url(f"/eligibility/{service.slug}"), consent=check.consent)
