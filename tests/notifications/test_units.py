"""Unit tests: no database, no broker."""

from __future__ import annotations

import time

import jwt
import pytest
from starlette.testclient import TestClient

import casework.services  # noqa: F401 - registers the messages
from casework.declaration import Contacts
from casework.message_status import moves_forward
from casework.messages import Message, Wording, get_message, sandbox_templates
from casework.references import references_in
from notifications.rate_limit import Bucket, LocalLimiter
from notifications.sandbox.app import create_app
from notifications.sandbox.control import SandboxConfig

SERVICE_ID = "0d6d3c8e-6f0a-4b43-9a7b-2f2c8a1e5b10"
SECRET = "9c2f7f46-1a4e-4b8e-8d51-3f6f0c2a7d99"
KEY = f"test_key-{SERVICE_ID}-{SECRET}"


def auth() -> dict[str, str]:
    token = jwt.encode({"iss": SERVICE_ID, "iat": int(time.time())}, SECRET, algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


def sandbox(**config) -> TestClient:
    return TestClient(create_app([KEY], sandbox_templates(), config=SandboxConfig(**config)))


# What the award message needs, including what the outbox fills for every message.
AWARD_VALUES = {
    "council_name": "Northshire County Council",
    "contact_url": "http://127.0.0.1:8000/contact",
    "parent_name": "Sam",
    "reference": "FSM-2346-789A",
    "children": ["A"],
}


def email(to: str = "p@example.com") -> dict:
    values = AWARD_VALUES
    template = get_message("fsm_awarded").template_id("email")
    return {"email_address": to, "template_id": template, "personalisation": values}


@pytest.mark.parametrize("limit", [600, 3000, 60])
def test_the_bucket_never_lets_more_than_the_limit_through_in_a_minute(limit):
    bucket = Bucket.for_limit(limit, 0.97)
    assert bucket.most_in_window(60) <= limit
    assert bucket.rate_per_second * 60 >= 0.95 * limit


def test_local_limiter_hands_out_the_burst_then_waits():
    limiter = LocalLimiter(Bucket(rate_per_second=1.0, capacity=2.0))
    assert limiter.try_acquire() == 0 and limiter.try_acquire() == 0
    assert limiter.try_acquire() > 0


@pytest.mark.parametrize(
    ("current", "new", "forward"),
    [
        (None, "sending", True),
        ("sending", "delivered", True),
        ("delivered", "sending", False),
        ("delivered", "delivered", False),
        ("delivered", "permanent-failure", False),
        ("accepted", "received", True),
    ],
)
def test_status_only_moves_forward(current, new, forward):
    assert moves_forward(current, new) is forward


def test_references_are_found_however_they_are_typed():
    text = "re fsm 7k3m 9qxd and FSM-2346-789A, not FSM-1111-0000"
    assert references_in(text, ["FSM"]) == ["FSM-7K3M-9QXD", "FSM-2346-789A"]
    assert references_in("When do meals start?", ["FSM"]) == []


def test_contact_preference_chooses_channels_and_letters_for_the_unreachable():
    address = ("1 High Street", "NN1 1AA")
    assert Contacts("A", "a@x.org", "07700900123").channels() == ("email", "sms")
    assert Contacts("A", "a@x.org", "07700900123", "sms").channels() == ("sms",)
    assert Contacts("A", "a@x.org", None, "post", address).channels() == ("letter",)
    assert Contacts("A", None, None, "", address).channels() == ("letter",)
    assert Contacts("A", "a@x.org", "07700900123", "", address).fallbacks_after("email") == (
        "sms",
        "letter",
    )
    assert Contacts("A", "a@x.org", None, "", address).letter_address() == {
        "address_line_1": "A",
        "address_line_2": "1 High Street",
        "address_line_3": "NN1 1AA",
    }


def test_a_message_using_an_undeclared_placeholder_is_refused():
    with pytest.raises(ValueError, match="undeclared"):
        Message("x", "x", ("name",), {"email": Wording("Hi ((nmae))", "s")})


def test_sandbox_rate_limit_is_notifys_429_after_the_limit():
    client = sandbox(rate_limit=2)
    assert client.post("/v2/notifications/email", json=email(), headers=auth()).status_code == 201
    assert client.post("/v2/notifications/email", json=email(), headers=auth()).status_code == 201
    response = client.post("/v2/notifications/email", json=email(), headers=auth())
    assert response.status_code == 429
    assert response.json() == {
        "status_code": 429,
        "errors": [
            {
                "error": "RateLimitError",
                "message": "Exceeded rate limit for key type LIVE of 2 requests per 60 seconds",
            }
        ],
    }


def test_sandbox_daily_limit():
    client = sandbox(daily_limit=1)
    client.post("/v2/notifications/email", json=email(), headers=auth())
    response = client.post("/v2/notifications/email", json=email(), headers=auth())
    assert response.status_code == 429
    assert response.json()["errors"][0]["error"] == "TooManyRequestsError"


@pytest.mark.parametrize(
    ("to", "status"),
    [
        ("perm-fail@simulator.notify", "permanent-failure"),
        ("temp-fail@simulator.notify", "temporary-failure"),
        ("p@example.com", "delivered"),
    ],
)
def test_sandbox_simulated_addresses(to, status):
    client = sandbox()
    sent = client.post("/v2/notifications/email", json=email(to), headers=auth()).json()
    assert client.get(f"/v2/notifications/{sent['id']}", headers=auth()).json()["status"] == status


def test_sandbox_fault_switch_answers_500_for_the_next_requests():
    client = sandbox()
    client.post("/_sandbox/fault", json={"mode": "500", "count": 1})
    assert client.post("/v2/notifications/email", json=email(), headers=auth()).status_code == 500
    assert client.post("/v2/notifications/email", json=email(), headers=auth()).status_code == 201


def test_sandbox_sends_letters_and_checks_the_address():
    client = sandbox()
    template = get_message("fsm_awarded").template_id("letter")
    values = AWARD_VALUES
    address = {"address_line_1": "Sam", "address_line_2": "1 High St", "address_line_3": "NN1 1AA"}
    body = {"template_id": template, "personalisation": {**values, **address}, "reference": "r"}
    sent = client.post("/v2/notifications/letter", json=body, headers=auth())
    assert sent.status_code == 201
    got = client.get(f"/v2/notifications/{sent.json()['id']}", headers=auth()).json()
    assert got["type"] == "letter" and got["postcode"] == "NN1 1AA"
    body["personalisation"]["address_line_3"] = "Nowhere"
    refused = client.post("/v2/notifications/letter", json=body, headers=auth())
    assert refused.status_code == 400


def test_sandbox_page_has_a_form_to_send_a_text_in():
    client = sandbox()
    page = client.get("/")
    assert 'action="/_sandbox/inbound-sms"' in page.text
    client.post("/_sandbox/inbound-sms", data={"source_number": "07700900123", "message": "hi"})
    texts = client.get("/v2/received-text-messages", headers=auth()).json()
    assert texts["received_text_messages"][0]["content"] == "hi"


class _RecordingClient:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send_email_notification(self, **kwargs):
        self.sent.append(kwargs)
        return {"id": "x"}


@pytest.mark.parametrize("reply_to", ["", "0f3c3a9e-5b1e-4c7a-9a53-2f6d1c0e8b11"])
def test_emails_carry_the_councils_reply_to_address_when_one_is_set(monkeypatch, reply_to):
    from casework.settings import get_settings
    from notifications import delivery

    client = _RecordingClient()
    monkeypatch.setattr(delivery, "notify_client", lambda: client)
    monkeypatch.setenv("NOTIFY_EMAIL_REPLY_TO_ID", reply_to)
    get_settings.cache_clear()
    try:
        request = {
            "channel": "email",
            "recipient": "p@example.com",
            "template_id": "t",
            "personalisation": {},
            "reference": "r",
        }
        delivery._send(request)
    finally:
        monkeypatch.delenv("NOTIFY_EMAIL_REPLY_TO_ID")
        get_settings.cache_clear()
    # Replies reach the council's inbox; unset, Notify's own default applies.
    assert client.sent[0].get("email_reply_to_id") == (reply_to or None)
