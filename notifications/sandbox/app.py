"""Routes of the Notify sandbox.

``/v2/...`` mirrors GOV.UK Notify's API v2 for sending emails and text messages and reading
one back. ``/_sandbox/messages`` and ``/`` are local tools for people and tests; they have
no authentication, so the sandbox must only ever listen on a local interface.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from notifications.sandbox.auth import ApiKey, authenticate, parse_api_key
from notifications.sandbox.control import Control, SandboxConfig
from notifications.sandbox.errors import (
    NotifyError,
    bad_request,
    handle_notify_error,
    handle_unexpected_error,
    no_result_found,
    validation_error,
)
from notifications.sandbox.pages import render_messages_page
from notifications.sandbox.receipts import Dispatcher, final_status
from notifications.sandbox.rendering import missing_personalisation, render_body, render_subject
from notifications.sandbox.schema import SendRequest, parse_letter_request, parse_send_request
from notifications.sandbox.store import DEFAULT_MAX_MESSAGES, MessageStore, StoredMessage

# What a Notify service sends from unless it configures its own.
FROM_EMAIL = "local.sandbox@notifications.service.gov.uk"
FROM_NUMBER = "GOVUK"
# The number people text to reach the council's service (its inbound number).
INBOUND_NUMBER = "07700900999"
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
    elif message.type == "letter":
        content = {"subject": message.subject, "body": message.body}
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
    lines = message.to.split("\n") if message.type == "letter" else []
    return {
        "id": message.id,
        "reference": message.reference,
        "email_address": message.to if message.type == "email" else None,
        "phone_number": message.to if message.type == "sms" else None,
        **{f"line_{n}": (lines[n - 1] if n <= len(lines) else None) for n in range(1, 7)},
        "postcode": lines[-1] if lines else None,
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
        "sent_at": finished,
        "completed_at": _notify_time(message.completed_at) if message.completed_at else None,
        "scheduled_for": None,
        "postage": "second" if message.type == "letter" else None,
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


def create_app(
    api_keys: list[str],
    templates: dict[str, dict],
    *,
    config: SandboxConfig | None = None,
    max_messages: int = DEFAULT_MAX_MESSAGES,
) -> Starlette:
    """A sandbox accepting tokens signed with any of ``api_keys``.

    ``templates`` maps template id to ``{"name", "type", "subject", "body"}``, as
    ``casework.messages.sandbox_templates()`` returns. ``config`` sets the limits, the
    receipt delay and the callback URLs; all can be changed later at ``/_sandbox/config``.
    """
    keys = [parse_api_key(key) for key in api_keys]
    catalogue = _load_templates(templates)
    store = MessageStore(max_messages)
    control = Control(config or SandboxConfig())
    dispatcher = Dispatcher(control)
    inbound: list[dict[str, Any]] = []

    async def authenticated(request: Request) -> ApiKey:
        control.count("requests")
        fault = control.take_fault()
        if fault is not None and fault.mode == "hang":
            # Stop answering until the outage ends (or the caller gives up and hangs up).
            while control.fault_on() and not await request.is_disconnected():
                await asyncio.sleep(0.2)
            raise NotifyError(
                503, [{"error": "Exception", "message": "Service temporarily unavailable"}]
            )
        if fault is not None:
            raise NotifyError(500, [{"error": "Exception", "message": "Internal server error"}])
        key = authenticate(request.headers.get("Authorization"), keys)
        # Counted per key, after authentication, as Notify counts them.
        control.check_rate(f"{key.service_id}:{key.secret}")
        return key

    def finish(message: StoredMessage) -> None:
        status = final_status(message.type, message.normalised_to)
        done = store.set_status(message.id, status, datetime.now(UTC))
        if done is None:
            return
        receipt = {
            "id": done.id,
            "reference": done.reference,
            "to": done.to,
            "status": done.status,
            "created_at": _notify_time(done.created_at),
            "completed_at": _notify_time(done.completed_at or done.created_at),
            "sent_at": _notify_time(done.created_at),
            "notification_type": done.type,
            "template_id": done.template_id,
            "template_version": done.template_version,
        }
        url = control.config.callback_url
        if url:
            dispatcher.post(url, receipt)
            if control.config.duplicate_receipts:
                dispatcher.post(url, receipt)

    def build_message(send: SendRequest, key: ApiKey) -> StoredMessage:
        template = catalogue.get(send.template_id)
        if template is None:
            raise bad_request("Template not found")
        if template["type"] != send.notification_type:
            raise bad_request(
                f"{template['type']} template is not suitable for "
                f"{send.notification_type} notification"
            )
        subject = template.get("subject") if send.notification_type != "sms" else None
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
            status="accepted" if send.notification_type == "letter" else "sending",
        )

    async def send(request: Request, notification_type: str) -> JSONResponse:
        key = await authenticated(request)
        payload = await _json_body(request)
        try:
            if notification_type == "letter":
                parsed = parse_letter_request(payload)
            else:
                parsed = parse_send_request(notification_type, payload)
            message = build_message(parsed, key)
        except NotifyError:
            control.count("bad_requests")
            raise
        control.check_daily(key.service_id)
        store.add(message)
        control.count("accepted")
        delay = control.config.receipt_delay
        if delay > 0:
            dispatcher.at(delay, lambda: finish(message))
        else:
            finish(message)
        return JSONResponse(_send_response(message, str(request.base_url)), status_code=201)

    async def send_letter(request: Request) -> JSONResponse:
        return await send(request, "letter")

    async def send_email(request: Request) -> JSONResponse:
        return await send(request, "email")

    async def send_sms(request: Request) -> JSONResponse:
        return await send(request, "sms")

    async def get_notification(request: Request) -> JSONResponse:
        key = await authenticated(request)
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
        key = await authenticated(request)
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

    async def received_texts(request: Request) -> JSONResponse:
        # Notify's GET /v2/received-text-messages, newest first.
        await authenticated(request)
        root = str(request.base_url)
        return JSONResponse(
            {
                "received_text_messages": list(reversed(inbound))[:250],
                "links": {"current": f"{root}v2/received-text-messages"},
            }
        )

    async def inject_inbound(request: Request) -> Response:
        """A person texts the service: stored, then POSTed to the inbound callback URL."""
        if request.headers.get("content-type", "").startswith("application/json"):
            data = await _json_body(request)
        else:
            data = dict(await request.form())
        source = str(data.get("source_number") or "").strip()
        text = str(data.get("message") or "").strip()
        if not source or not text:
            raise bad_request("source_number and message are required")
        received = {
            "id": str(uuid.uuid4()),
            "source_number": source,
            "destination_number": INBOUND_NUMBER,
            "message": text,
            "date_received": _notify_time(datetime.now(UTC)),
            "service_id": keys[0].service_id if keys else None,
            "user_number": source,
            "notify_number": INBOUND_NUMBER,
            "content": text,
            "created_at": _notify_time(datetime.now(UTC)),
        }
        inbound.append(received)
        callback = {k: received[k] for k in ("id", "source_number", "destination_number")}
        callback.update(message=text, date_received=received["date_received"])
        dispatcher.at(0, lambda: dispatcher.post(control.config.inbound_callback_url, callback))
        if "application/json" in request.headers.get("content-type", ""):
            return JSONResponse(received, status_code=201)
        return RedirectResponse("/", status_code=303)

    async def read_config(request: Request) -> JSONResponse:
        return JSONResponse(control.snapshot())

    async def change_config(request: Request) -> JSONResponse:
        try:
            control.config.update(await _json_body(request))
        except (ValueError, TypeError) as exc:
            raise bad_request(str(exc)) from None
        return JSONResponse(control.snapshot())

    async def set_fault(request: Request) -> JSONResponse:
        body = await _json_body(request)
        try:
            control.set_fault(
                body.get("mode"), float(body.get("seconds", 0)), int(body.get("count", 0))
            )
        except (ValueError, TypeError) as exc:
            raise bad_request(str(exc)) from None
        return JSONResponse(control.snapshot())

    async def clear_fault(request: Request) -> Response:
        control.set_fault(None)
        return Response(status_code=204)

    async def stats(request: Request) -> JSONResponse:
        counts = store.reference_counts()
        by_status: dict[str, int] = {}
        for message in store.find():
            by_status[message.status] = by_status.get(message.status, 0) + 1
        return JSONResponse(
            {
                **control.snapshot()["counters"],
                "stored": len(store),
                "references": len(counts),
                "duplicate_references": sum(1 for n in counts.values() if n > 1),
                "duplicate_messages": sum(n - 1 for n in counts.values() if n > 1),
                "by_status": by_status,
            }
        )

    async def reset(request: Request) -> Response:
        store.clear()
        inbound.clear()
        control.reset()
        return Response(status_code=204)

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
        return HTMLResponse(render_messages_page(store.find(), inbound))

    app = Starlette(
        routes=[
            Route("/", messages_page, methods=["GET"]),
            Route("/v2/notifications/email", send_email, methods=["POST"]),
            Route("/v2/notifications/sms", send_sms, methods=["POST"]),
            Route("/v2/notifications/letter", send_letter, methods=["POST"]),
            Route("/v2/received-text-messages", received_texts, methods=["GET"]),
            Route("/v2/notifications", list_notifications, methods=["GET"]),
            Route("/v2/notifications/{notification_id}", get_notification, methods=["GET"]),
            Route("/_sandbox/messages", list_messages, methods=["GET"]),
            Route("/_sandbox/messages", clear_messages, methods=["DELETE"]),
            Route("/_sandbox/inbound-sms", inject_inbound, methods=["POST"]),
            Route("/_sandbox/config", read_config, methods=["GET"]),
            Route("/_sandbox/config", change_config, methods=["POST"]),
            Route("/_sandbox/fault", set_fault, methods=["POST"]),
            Route("/_sandbox/fault", clear_fault, methods=["DELETE"]),
            Route("/_sandbox/stats", stats, methods=["GET"]),
            Route("/_sandbox/reset", reset, methods=["POST"]),
        ],
        exception_handlers={NotifyError: handle_notify_error, Exception: handle_unexpected_error},
    )
    app.state.store = store
    app.state.control = control
    return app
