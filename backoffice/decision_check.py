"""What the officer checks before a decision that sends the applicant a message.

The page shows what will happen to the case and each message exactly as the applicant
will get it, by each channel they will get it by, with the officer's reason filled in:
a message cannot be taken back once it is sent.
"""

from __future__ import annotations

from typing import Any

from backoffice.decision_form import CHOICE, Decision, note_field, reason_field
from backoffice.message_preview import CHANNEL_NAMES
from backoffice.pages import state_of
from casework import outbox
from casework.declaration import ServiceDeclaration
from casework.messages import get_message
from casework.models import Case
from casework.workflow import Transition
from notifications.preview import preview

TEMPLATE = "backoffice/check_decision.html"


def _recipient(contacts: Any, channel: str) -> str:
    if channel == "letter":
        return ", ".join(contacts.letter_address().values())
    return (contacts.email if channel == "email" else contacts.mobile) or ""


def _paragraphs(body: str, channel: str) -> list[dict[str, Any]]:
    """A message body as paragraphs; in emails and letters Notify shows a paragraph of
    "* " lines as a bulleted list, so the check page does too."""
    paragraphs: list[dict[str, Any]] = []
    for text in body.split("\n\n"):
        lines = text.splitlines()
        if channel != "sms" and lines and all(line.startswith("* ") for line in lines):
            paragraphs.append({"bullets": [line[2:] for line in lines]})
        else:
            paragraphs.append({"text": text})
    return paragraphs


def _sent(service: ServiceDeclaration, case: Case, transition: Transition, reason: str) -> list:
    """Each message the move sends the applicant, by each channel it will go by."""
    contacts = service.contacts(case)
    sent = []
    for name in transition.messages:
        message = get_message(name)
        values = outbox.message_personalisation(service, case, name, reason=reason or None)
        for channel in contacts.channels():
            if channel not in message.wording:
                continue
            filled = {**values, **contacts.letter_address()} if channel == "letter" else values
            shown = preview(message, channel, filled)
            sent.append(
                {
                    "description": message.description,
                    "channel": CHANNEL_NAMES.get(channel, channel),
                    "recipient": _recipient(contacts, channel),
                    "subject": shown.subject,
                    "paragraphs": _paragraphs(shown.body, channel),
                }
            )
    return sent


def check_context(
    service: ServiceDeclaration,
    case: Case,
    transition: Transition,
    decision: Decision,
) -> dict[str, Any]:
    target = state_of(service, transition.target)
    # Sent back with "Confirm and send" or "Change", so nothing is kept between requests.
    hidden = {CHOICE: transition.name, "status": decision.seen_status or case.status}
    if transition.needs_reason:
        hidden[reason_field(transition.name)] = decision.reason
    elif decision.note:
        hidden[note_field(transition.name)] = decision.note
    return {
        "case": case,
        "service": service,
        "contacts": service.contacts(case),
        "transition": transition,
        "target": target,
        "decision": decision,
        "sent": _sent(service, case, transition, decision.reason),
        # Messages the move's effects send to others (e.g. a school), named, not shown.
        "others": [get_message(name).description for name in transition.effects_send],
        "hidden": hidden,
    }
