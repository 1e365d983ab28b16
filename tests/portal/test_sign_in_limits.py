"""Sign-in codes may be asked for only so often per address, per session and per client.

The test environment sets these limits very high (tests/conftest.py); each test here sets
the one it checks low, and starts from empty buckets.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select
from starlette.testclient import TestClient

from casework import db
from casework.models import OutboxMessage
from tests.conftest import csrf_token, empty_buckets, error_messages, from_own_address, limit_setter

LIMITED = "You have asked for too many security codes. Wait"


@pytest.fixture(autouse=True)
def _full_limits():
    empty_buckets("sign-in:*")


@pytest.fixture
def limits(monkeypatch):
    return limit_setter(monkeypatch, "sign_in_codes_per_hour_per_")


def browser(app, address: str | None = None) -> TestClient:
    """A new browser (its own session), from its own client address unless given one."""
    return from_own_address(app, address)


def ask_for_code(client: TestClient, email: str):
    token = csrf_token(client.get("/sign-in").text)
    return client.post("/sign-in", data={"email": email, "csrf_token": token})


def codes_sent(email: str) -> int:
    with db.transaction() as session:
        return session.scalar(
            select(func.count()).where(
                OutboxMessage.recipient == email, OutboxMessage.message_name == "sign_in_code"
            )
        )


def test_codes_for_one_address_are_limited_whoever_asks(app, limits):
    limits(email=3)
    for _ in range(3):
        assert ask_for_code(browser(app), "parent@example.com").status_code == 200
    refused = ask_for_code(browser(app), "parent@example.com")
    assert refused.status_code == 429
    [message] = error_messages(refused.text)
    assert message.startswith(LIMITED) and message.endswith("minutes and try again")
    assert int(refused.headers["retry-after"]) > 60
    assert codes_sent("parent@example.com") == 3
    # Other addresses are not held up.
    assert ask_for_code(browser(app), "someone.else@example.com").status_code == 200


def test_the_limit_says_nothing_about_whether_the_address_has_an_account(
    app, limits, citizen_factory
):
    citizen_factory("known@example.com")
    limits(email=1)
    answers = {}
    for email in ("known@example.com", "unknown@example.com"):
        ask_for_code(browser(app), email)
        refused = ask_for_code(browser(app), email)
        assert refused.status_code == 429
        # What a person sees (the page's text, not its per-session CSRF token).
        text = BeautifulSoup(refused.text, "html.parser").get_text(" ", strip=True)
        answers[email] = text.replace(email, "ADDRESS")
    assert answers["known@example.com"] == answers["unknown@example.com"]
    assert LIMITED in answers["known@example.com"]


def test_codes_asked_for_in_one_session_are_limited(app, limits):
    limits(session=2)
    client = browser(app)
    assert ask_for_code(client, "a@example.com").status_code == 200
    assert ask_for_code(client, "b@example.com").status_code == 200
    refused = ask_for_code(client, "c@example.com")
    assert refused.status_code == 429
    assert error_messages(refused.text)[0].startswith(LIMITED)
    assert codes_sent("c@example.com") == 0


def test_codes_asked_for_from_one_client_address_are_limited(app, limits):
    limits(ip=2)
    for email in ("a@example.com", "b@example.com"):
        assert ask_for_code(browser(app, "198.51.100.7"), email).status_code == 200
    refused = ask_for_code(browser(app, "198.51.100.7"), "c@example.com")
    assert refused.status_code == 429
    assert error_messages(refused.text)[0].startswith(LIMITED)
    # Another address is not held up.
    assert ask_for_code(browser(app, "198.51.100.8"), "c@example.com").status_code == 200


def test_a_refused_request_uses_up_none_of_the_other_limits(app, limits):
    limits(email=1, ip=2)
    client_address = "203.0.113.9"
    ask_for_code(browser(app, client_address), "first@example.com")
    assert ask_for_code(browser(app, client_address), "first@example.com").status_code == 429
    # The refusal above did not spend the address's second request.
    assert ask_for_code(browser(app, client_address), "second@example.com").status_code == 200
