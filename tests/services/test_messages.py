"""The contract for a service's messages: each one the applicant can be sent has wording for
every way the service can reach them, its placeholders are all filled from a sample case,
and every message a move really sends renders in the local Notify sandbox.
"""

from __future__ import annotations

from typing import Any

import pytest
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient
from sqlalchemy import select

from casework import db, outbox
from casework.declaration import Contacts, ServiceDeclaration
from casework.messages import get_message, placeholders, sandbox_templates
from casework.models import OutboxMessage
from casework.settings import get_settings
from tests.services.helpers import (
    SAMPLE_REASON,
    each_service,
    load_case,
    move,
    path_to,
    submit_sample,
)

# Stand-ins for the applicant's address when a service collects none, so a letter wording
# can still be rendered.
SAMPLE_ADDRESS = {
    "address_line_1": "A Person",
    "address_line_2": "1 High Street",
    "address_line_3": "NT1 1AA",
}


def _to_applicant(service: ServiceDeclaration) -> list[str]:
    """Messages sent to the applicant (by the channels they can be reached on)."""
    names = dict.fromkeys(service.submitted_messages)
    for transition in service.workflow.transitions:
        names.update(dict.fromkeys(transition.messages))
    return list(names)


def _reachable(contacts: Contacts) -> list[str]:
    """Every channel a message to this person may go by, fallbacks included."""
    have = {"email": contacts.email, "sms": contacts.mobile, "letter": len(contacts.address) >= 2}
    return [channel for channel, given in have.items() if given]


@pytest.fixture
def notify(clean_db, notify_sandbox: str) -> NotificationsAPIClient:
    return NotificationsAPIClient(get_settings().notify_api_key, base_url=notify_sandbox)


def _send(
    notify: NotificationsAPIClient,
    template_id: str,
    channel: str,
    recipient: str,
    personalisation: dict[str, Any],
) -> dict[str, Any]:
    common = {"template_id": template_id, "personalisation": personalisation}
    if channel == "email":
        return notify.send_email_notification(email_address=recipient, **common)
    if channel == "sms":
        return notify.send_sms_notification(phone_number=recipient, **common)
    return notify.send_letter_notification(**common)


def _unfilled(content: dict[str, Any]) -> set[str]:
    return placeholders(content.get("subject"), content.get("body"))


@each_service()
def test_every_message_to_the_applicant_has_wording_for_every_way_to_reach_them(clean_db, service):
    contacts = service.contacts(load_case(submit_sample(service)))
    channels = _reachable(contacts)
    assert channels, f"{service.slug}: the sample case gives no way to reach the applicant"

    gaps = {
        name: [c for c in channels if c not in get_message(name).wording]
        for name in _to_applicant(service)
    }

    assert not {name: missing for name, missing in gaps.items() if missing}, (
        f"{service.slug}: messages without wording for a channel the applicant can be "
        f"reached on: {gaps}"
    )


@each_service()
def test_every_placeholder_is_filled_from_a_sample_case(clean_db, service):
    case = load_case(submit_sample(service))

    for name in _to_applicant(service):
        message = get_message(name)
        # The service's fields, the officer's reason and what the outbox fills for every
        # message (the council's name, the contact page).
        given = outbox.message_personalisation(service, case, name, reason=SAMPLE_REASON)
        empty = [key for key in message.personalisation if given.get(key) in (None, "", [])]
        assert not empty, f"{service.slug}: {name} needs {empty}, which a sample case lacks"


@each_service()
def test_every_wording_renders_in_the_notify_sandbox(notify, service):
    case = load_case(submit_sample(service))
    contacts = service.contacts(case)
    templates = sandbox_templates()

    for name in _to_applicant(service):
        message = get_message(name)
        values = outbox.message_personalisation(service, case, name, reason=SAMPLE_REASON)
        for channel in message.wording:
            template_id = message.template_id(channel)
            assert template_id in templates, f"the sandbox does not know {name} ({channel})"
            address = contacts.letter_address() if len(contacts.address) >= 2 else SAMPLE_ADDRESS
            personalisation = {**values, **address} if channel == "letter" else values
            recipient = "contract.test@example.com" if channel == "email" else "07700900000"
            try:
                sent = _send(notify, template_id, channel, recipient, personalisation)
            except HTTPError as error:
                pytest.fail(f"{service.slug}: {name} ({channel}) was refused: {error.message}")
            assert not _unfilled(sent["content"]), f"{name} ({channel}): {sent['content']}"


@each_service()
def test_every_message_a_move_sends_renders_in_the_notify_sandbox(notify, service):
    """What each move really queues (to the applicant or anyone else, e.g. by an effect),
    delivered to the sandbox exactly as the pipeline would deliver it."""
    for transition in service.workflow.transitions:
        path = path_to(service, transition.sources)
        assert path is not None, f"{service.slug}: {transition.name} cannot be reached"
        reference = submit_sample(service)
        move(service, reference, [*path, transition])

        with db.transaction() as session:
            case_id = load_case(reference).id
            rows = session.scalars(
                select(OutboxMessage).where(OutboxMessage.case_id == case_id)
            ).all()
            queued = [
                (r.message_name, r.channel, r.recipient, r.template_id, dict(r.personalisation))
                for r in rows
            ]
        sent_names = {name for name, *_ in queued}
        expected = {*transition.messages, *transition.effects_send}
        assert expected <= sent_names, (
            f"{service.slug}: {transition.name} sent {sorted(sent_names)}, "
            f"not all of {sorted(expected)}"
        )
        for name, channel, recipient, template_id, personalisation in queued:
            try:
                sent = _send(notify, template_id, channel, recipient, personalisation)
            except HTTPError as error:
                pytest.fail(f"{service.slug}: {name} ({channel}) was refused: {error.message}")
            assert not _unfilled(sent["content"]), f"{name} ({channel}): {sent['content']}"


@each_service()
def test_every_text_starts_with_the_councils_name_and_carries_no_officers_reason(clean_db, service):
    """People see who a text is from before anything else, and an officer's reason, which
    may run to paragraphs, is read on the case page or in an email or letter instead.
    (An enquiry's reply is the answer itself, not a reason, so it is sent as it is.)"""
    council = get_settings().council_name
    case = load_case(submit_sample(service))
    for name in _to_applicant(service):
        message = get_message(name)
        if "sms" not in message.wording:
            continue
        body = message.wording["sms"].body
        values = outbox.message_personalisation(service, case, name, reason=SAMPLE_REASON)
        assert values["council_name"] == council
        assert body.startswith("((council_name)): "), f"{name}: {body}"
        # A text whose whole content is the officer's words (a reply) is the exception.
        is_the_reply = body.removeprefix("((council_name)): ").startswith("((reason))")
        if not is_the_reply:
            assert "reason" not in placeholders(body), f"{name} pastes the reason into a text"


@each_service()
def test_no_email_asks_for_a_reply_it_cannot_reach(clean_db, service):
    """Without a reply-to address, a reply goes to Notify's no-reply inbox; emails give the
    contact page instead of asking people to reply."""
    for message in service.messages:
        email = message.wording.get("email")
        if email is not None:
            assert "reply to this email" not in email.body.lower(), message.name
