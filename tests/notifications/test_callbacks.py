"""Notify's callbacks: bearer token, idempotent, order-independent, on the case timeline."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casework import db, followups, outbox
from casework.models import Case, CaseEvent, OutboxMessage
from casework.settings import get_settings

DELIVERY = "/notifications/callbacks/delivery"
INBOUND = "/notifications/callbacks/inbound-sms"


@pytest.fixture
def message(clean_db) -> tuple[int, str]:
    with db.transaction() as session:
        case = Case(
            reference="FSM-2346-789B",
            service="free-school-meals",
            status="awarded",
            channel="web",
            answers={"first_name": "Sam", "last_name": "Parent", "children": []},
        )
        session.add(case)
        session.flush()
        values = {"parent_name": "Sam Parent", "reference": case.reference, "children": ["A"]}
        row = outbox.queue(
            session, "fsm_awarded", "email", "p@example.com", values, case_id=case.id
        )
        row.status, row.notify_id = "sent", "7f3a9d0e-1111-4222-8333-444455556666"
        followups.forget(session)  # no delivery: these tests play Notify's part
        return case.id, row.id


def receipt(message_id: str, status: str) -> dict:
    return {
        "id": "7f3a9d0e-1111-4222-8333-444455556666",
        "reference": message_id,
        "to": "p@example.com",
        "status": status,
        "created_at": "2026-11-23T10:00:00.000000Z",
        "completed_at": "2026-11-23T10:00:05.000000Z",
        "sent_at": "2026-11-23T10:00:01.000000Z",
        "notification_type": "email",
        "template_id": "00000000-0000-4000-8000-000000000000",
        "template_version": 1,
    }


def bearer(token: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token or get_settings().notify_callback_token}"}


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}, {"Authorization": ""}],
)
def test_callbacks_without_the_token_are_401(anonymous, message, headers):
    _, message_id = message
    for path, body in ((DELIVERY, receipt(message_id, "delivered")), (INBOUND, {"id": "x"})):
        response = anonymous.post(path, json=body, headers=headers)
        assert response.status_code == 401
    with db.transaction() as session:
        assert session.get(OutboxMessage, message_id).delivery_status is None


def test_receipts_are_idempotent_and_never_go_backwards(anonymous, message):
    case_id, message_id = message
    for status in ("delivered", "delivered", "sending", "created", "delivered"):
        response = anonymous.post(DELIVERY, json=receipt(message_id, status), headers=bearer())
        assert response.status_code == 200
    with db.transaction() as session:
        assert session.get(OutboxMessage, message_id).delivery_status == "delivered"
        events = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == case_id, CaseEvent.action == "message_delivered"
            )
        ).all()
    assert len(events) == 1


def test_a_late_intermediate_status_after_the_final_one_is_ignored(anonymous, message):
    _, message_id = message
    anonymous.post(DELIVERY, json=receipt(message_id, "sending"), headers=bearer())
    anonymous.post(DELIVERY, json=receipt(message_id, "temporary-failure"), headers=bearer())
    anonymous.post(DELIVERY, json=receipt(message_id, "sending"), headers=bearer())
    anonymous.post(DELIVERY, json=receipt(message_id, "delivered"), headers=bearer())
    with db.transaction() as session:
        # The first final status stands: Notify never sends two different final ones.
        assert session.get(OutboxMessage, message_id).delivery_status == "temporary-failure"


def test_receipts_show_on_the_case_page(officer, message):
    case_id, message_id = message
    officer.post(DELIVERY, json=receipt(message_id, "delivered"), headers=bearer())
    page = officer.get("/backoffice/cases/FSM-2346-789B")
    assert "Message delivered" in page.text
    assert "Delivered" in page.text


def test_inbound_text_twice_is_stored_once(anonymous, message):
    case_id, _ = message
    body = {
        "id": "b1a2c3d4-0000-4000-8000-000000000001",
        "source_number": "447700900123",
        "destination_number": "07700900999",
        "message": "FSM-2346-789B is my reference",
        "date_received": "2026-11-23T10:00:00.000000Z",
    }
    for _ in range(2):
        assert anonymous.post(INBOUND, json=body, headers=bearer()).json()["result"] == "case"
    with db.transaction() as session:
        events = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == case_id, CaseEvent.action == "text_received"
            )
        ).all()
    assert len(events) == 1


def test_officer_previews_a_message_with_the_case_details(officer, message):
    page = officer.get(
        "/backoffice/cases/FSM-2346-789B/messages/preview", params={"message": "fsm_awarded:email"}
    )
    assert page.status_code == 200
    assert "Dear Sam Parent" in page.text
    assert "Free school meals awarded FSM-2346-789B" in page.text
