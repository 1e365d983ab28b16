"""The notification pipeline end to end: real PostgreSQL, Redis and Celery worker, the
sandbox over HTTP, and the portal's callback endpoints over HTTP. Only Notify is faked."""

from __future__ import annotations

from typing import Any

import pytest
from celery import signals
from notifications_python_client.notifications import NotificationsAPIClient
from sqlalchemy import select

from casework import db, outbox
from casework.catalogue import get_service
from casework.models import Case, CaseEvent, InboundText, OutboxMessage
from casework.settings import get_settings
from portal import dispatch
from tests.conftest import wait_for

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _pipeline(clean_db, celery_worker, sandbox) -> None:
    dispatch.install()


def make_case(reference: str = "FSM-2346-789A", **contact: Any) -> int:
    answers = {
        "first_name": "Sam",
        "last_name": "Parent",
        "address_line_1": "1 High Street",
        "town": "Northtown",
        "postcode": "NN1 1AA",
        "children": [{"first_name": "Alex", "last_name": "Parent", "school_urn": "100001"}],
        **contact,
    }
    with db.transaction() as session:
        case = Case(
            reference=reference,
            service="free-school-meals",
            status="awarded",
            channel="officer",
            answers=answers,
        )
        session.add(case)
        session.flush()
        return case.id


def queue(channel: str, recipient: str, case_id: int | None = None) -> str:
    values = {"parent_name": "Sam Parent", "reference": "FSM-2346-789A", "children": ["Alex"]}
    with db.transaction() as session:
        return outbox.queue(session, "fsm_awarded", channel, recipient, values, case_id=case_id).id


def row(message_id: str) -> OutboxMessage:
    with db.transaction() as session:
        return session.get(OutboxMessage, message_id)


def events(case_id: int, action: str) -> list[CaseEvent]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.action == action)
            )
        )


def sent_with(sandbox_messages, reference: str) -> list[dict]:
    return sandbox_messages(reference=reference)


def test_duplicate_task_executions_send_once(sandbox, sandbox_messages):
    from portal.worker import celery_app

    message_id = queue("email", "parent@example.com")  # its task is sent after commit
    for _ in range(3):  # and the broker redelivers it three more times, at once
        celery_app.send_task("notifications.deliver_message", args=(message_id,))
    wait_for(lambda: row(message_id).status == "sent", message="never sent")
    # The duplicates run later (after the lease): they must find it sent and stop.
    wait_for(lambda: sandbox("GET", "/_sandbox/stats")["requests"] >= 1)
    assert len(sent_with(sandbox_messages, message_id)) == 1
    assert sandbox("GET", "/_sandbox/stats")["duplicate_messages"] == 0


def test_a_send_notify_accepted_before_the_worker_died_is_found_not_repeated(
    sandbox, sandbox_messages
):
    from datetime import UTC, datetime, timedelta

    from casework.messages import get_message

    values = {"parent_name": "Sam Parent", "reference": "FSM-2346-789A", "children": ["Alex"]}
    with db.transaction() as session:
        message = outbox.queue(session, "fsm_awarded", "email", "parent@example.com", values)
        # As if a worker claimed it, Notify accepted it and the worker died before recording.
        message.status = "sending"
        message.lease_until = datetime.now(UTC) - timedelta(seconds=1)
        message_id = message.id
        # What was queued: the values given and what the outbox adds (the council's name).
        queued_values = dict(message.personalisation)
        from casework import followups

        followups.forget(session)
    settings = get_settings()
    client = NotificationsAPIClient(settings.notify_api_key, base_url=settings.notify_base_url)
    accepted = client.send_email_notification(
        email_address="parent@example.com",
        template_id=get_message("fsm_awarded").template_id("email"),
        personalisation=queued_values,
        reference=message_id,
    )
    from portal.worker import celery_app

    celery_app.send_task("notifications.deliver_message", args=(message_id,))
    wait_for(lambda: row(message_id).status == "sent", message="never recorded")
    assert row(message_id).notify_id == accepted["id"]
    assert len(sent_with(sandbox_messages, message_id)) == 1


