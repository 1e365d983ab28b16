"""Signing in with an emailed 6-digit code."""

from sqlalchemy import select

from casework import db
from casework.models import OutboxMessage
from tests.conftest import csrf_token, error_messages, latest_sign_in_code


def start(client, email):
    token = csrf_token(client.get("/sign-in").text)
    response = client.post("/sign-in", data={"email": email, "csrf_token": token})
    return token, response


def test_a_code_is_sent_through_the_outbox(anonymous):
    _, response = start(anonymous, "new.person@example.com")
    assert response.status_code == 200
    assert "Check your email" in response.text
    with db.transaction() as session:
        message = session.scalars(select(OutboxMessage)).one()
        assert message.message_name == "sign_in_code"
        assert message.recipient == "new.person@example.com"
        assert len(message.personalisation["code"]) == 6


def test_same_answer_whether_or_not_the_address_is_known(anonymous, citizen_factory):
    citizen_factory("known@example.com")
    _, known = start(anonymous, "known@example.com")
    _, unknown = start(anonymous, "unknown@example.com")
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace("known@", "X@") == unknown.text.replace("unknown@", "X@")


def test_bad_email_is_rejected(anonymous):
    _, response = start(anonymous, "not an email")
    assert response.status_code == 400
    assert error_messages(response.text) == [
        "Enter an email address in the correct format, like name@example.com"
    ]


def test_guessing_is_limited(anonymous):
    token, _ = start(anonymous, "guess@example.com")
    real = latest_sign_in_code("guess@example.com")
    wrong = "000000" if real != "000000" else "111111"
    messages = []
    for _ in range(5):
        response = anonymous.post("/sign-in/code", data={"code": wrong, "csrf_token": token})
        messages.append(error_messages(response.text)[0])
    assert messages[0] == "The security code is not correct. Check the email and try again"
    assert messages[-1].startswith("You have entered the wrong code too many times")
    # Even the right code no longer works: a new one must be requested.
    response = anonymous.post("/sign-in/code", data={"code": real, "csrf_token": token})
    assert response.status_code == 400


def test_session_cookie_flags(anonymous):
    response = anonymous.get("/sign-in")
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header
