"""The web chat when Rasa is down: the page says so and offers the contact page, and the
rest of the portal carries on. Also the form's own checks, which need no Rasa."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import select

from casework import db
from casework.models import AssistantTurn, OutboxMessage
from casework.settings import get_settings
from portal.assistant import rasa
from tests.conftest import csrf_token, error_messages


@pytest.fixture
def rasa_down(monkeypatch):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{port}")
    get_settings.cache_clear()
    rasa.reset_client()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()
    rasa.reset_client()


def test_the_chat_page_works_without_javascript(anonymous):
    page = anonymous.get("/assistant")

    assert page.status_code == 200
    assert '<label class="govuk-label govuk-label--s" for="message">' in page.text
    assert 'role="log"' in page.text and 'aria-live="polite"' in page.text
    assert '<form method="post" action="/assistant"' in page.text


def test_when_rasa_is_down_the_page_says_so_and_offers_the_contact_page(anonymous, rasa_down):
    token = csrf_token(anonymous.get("/assistant").text)

    sent = anonymous.post(
        "/assistant", data={"message": "where is my application", "csrf_token": token}
    )

    assert sent.status_code == 503
    assert "The assistant is not available at the moment" in sent.text
    assert 'href="/contact"' in sent.text
    assert anonymous.get("/").status_code == 200
    assert anonymous.get("/contact").status_code == 200
    with db.transaction() as session:
        assert session.scalars(select(AssistantTurn)).all() == []


def test_with_htmx_the_notice_comes_back_as_a_fragment(anonymous, rasa_down):
    token = csrf_token(anonymous.get("/assistant").text)

    sent = anonymous.post(
        "/assistant",
        data={"message": "hello", "csrf_token": token},
        headers={"HX-Request": "true"},
    )

    assert sent.status_code == 200
    assert "<html" not in sent.text
    assert "The assistant is not available at the moment" in sent.text


def test_a_text_message_gets_an_apology_when_rasa_is_down(app, rasa_down):
    from portal.assistant.tasks import reply_to_text

    row_id = reply_to_text.apply(args=("07700900982", "hi")).get()

    with db.transaction() as session:
        row = session.get(OutboxMessage, row_id)
        assert row.message_name == "assistant_reply"
        assert row.channel == "sms" and row.recipient == "07700900982"
        assert "not available just now" in row.personalisation["reply"]
        assert "/contact" in row.personalisation["reply"]


def test_an_empty_message_is_refused_with_the_error_summary(anonymous):
    token = csrf_token(anonymous.get("/assistant").text)

    sent = anonymous.post("/assistant", data={"message": "   ", "csrf_token": token})

    assert sent.status_code == 400
    assert error_messages(sent.text) == ["Enter a message"]


def test_a_message_without_the_csrf_token_is_refused(anonymous):
    anonymous.get("/assistant")

    assert anonymous.post("/assistant", data={"message": "hi"}).status_code == 403


def test_the_home_page_offers_the_assistant_and_not_enquiries(anonymous):
    home = anonymous.get("/")

    assert 'href="/assistant"' in home.text
    assert "/apply/enquiry" not in home.text
    assert anonymous.get("/apply/enquiry").status_code == 404