def test_server_errors_are_retried_until_notify_accepts(sandbox, sandbox_messages):
    sandbox("POST", "/_sandbox/fault", {"mode": "500", "count": 3})
    message_id = queue("sms", "07700900123")
    wait_for(lambda: row(message_id).status == "sent", message="never sent after 5xx")
    assert row(message_id).attempts >= 3
    assert sandbox("GET", "/_sandbox/stats")["faulted"] >= 3
    assert len(sent_with(sandbox_messages, message_id)) == 1


def test_rate_limited_sends_wait_and_go_through(sandbox, sandbox_messages):
    sandbox("POST", "/_sandbox/config", {"rate_limit": 0})
    message_id = queue("email", "parent@example.com")
    wait_for(lambda: "429" in (row(message_id).last_error or ""), message="no 429 seen")
    assert row(message_id).status == "queued"  # Notify did not take it
    sandbox("POST", "/_sandbox/config", {"rate_limit": 3000})
    wait_for(lambda: row(message_id).status == "sent", timeout=30, message="never sent")
    assert sandbox("GET", "/_sandbox/stats")["rate_limited"] >= 1
    assert len(sent_with(sandbox_messages, message_id)) == 1


def test_a_bad_request_is_not_retried_and_flags_the_case(sandbox):
    case_id = make_case(email="parent@example.com")
    message_id = queue("email", "not-an-email-address", case_id=case_id)
    wait_for(lambda: row(message_id).status == "failed", message="never gave up")
    failed = row(message_id)
    assert failed.attempts == 1
    assert "400" in failed.last_error
    assert sandbox("GET", "/_sandbox/stats")["bad_requests"] == 1
    with db.transaction() as session:
        assert "could not be sent" in session.get(Case, case_id).attention
    assert len(events(case_id, "message_failed")) == 1


def test_permanent_failure_falls_back_to_text_then_letter(sandbox, sandbox_messages):
    case_id = make_case(
        email="perm-fail@simulator.notify", mobile="07700900002", contact_preference="email"
    )
    with db.transaction() as session:
        case = session.get(Case, case_id)
        [email] = outbox.queue_for_case(
            session, get_service("free-school-meals"), case, "fsm_awarded"
        )
        email_id = email.id

    def by_channel() -> dict[str, OutboxMessage]:
        with db.transaction() as session:
            rows = session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id))
            return {r.channel: r for r in rows}

    wait_for(
        lambda: (
            by_channel().get("letter") is not None
            and by_channel()["letter"].delivery_status == "received"
        ),
        timeout=40,
        message="no letter",
    )
    rows = by_channel()
    assert rows["email"].id == email_id
    assert rows["email"].delivery_status == "permanent-failure"
    assert rows["sms"].fallback_for_id == email_id
    assert rows["sms"].delivery_status == "permanent-failure"
    assert rows["letter"].fallback_for_id == rows["sms"].id
    [letter] = sandbox_messages(reference=rows["letter"].id)
    assert letter["type"] == "letter"
    assert "Sam Parent" in letter["to"] and "NN1 1AA" in letter["to"]
    assert len(events(case_id, "message_fallback")) == 2


def test_temporary_failure_falls_back_to_text(sandbox, sandbox_messages):
    # Notify reports a temporary failure only once it has stopped retrying.
    case_id = make_case(
        email="temp-fail@simulator.notify", mobile="07700900123", contact_preference="email"
    )
    with db.transaction() as session:
        case = session.get(Case, case_id)
        [email] = outbox.queue_for_case(
            session, get_service("free-school-meals"), case, "fsm_awarded"
        )
        email_id = email.id

    def text_message() -> OutboxMessage | None:
        with db.transaction() as session:
            return session.scalars(
                select(OutboxMessage).where(OutboxMessage.fallback_for_id == email_id)
            ).first()

    wait_for(
        lambda: text_message() is not None and text_message().delivery_status == "delivered",
        timeout=40,
        message="no text after the email's temporary failure",
    )
    assert row(email_id).delivery_status == "temporary-failure"
    assert text_message().channel == "sms"
    assert len(sent_with(sandbox_messages, text_message().id)) == 1
    [fallback] = events(case_id, "message_fallback")
    assert "by sms" in fallback.reason


