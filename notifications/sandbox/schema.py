"""Validates POST /v2/notifications/{email,sms} bodies with Notify's schema messages.

Notify validates with JSON Schema and reports each problem as ``"<field> <problem>"``, with
Python reprs stripped of quotes (``"reference 12 is not of type string"``). Unknown
properties are ignored, as Notify ignores them.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from notifications.sandbox.errors import bad_request, validation_error
from notifications.sandbox.recipients import (
    InvalidRecipient,
    normalise_recipient,
    validate_email_address,
    validate_phone_number,
)

RECIPIENT_FIELD = {"email": "email_address", "sms": "phone_number"}
SENDER_FIELD = {"email": "email_reply_to_id", "sms": "sms_sender_id"}


@dataclass(frozen=True)
class SendRequest:
    notification_type: str
    template_id: str
    recipient: str
    normalised_recipient: str
    personalisation: dict[str, Any] = field(default_factory=dict)
    reference: str | None = None


def _shown(value: Any) -> str:
    return repr(value).replace("'", "")


def _uuid(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def parse_send_request(notification_type: str, payload: Any) -> SendRequest:
    """Return the request's fields, or raise a 400 listing every ValidationError."""
    if not isinstance(payload, dict):
        raise validation_error([f"{_shown(payload)} is not of type object"])

    recipient_field = RECIPIENT_FIELD[notification_type]
    problems = [
        f"{name} is a required property"
        for name in (recipient_field, "template_id")
        if name not in payload
    ]

    template_id = _uuid(payload.get("template_id"))
    if "template_id" in payload and template_id is None:
        problems.append("template_id is not a valid UUID")

    recipient = payload.get(recipient_field)
    normalised = ""
    if recipient_field in payload:
        if not isinstance(recipient, str):
            problems.append(f"{recipient_field} {_shown(recipient)} is not of type string")
        else:
            try:
                if notification_type == "email":
                    validate_email_address(recipient)
                else:
                    validate_phone_number(recipient)
                normalised = normalise_recipient(recipient)
            except InvalidRecipient as exc:
                problems.append(f"{recipient_field} {exc}")

    personalisation = payload.get("personalisation", {})
    if not isinstance(personalisation, dict):
        problems.append("personalisation should contain key value pairs")

    reference = payload.get("reference")
    if "reference" in payload and not isinstance(reference, str):
        problems.append(f"reference {_shown(reference)} is not of type string")

    # Any sender id is accepted: the sandbox has no per-service reply-to addresses or text
    # message senders to check it against, but a malformed one is still an error.
    sender_field = SENDER_FIELD[notification_type]
    if sender_field in payload and _uuid(payload[sender_field]) is None:
        problems.append(f"{sender_field} is not a valid UUID")

    if problems:
        raise validation_error(problems)
    assert template_id is not None and isinstance(recipient, str)
    return SendRequest(
        notification_type=notification_type,
        template_id=template_id,
        recipient=recipient,
        normalised_recipient=normalised,
        personalisation=dict(personalisation),
        reference=reference,
    )


_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}$", re.IGNORECASE)
ADDRESS_LINES = tuple(f"address_line_{n}" for n in range(1, 8))


def parse_letter_request(payload: Any) -> SendRequest:
    """POST /v2/notifications/letter: the address comes in the personalisation."""
    if not isinstance(payload, dict):
        raise validation_error([f"{_shown(payload)} is not of type object"])
    problems = [] if "template_id" in payload else ["template_id is a required property"]
    template_id = _uuid(payload.get("template_id"))
    if "template_id" in payload and template_id is None:
        problems.append("template_id is not a valid UUID")
    personalisation = payload.get("personalisation")
    if personalisation is None:
        problems.append("personalisation is a required property")
        personalisation = {}
    elif not isinstance(personalisation, dict):
        problems.append("personalisation should contain key value pairs")
        personalisation = {}
    for required in ("address_line_1", "address_line_2"):
        if isinstance(personalisation, dict) and not personalisation.get(required):
            problems.append(f"personalisation {required} is a required property")
    reference = payload.get("reference")
    if "reference" in payload and not isinstance(reference, str):
        problems.append(f"reference {_shown(reference)} is not of type string")
    if problems:
        raise validation_error(problems)
    lines = [str(personalisation[k]).strip() for k in ADDRESS_LINES if personalisation.get(k)]
    if len(lines) < 3:
        raise bad_request("Address must be at least 3 lines")
    if not _POSTCODE.match(lines[-1]):
        raise bad_request("Last line of address must be a real UK postcode or another country")
    assert template_id is not None
    return SendRequest(
        notification_type="letter",
        template_id=template_id,
        recipient="\n".join(lines),
        normalised_recipient=lines[0].lower(),
        personalisation=dict(personalisation),
        reference=reference,
    )
