"""Notify's callbacks: delivery receipts and inbound texts, at /notifications/callbacks/.

Notify sends ``Authorization: Bearer <token>`` with the token the service configured. It
is compared in constant time; anything else is 401. Both endpoints are idempotent, so
Notify's retries and duplicates are harmless, and answer 2xx once the data is committed.
"""

from __future__ import annotations

import hmac
import json
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from casework import db, inbound, message_status
from casework.settings import get_settings

log = logging.getLogger(__name__)


def authorised(request: Request) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    expected = get_settings().notify_callback_token
    # Both sides are compared whatever the scheme, so timing says nothing about the token.
    same = hmac.compare_digest(token.strip().encode(), expected.encode())
    return bool(expected) and scheme.lower() == "bearer" and same


async def _payload(request: Request) -> dict[str, Any] | None:
    try:
        body = json.loads(await request.body())
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _text_or_absent(body: dict[str, Any], *names: str) -> bool:
    # Notify sends these as strings; a number or an object is not Notify, and would reach a
    # text column's comparison as something PostgreSQL cannot compare.
    return all(body.get(name) is None or isinstance(body[name], str) for name in names)


def _time(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


def _unauthorised() -> Response:
    return JSONResponse(
        {"error": "Unauthorised"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
    )


async def delivery_receipt(request: Request) -> Response:
    if not authorised(request):
        return _unauthorised()
    body = await _payload(request)
    if (
        body is None
        or not isinstance(body.get("status"), str)
        or not _text_or_absent(body, "reference", "id")
    ):
        return JSONResponse({"error": "Expected a Notify delivery receipt"}, status_code=400)
    with db.transaction() as session:
        outcome = message_status.apply_receipt(
            session,
            reference=body.get("reference"),
            notify_id=body.get("id"),
            status=body["status"],
            at=_time(body.get("completed_at") or body.get("sent_at")),
        )
    if outcome == "unknown":
        # Answered 2xx all the same: Notify would otherwise retry a message we never sent.
        log.warning("Delivery receipt for an unknown message: %s", body.get("id"))
    return JSONResponse({"result": outcome})


async def inbound_text(request: Request) -> Response:
    if not authorised(request):
        return _unauthorised()
    body = await _payload(request)
    if (
        body is None
        or not body.get("id")
        or not body.get("source_number")
        or not _text_or_absent(body, "id")
    ):
        return JSONResponse({"error": "Expected a Notify inbound text message"}, status_code=400)
    try:
        with db.transaction() as session:
            text = inbound.receive_text(
                session,
                notify_id=str(body["id"]),
                source_number=str(body["source_number"]),
                destination_number=body.get("destination_number"),
                content=str(body.get("message") or ""),
                received_at=_time(body.get("date_received")),
            )
            routed_to = text.routed_to
    except IntegrityError:
        # The same text arriving twice at once: the other request stored it.
        return JSONResponse({"result": "duplicate"})
    return JSONResponse({"result": routed_to})


routes = [
    Route("/delivery", delivery_receipt, methods=["POST"]),
    Route("/inbound-sms", inbound_text, methods=["POST"]),
]
