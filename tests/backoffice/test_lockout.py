"""Wrong officer passwords lock an account for a while, not for good, and every failure
looks and costs the same, so nobody can tell which addresses are officers' or locked.

Time is moved by replacing ``casework.accounts._now``, never by sleeping.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from starlette.testclient import TestClient

from casework import accounts, db, security
from casework.models import Officer
from casework.settings import get_settings
from portal.cli import main
from tests.backoffice.helpers import OfficerLogin, error_summary
from tests.conftest import Clock, csrf_token, empty_buckets, from_own_address

FAILED = "Enter a correct email address and password"


@pytest.fixture(autouse=True)
def _full_limits():
    empty_buckets("sign-in:*")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(accounts, "_now", clock)
    return clock


def browser(app, address: str | None = None) -> TestClient:
    return from_own_address(app, address)


def attempt(client: TestClient, email: str, password: str):
    token = csrf_token(client.get("/backoffice/sign-in").text)
    data = {"email": email, "password": password, "csrf_token": token, "next": ""}
    return client.post("/backoffice/sign-in", data=data, follow_redirects=False)


def visible_text(response) -> str:
    return BeautifulSoup(response.text, "html.parser").get_text(" ", strip=True)


def lock_out(app, login: OfficerLogin) -> None:
    for _ in range(10):
        assert attempt(browser(app), login.email, "wrong-password").status_code == 400


def test_ten_wrong_passwords_lock_the_account_until_the_lock_ends(app, clock, fsm_login):
    lock_out(app, fsm_login)
    refused = attempt(browser(app), fsm_login.email, fsm_login.password)
    assert refused.status_code == 400
    assert error_summary(refused.text) == [(FAILED, "#email")]

    clock.advance(minutes=14)
    assert attempt(browser(app), fsm_login.email, fsm_login.password).status_code == 400
    clock.advance(minutes=2)
    response = attempt(browser(app), fsm_login.email, fsm_login.password)
    assert response.status_code == 303
    # Signing in clears the count: ten more wrong passwords are needed to lock it again.
    for _ in range(9):
        attempt(browser(app), fsm_login.email, "wrong-password")
    assert attempt(browser(app), fsm_login.email, fsm_login.password).status_code == 303


def test_wrong_passwords_during_a_lock_do_not_make_it_longer(app, clock, fsm_login):
    lock_out(app, fsm_login)
    clock.advance(minutes=10)
    for _ in range(10):
        attempt(browser(app), fsm_login.email, "wrong-password")
    clock.advance(minutes=6)
    assert attempt(browser(app), fsm_login.email, fsm_login.password).status_code == 303


def test_an_administrator_can_unlock_an_officer(app, fsm_login):
    lock_out(app, fsm_login)
    result = CliRunner().invoke(main, ["officer", "unlock", fsm_login.email.upper()])
    assert result.exit_code == 0, result.output
    assert f"{fsm_login.email.upper()} is unlocked" in result.output
    assert attempt(browser(app), fsm_login.email, fsm_login.password).status_code == 303


def test_unlocking_an_unknown_officer_says_so(app):
    result = CliRunner().invoke(main, ["officer", "unlock", "nobody@northshire.example"])
    assert result.exit_code != 0
    assert "There is no officer with the email address nobody@northshire.example" in result.output


def test_unknown_locked_disabled_and_wrong_all_get_the_same_answer_and_work(
    app, monkeypatch, fsm_login
):
    locked = OfficerLogin(0, "locked@northshire.example", "", "")
    disabled = OfficerLogin(0, "disabled@northshire.example", "", "")
    with db.transaction() as session:
        locked_password = accounts.create_officer(session, locked.email, "Locked", ["admin"])
        disabled_password = accounts.create_officer(session, disabled.email, "Off", ["admin"])
    with db.transaction() as session:
        for officer in session.query(Officer).filter(Officer.email == disabled.email):
            officer.active = False
        for officer in session.query(Officer).filter(Officer.email == locked.email):
            officer.locked_until = datetime.now(UTC) + timedelta(minutes=10)

    checks: list[str] = []
    real_verify = security.verify_password
    monkeypatch.setattr(
        security,
        "verify_password",
        lambda hashed, password: checks.append(password) or real_verify(hashed, password),
    )
    cases = {
        "wrong password": (fsm_login.email, "wrong-password"),
        "unknown address": ("nobody@northshire.example", "whatever"),
        "locked, right password": (locked.email, locked_password),
        "disabled, right password": (disabled.email, disabled_password),
    }
    pages = {}
    for name, (email, password) in cases.items():
        checks.clear()
        response = attempt(browser(app), email, password)
        assert response.status_code == 400, name
        assert error_summary(response.text) == [(FAILED, "#email")], name
        # The same work every time: one password hash check, whatever the account.
        assert checks == [password], name
        pages[name] = visible_text(response)
    assert len(set(pages.values())) == 1, pages
    assert "wait 15 minutes and try again, or ask an administrator" in pages["wrong password"]


def test_a_client_with_too_many_failures_is_stopped_for_a_while(app, monkeypatch, fsm_login):
    monkeypatch.setattr(get_settings(), "officer_sign_in_failures_per_hour_per_ip", 3)
    address = "198.51.100.20"
    for number in range(4):
        attempt(browser(app, address), f"guess{number}@northshire.example", "guess")
    # Even the right password is refused from that address, with the same answer...
    refused = attempt(browser(app, address), fsm_login.email, fsm_login.password)
    assert refused.status_code == 400
    assert error_summary(refused.text) == [(FAILED, "#email")]
    # ...without counting against the officer, who can sign in from elsewhere.
    with db.transaction() as session:
        assert session.get(Officer, fsm_login.id).failed_sign_ins == 0
    assert attempt(browser(app), fsm_login.email, fsm_login.password).status_code == 303
