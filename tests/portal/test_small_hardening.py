"""Smaller hardening: stored uploads named by their content, another citizen's submission key
not followed, Notify callbacks refusing ids that are not text, the Rasa token sent."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casework import db, documents
from casework.models import Case, Document, Person
from casework.settings import get_settings
from casework.workflow import Actor
from tests.conftest import csrf_token

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
VICTIM_REFERENCE = "FSM-2346-789B"


def _case(reference: str = VICTIM_REFERENCE, **values) -> int:
    with db.transaction() as session:
        case = Case(
            reference=reference,
            service="free-school-meals",
            status="submitted",
            channel="web",
            answers={"first_name": "Sam", "last_name": "Parent", "children": []},
            **values,
        )
        session.add(case)
        session.flush()
        return case.id


# --- Uploads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent_as", "content", "kept_as"),
    [
        ("payslip.html", PDF, "payslip.pdf"),
        ("letter.pdf.exe", PDF, "letter_pdf.pdf"),
        ("photo.pdf", PNG, "photo.png"),
        ("scan.PDF", PDF, "scan.pdf"),
        (".htaccess", PNG, "htaccess.png"),
        ("../../etc/passwd", PDF, "passwd.pdf"),
    ],
)
def test_a_stored_file_gets_the_extension_of_its_content(clean_db, sent_as, content, kept_as):
    case_id = _case()
    with db.transaction() as session:
        case = session.get(Case, case_id)
        actor = Actor(kind="citizen", label="parent@example.com")
        documents.store(session, case, sent_as, content, actor)

    with db.transaction() as session:
        assert session.scalars(select(Document.filename)).one() == kept_as


# --- Submission keys -------------------------------------------------------------------


def test_another_citizens_submission_key_is_not_followed(citizen):
    with db.transaction() as session:
        victim = Person(email="victim@example.com")
        session.add(victim)
        session.flush()
        victim_id = victim.id
    _case(applicant_id=victim_id, idempotency_key="web:the-victims-key")
    token = csrf_token(citizen.get("/sign-in").text)

    response = citizen.post(
        "/apply/free-school-meals/check-answers",
        data={"submission_key": "the-victims-key", "csrf_token": token},
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert VICTIM_REFERENCE not in response.headers["location"]
    assert "confirmation" not in response.headers["location"]


# --- Notify callbacks ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"id": {"$ne": None}, "reference": "1", "status": "delivered"},
        {"id": "7f3a9d0e", "reference": 12, "status": "delivered"},
        {"id": ["a"], "status": "delivered"},
    ],
)
def test_a_delivery_receipt_with_ids_that_are_not_text_is_400(anonymous, clean_db, body):
    headers = {"Authorization": f"Bearer {get_settings().notify_callback_token}"}

    response = anonymous.post("/notifications/callbacks/delivery", json=body, headers=headers)

    assert response.status_code == 400
    assert response.json() == {"error": "Expected a Notify delivery receipt"}


def test_an_inbound_text_with_an_id_that_is_not_text_is_400(anonymous, clean_db):
    headers = {"Authorization": f"Bearer {get_settings().notify_callback_token}"}
    body = {"id": {"a": 1}, "source_number": "447700900982", "message": "hello"}

    response = anonymous.post("/notifications/callbacks/inbound-sms", json=body, headers=headers)

    assert response.status_code == 400


# --- Rasa's token ----------------------------------------------------------------------


def test_the_rasa_client_sends_the_configured_token(monkeypatch):
    from portal.assistant import rasa

    monkeypatch.setattr(get_settings(), "rasa_auth_token", "the-rasa-token")
    rasa.reset_client()
    try:
        request = rasa.client().build_request("POST", "/webhooks/rest/webhook", json={})
        assert request.url.params["token"] == "the-rasa-token"
    finally:
        rasa.reset_client()


def test_no_token_is_sent_when_none_is_set(monkeypatch):
    from portal.assistant import rasa

    monkeypatch.setattr(get_settings(), "rasa_auth_token", "")
    rasa.reset_client()
    try:
        request = rasa.client().build_request("POST", "/webhooks/rest/webhook", json={})
        assert "token" not in request.url.params
    finally:
        rasa.reset_client()
