"""Routes of the Notify sandbox.

``/v2/...`` mirrors GOV.UK Notify's API v2 for sending emails and text messages and reading
one back. ``/_sandbox/messages`` and ``/`` are local tools for people and tests; they have
no authentication, so the sandbox must only ever listen on a local interface.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from notifications.sandbox.auth import ApiKey, authenticate, parse_api_key
from notifications.sandbox.errors import (
    NotifyError,
    bad_request,
    handle_notify_error,
    handle_unexpected_error,
    no_result_found,
    validation_error,
)
from notifications.sandbox.pages import render_messages_page
from notifications.sandbox.rendering import missing_personalisation, render_body, render_subject
from notifications.sandbox.schema import SendRequest, parse_send_request
from notifications.sandbox.store import MessageStore, StoredMessage

# What a Notify service sends from unless it configures its own.
FROM_EMAIL = "local.sandbox@notifications.service.gov.uk"
FROM_NUMBER = "GOVUK"
TEMPLATE_VERSION = 1
TEMPLATE_TYPES = frozenset({"email", "sms", "letter"})

_NOTIFY_DATETIME = "%Y-%m-%dT%H:%M:%S.%fZ"


def _notify_time(moment: datetime) -> str:
    return moment.strftime(_NOTIFY_DATETIME)


def _load_templates(templates: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    loaded: dict[str, dict[str, Any]] = {}
    for template_id, template in templates.items():
        if template.get("type") not in TEMPLATE_TYPES or not isinstance(template.get("body"), str):
            raise ValueError(f"Template {template_id} needs a type (email, sms, letter) and a body")
        # Keyed by canonical form so an id in capitals or without hyphens still matches.
        loaded[str(uuid.UUID(template_id))] = dict(template)
    return loaded


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except ValueError as exc:
        message = f"Error decoding arguments: Failed to decode JSON object: {exc}"
        raise bad_request(message) from None


def _send_response(message: StoredMessage, root: str) -> dict[str, Any]:
    content: dict[str, Any]
    if message.type == "email":
        content = {"subject": message.subject, "body": message.body, "from_email": FROM_EMAIL}
    else:
        content = {"body": message.body, "from_number": FROM_NUMBER}
    return {
        "id": message.id,
        "reference": message.reference,
        "content": content,
        "uri": f"{root}v2/notifications/{message.id}",
        "template": {
            "id": message.template_id,
            "version": message.template_version,
            "uri": f"{root}services/{message.service_id}/templates/{message.template_id}",
        },
        "scheduled_for": None,
    }


def _notification(message: StoredMessage, root: str) -> dict[str, Any]:
    finished = _notify_time(message.created_at)
    return {
        "id": message.id,
        "reference": message.reference,
        "email_address": message.to if message.type == "email" else None,
        "phone_number": message.to if message.type == "sms" else None,
        **{f"line_{n}": None for n in range(1, 7)},
        "postcode": None,
        "type": message.type,
        "status": message.status,
        "template": {
            "id": message.template_id,
            "version": message.template_version,
            # Notify links a notification to the template by its (older) internal route.
            "uri": f"{root}service/{message.service_id}/template/{message.template_id}",
        },
        "body": message.body,
        "subject": message.subject,
        "created_at": finished,
        "created_by_name": None,
        # Delivered at once: there is no provider to wait for.
        "sent_at": finished,
        "completed_at": finished if message.status == "delivered" else None,
        "scheduled_for": None,
        "postage": None,
    }


def _sandbox_view(message: StoredMessage) -> dict[str, Any]:
    return {
        "id": message.id,
        "type": message.type,
        "template_id": message.template_id,
        "to": message.to,
        "subject": message.subject,
        "body": message.body,
        "personalisation": message.personalisation,
        "reference": message.reference,
        "created_at": _notify_time(message.created_at),
        "status": message.status,
    }


def create_app(api_keys: list[str], templates: dict[str, dict]) -> Starlette:
    """A sandbox accepting tokens signed with any of ``api_keys``.

    ``templates`` maps template id to ``{"name", "type", "subject", "body"}``, as
    ``casework.messages.sandbox_templates()`` returns.
    """
    keys = [parse_api_key(key) for key in api_keys]
    catalogue = _load_templates(templates)
    store = MessageStore()

    def authenticated(request: Request) -> ApiKey:
        return authenticate(request.headers.get("Authorization"), keys)

    def build_message(send: SendRequest, key: ApiKey) -> StoredMessage:
        template = catalogue.get(send.template_id)
        if template is None:
            raise bad_request("Template not found")
        if template["type"] != send.notification_type:
            raise bad_request(
                f"{template['type']} template is not suitable for "
                f"{send.notification_type} notification"
            )
        subject = template.get("subject") if send.notification_type == "email" else None
        missing = missing_personalisation(send.personalisation, subject, template["body"])
        if missing:
            raise bad_request(f"Missing personalisation: {', '.join(missing)}")
        return StoredMessage(
            id=str(uuid.uuid4()),
            service_id=key.service_id,
            type=send.notification_type,
            template_id=send.template_id,
            template_version=TEMPLATE_VERSION,
            to=send.recipient,
            normalised_to=send.normalised_recipient,
            subject=render_subject(subject, send.personalisation) if subject else None,
            body=render_body(template["body"], send.personalisation),
            reference=send.reference,
            created_at=datetime.now(UTC),
            personalisation=send.personalisation,
        )

    async def send(request: Request, notification_type: str) -> JSONResponse:
        key = authenticated(request)
        payload = await _json_body(request)
        message = build_message(parse_send_request(notification_type, payload), key)
        store.add(message)
        return JSONResponse(_send_response(message, str(request.base_url)), status_code=201)

    async def send_email(request: Request) -> JSONResponse:
        return await send(request, "email")

    async def send_sms(request: Request) -> JSONResponse:
        return await send(request, "sms")

    async def get_notification(request: Request) -> JSONResponse:
        key = authenticated(request)
        try:
            notification_id = str(uuid.UUID(request.path_params["notification_id"]))
        except ValueError:
            raise validation_error(["notification_id is not a valid UUID"]) from None
        message = store.get(notification_id)
        # A service sees only its own notifications, as in Notify.
        if message is None or message.service_id != key.service_id:
            raise no_result_found()
        return JSONResponse(_notification(message, str(request.base_url)))

    async def list_notifications(request: Request) -> JSONResponse:
        # Notify's GET /v2/notifications: a service's own messages, newest first, which a
        # sender uses to ask "did you already accept this reference?".
        key = authenticated(request)
        reference = request.query_params.get("reference")
        kind = request.query_params.get("template_type")
        found = [
            message
            for message in reversed(store.find(reference=reference))
            if message.service_id == key.service_id and (not kind or message.type == kind)
        ]
        root = str(request.base_url)
        return JSONResponse(
            {
                "notifications": [_notification(message, root) for message in found[:250]],
                "links": {"current": f"{root}v2/notifications"},
            }
        )

    async def list_messages(request: Request) -> JSONResponse:
        found = store.find(
            reference=request.query_params.get("reference"),
            to=request.query_params.get("to"),
        )
        return JSONResponse([_sandbox_view(message) for message in found])

    async def clear_messages(request: Request) -> Response:
        store.clear()
        return Response(status_code=204)

    async def messages_page(request: Request) -> HTMLResponse:
        return HTMLResponse(render_messages_page(store.find()))

    app = Starlette(
        routes=[
            Route("/", messages_page, methods=["GET"]),
            Route("/v2/notifications/email", send_email, methods=["POST"]),
            Route("/v2/notifications/sms", send_sms, methods=["POST"]),
            Route("/v2/notifications", list_notifications, methods=["GET"]),
            Route("/v2/notifications/{notification_id}", get_notification, methods=["GET"]),
            Route("/_sandbox/messages", list_messages, methods=["GET"]),
            Route("/_sandbox/messages", clear_messages, methods=["DELETE"]),
        ],
        exception_handlers={NotifyError: handle_notify_error, Exception: handle_unexpected_error},
    )
    app.state.store = store
    return app
