"""Enquiries: a question the assistant hands to a person, with the conversation so far.

The enquiry is a declared service like any other (read through the catalogue); this
resource creates its cases and says when and how the person will hear back.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import db
from casework.accounts import ApiPrincipal
from casework.catalogue import get_service
from casework.declaration import ServiceDeclaration
from casework.models import Case
from portal.api import idempotency
from portal.api.bodies import answer, json_object
from portal.api.routing import ApiRoute
from portal.api.schemas import EnquiryCreated
from portal.api.v1.common import actor, read_answers, required

SLUG = "enquiry"


def _reply_promise(service: ServiceDeclaration, case: Case) -> str:
    """When and how the person will hear back, in the words the assistant repeats."""
    contacts = service.contacts(case)
    how = (
        f"by email to {contacts.email}"
        if contacts.email
        else f"by text message to {contacts.mobile or ''}"
    )
    by = case.due_on.strftime("%A %-d %B %Y") if case.due_on else "soon"
    return f"Someone from our team will reply {how} by {by}."


def _create(data: dict[str, Any], principal: ApiPrincipal, key: str | None) -> Response:
    service = get_service(SLUG)
    with db.transaction() as session:
        question = read_answers(service, session, data)
        case, status = idempotency.submit_once(
            session,
            service,
            question,
            channel="assistant",
            actor=actor(principal),
            idempotency_key=key,
        )
        assert case.due_on is not None  # every case gets its due date when submitted
        body = EnquiryCreated(
            reference=case.reference,
            status_label=service.workflow.state(case.status).label,
            reply_by=case.due_on,
            next_step=_reply_promise(service, case),
        )
        return answer(body, status)


async def create_enquiry(request: Request, principal: ApiPrincipal | None) -> Response:
    principal = required(principal)
    key = idempotency.key(request, principal)
    data = await json_object(request)
    return await run_in_threadpool(_create, data, principal, key)


ROUTES = [
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
        request_model=get_service(SLUG).application_model,
        headers=(idempotency.header("enquiry"),),
        responses=idempotency.responses("enquiry", EnquiryCreated, "Answers that need correcting"),
    ),
]