@pytest.fixture
def refused_key(monkeypatch):
    """The worker's settings with a key Notify does not know, as after a key is revoked."""
    from notifications import rate_limit
    from notifications.client import notify_client

    good = get_settings().notify_api_key
    service_id = good.split("-", 1)[1][:36]
    bad = f"revoked-{service_id}-00000000-0000-4000-8000-000000000000"
    monkeypatch.setenv("NOTIFY_API_KEY", bad)
    get_settings.cache_clear()
    notify_client.cache_clear()
    yield
    monkeypatch.delenv("NOTIFY_API_KEY")
    get_settings.cache_clear()
    notify_client.cache_clear()
    # The pause it caused holds every worker; the key is right again, so lift it.
    import redis

    redis.Redis.from_url(get_settings().redis_url).delete(rate_limit.PAUSE_KEY)


def test_a_refused_api_key_holds_the_message_and_every_worker(
    sandbox, sandbox_messages, refused_key
):
    from casework import followups
    from notifications import delivery, rate_limit

    case_id = make_case(email="parent@example.com")
    values = {"parent_name": "Sam Parent", "reference": "FSM-2346-789A", "children": ["Alex"]}
    with db.transaction() as session:
        message = outbox.queue(
            session, "fsm_awarded", "email", "parent@example.com", values, case_id=case_id
        )
        message_id = message.id
        followups.forget(session)  # delivered here, in this process, with the refused key

    attempt = delivery.deliver(message_id)

    assert attempt.verdict == "held"
    held = row(message_id)
    assert held.status == "queued"  # not failed: the message is not at fault
    assert "403" in held.last_error
    assert rate_limit.limiter().try_acquire() > 0  # every worker holds off
    assert sent_with(sandbox_messages, message_id) == []
    with db.transaction() as session:
        assert session.get(Case, case_id).attention is None
    assert events(case_id, "message_failed") == []


def test_inbound_text_naming_a_case_goes_to_that_case(sandbox):
    case_id = make_case(reference="FSM-7K3M-9QXD", mobile="07700900123")
    sandbox(
        "POST",
        "/_sandbox/inbound-sms",
        {"source_number": "07700900123", "message": "Hi, about fsm 7k3m 9qxd: we moved house"},
    )
    wait_for(lambda: events(case_id, "text_received"), message="text never reached the case")
    [event] = events(case_id, "text_received")
    assert "we moved house" in event.reason
    with db.transaction() as session:
        assert session.get(Case, case_id).attention.startswith("New text message")
        [text] = session.scalars(select(InboundText)).all()
        assert text.routed_to == "case"


def test_inbound_text_naming_no_case_goes_to_the_assistant(sandbox):
    published: list[tuple[str, Any]] = []

    def capture(sender=None, body=None, **kwargs):
        published.append((sender, body))

    signals.before_task_publish.connect(capture, weak=False)
    try:
        sandbox(
            "POST",
            "/_sandbox/inbound-sms",
            {"source_number": "07700900456", "message": "When do meals start?"},
        )
        wait_for(lambda: any(name == "assistant.reply_to_text" for name, _ in published))
    finally:
        signals.before_task_publish.disconnect(capture)
    [(_, body)] = [item for item in published if item[0] == "assistant.reply_to_text"]
    assert list(body[0]) == ["07700900456", "When do meals start?"]
    with db.transaction() as session:
        [text] = session.scalars(select(InboundText)).all()
        assert text.routed_to == "assistant" and text.case_id is None
