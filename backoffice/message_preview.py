"""Officers preview any message of a case's service with that case's real personalisation,
and clear the flag that asks an officer to look at a case."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.case_page import load_case
from backoffice.pages import page
from casework import db, outbox
from casework.declaration import ServiceDeclaration
from casework.messages import messages_for_service
from casework.workflow import IllegalTransition, record_event
from notifications.preview import preview
from portal.auth import require_officer
from portal.csrf import checked_form

CHANNEL_NAMES = {"email": "Email", "sms": "Text message", "letter": "Letter"}


async def show(request: Request) -> Response:
    officer = require_officer(request)
    reference = request.path_params["reference"]
    with db.transaction() as session:
        case, service = load_case(session, officer, reference)
        messages = messages_for_service(service.slug)
        options = [
            {
                "value": f"{message.name}:{channel}",
                "text": f"{message.description} ({CHANNEL_NAMES.get(channel, channel)})",
            }
            for message in messages
            for channel in message.channels
        ]
        chosen = request.query_params.get("message") or (options[0]["value"] if options else "")
        name, _, channel = chosen.partition(":")
        message = next((m for m in messages if m.name == name), None)
        if options and (message is None or channel not in message.wording):
            raise HTTPException(404)
        rendered = None
        contacts = service.contacts(case)
        if message is not None:
            values = outbox.message_personalisation(service, case, message.name)
            if channel == "letter":
                values = {**values, **contacts.letter_address()}
            rendered = preview(message, channel, values)
        recipient = {
            "email": contacts.email,
            "sms": contacts.mobile,
            "letter": ", ".join(contacts.letter_address().values()),
        }.get(channel)
    context = {
        "case": case,
        "service": service,
        "options": options,
        "chosen": chosen,
        "message": message,
        "channel": CHANNEL_NAMES.get(channel, channel),
        "channel_key": channel,
        "recipient": recipient,
        "preview": rendered,
        "template_id": message.template_id(channel) if message else None,
        "sent_when": _sent_when(service, message.sent_on) if message else "",
    }
    return page(request, "backoffice/message_preview.html", context, officer=officer)


def _sent_when(service: ServiceDeclaration, events: tuple[str, ...]) -> str:
    """The events that send a message, named as officers see them on the case page."""
    labels = []
    for event in events:
        try:
            labels.append(service.workflow.transition(event).label)
        except IllegalTransition:
            labels.append(event.replace("_", " ").capitalize())
    return ", ".join(labels) or "Only when an officer or the portal sends it"


async def clear_attention(request: Request) -> Response:
    officer = require_officer(request)
    await checked_form(request)
    reference = request.path_params["reference"]
    with db.transaction() as session:
        case, _ = load_case(session, officer, reference)
        if case.attention:
            record_event(session, case, officer, "attention_cleared", reason=case.attention)
            case.attention = None
    return RedirectResponse(f"/backoffice/cases/{reference}", status_code=303)


routes = [
    Route("/cases/{reference}/messages/preview", show, methods=["GET"]),
    Route("/cases/{reference}/attention/clear", clear_attention, methods=["POST"]),
]
