"""Prefill links: a link to the web form with what a person already told the assistant."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import db, partial_answers
from casework.accounts import ApiPrincipal
from casework.declaration import ServiceDeclaration
from portal.api.bodies import answer, json_object, read
from portal.api.routing import ApiRoute
from portal.api.schemas import PrefillLink, PrefillRequest, ValidationErrors
from portal.api.v1.common import service_applied_for
from portal.assistant import prefill


def _prefill(service: ServiceDeclaration, answers: dict[str, Any]) -> PrefillLink:
    with db.transaction() as session:
        usable = partial_answers.usable_answers(session, service, answers)
    return PrefillLink(
        url=prefill.link(service.slug, usable), expires_in_seconds=prefill.MAX_AGE_SECONDS
    )


async def create_prefill_link(request: Request, principal: ApiPrincipal | None) -> Response:
    body = read(PrefillRequest, await json_object(request))
    service = service_applied_for(body.service)
    # Nothing is stored until the person opens the link, so a retry needs no idempotency key.
    return answer(await run_in_threadpool(_prefill, service, body.answers), 201)


ROUTES = [
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
]
