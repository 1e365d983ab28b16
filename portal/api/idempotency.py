"""Idempotency keys: a retried request that creates something gets the first answer back.

Every creating route (applications, enquiries) reads the ``Idempotency-Key`` header and
submits through ``submit_once``, so a retry never makes a second case, and a key reused
for something different is refused rather than answered with the wrong case.
"""

from __future__ import annotations

import re

from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.requests import Request

from casework import applications
from casework.accounts import ApiPrincipal
from casework.declaration import ServiceDeclaration
from casework.models import Case
from casework.workflow import Actor
from portal.api.errors import ApiError
from portal.api.routing import Param
from portal.api.schemas import ValidationErrors

HEADER = "Idempotency-Key"
# Room for a UUID or similar; with our "api:<client id>:" prefix it fits the column.
PATTERN = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")
MALFORMED = "Idempotency-Key must be 1 to 64 letters, digits, dots, colons, hyphens or underscores"
REUSED = "This Idempotency-Key was already used for a different request"


def header(what: str) -> Param:
    """The header as the OpenAPI document describes it, for a route creating ``what``."""
    return Param(
        HEADER,
        "header",
        f"A key unique to this {what} (e.g. a UUID), 1 to 64 characters. A retry with the "
        "same key gets the first answer back.",
        required=False,
        schema={"type": "string", "pattern": PATTERN.pattern},
    )


def responses(
    what: str, model: type[BaseModel], invalid: str
) -> dict[int, tuple[str, type[BaseModel] | None]]:
    """A creating route's documented answers: made now, a repeat, or refused."""
    return {
        201: (f"The {what} was created.", model),
        200: (f"The {HEADER} was used before: the {what} it created.", model),
        422: (f"{invalid}, or an {HEADER} reused for a different {what}.", ValidationErrors),
    }


def key(request: Request, principal: ApiPrincipal) -> str | None:
    """The request's key, namespaced to the client; None if it sent none. ApiError 400 if
    the key is malformed. Read it before the body, so a bad key costs no parsing."""
    value = request.headers.get(HEADER.lower())
    if value is None:
        return None
    if not PATTERN.fullmatch(value):
        raise ApiError(400, MALFORMED)
    # Keys are per client, so two clients can never collide or see each other's cases.
    return f"api:{principal.client_id}:{value}"


def submit_once(
    session: Session,
    service: ServiceDeclaration,
    validated: BaseModel,
    *,
    channel: str,
    actor: Actor,
    idempotency_key: str | None,
) -> tuple[Case, int]:
    """The case and the status to answer with: 201 when made now, 200 for a repeat.

    ApiError 422 when the key made a case for other answers: answering with that case
    would silently drop this request.
    """
    case, created = applications.submit(
        session,
        service,
        validated,
        channel=channel,
        actor=actor,
        idempotency_key=idempotency_key,
    )
    if not created and (
        case.service != service.slug or case.answers != validated.model_dump(mode="json")
    ):
        raise ApiError(422, REUSED)
    return case, 201 if created else 200
