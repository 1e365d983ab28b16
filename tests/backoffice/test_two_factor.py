"""Officers' second factor: a security code from an authenticator app (TOTP) after the
password, required for administrators, set up by officers themselves, reset by the CLI.

Until the code is right the browser is not signed in: no back-office page lets it in.
Time is moved by replacing ``casework.accounts._now`` (codes, lockouts) and
``casework.sessions.now`` (the half signed-in state's expiry), never by sleeping.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from click.testing import CliRunner
from sqlalchemy import select
from starlette.testclient import TestClient

from casework import accounts, db
from casework import sessions as session_store
from casework.models import Officer
from portal.access import ROUTE_ACCESS, Access
from portal.cli import main
from tests.backoffice.conftest import create_officer
from tests.backoffice.helpers import OfficerLogin, error_summary, soup, text_of
from tests.conftest import Clock, csrf_token, empty_buckets, from_own_address

CODE_PAGE = "/backoffice/sign-in/security-code"
SET_UP_PAGE = "/backoffice/security-code"
WRONG = "Enter a correct security code"
FAILED_PASSWORD = "Enter a correct email address and password"
SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


def _mid_step() -> datetime:
    """The middle of a 30-second step, so a code made now is the code of "now"."""
    start = datetime.now(UTC).replace(microsecond=0)
    return start - timedelta(seconds=start.second % 30) + timedelta(seconds=15)


@pytest.fixture(autouse=True)
def _full_limits():
    empty_buckets("sign-in:*")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(_mid_step())
    monkeypatch.setattr(accounts, "_now", clock)
    return clock


def code_at(clock: Clock, secret: str = SECRET, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(clock.moment + timedelta(seconds=30 * steps))


def enrol(login: OfficerLogin, secret: str = SECRET) -> None:
    with db.transaction() as session:
        officer = session.get(Officer, login.id)
        officer.totp_secret = accounts.seal_totp_secret(officer.id, secret)
        officer.totp_enrolled = True


def officer_row(login: OfficerLogin) -> Officer:
    with db.transaction() as session:
        officer = session.get(Officer, login.id)
        session.expunge(officer)
        return officer


def browser(app) -> TestClient:
    return from_own_address(app)


def enter_password(client: TestClient, login: OfficerLogin, next_path: str = ""):
    token = csrf_token(client.get("/backoffice/sign-in").text)
    data = {"email": login.email, "password": login.password, "csrf_token": token}
    data["next"] = next_path
    return client.post("/backoffice/sign-in", data=data, follow_redirects=False)


def enter_code(client: TestClient, code: str, page: str = CODE_PAGE):
    token = csrf_token(client.get(page).text)
    return client.post(page, data={"code": code, "csrf_token": token}, follow_redirects=False)


def signed_in(client: TestClient) -> bool:
    return client.get("/backoffice/", follow_redirects=False).status_code == 200


@pytest.fixture
def enrolled(app, fsm_login: OfficerLogin) -> OfficerLogin:
    enrol(fsm_login)
    return fsm_login


@pytest.fixture
def admin(app) -> OfficerLogin:
    return create_officer("ada.admin@northshire.example", "Ada Admin", ["admin"])


# --- Signing in with a code -------------------------------------------------------------


def test_an_enrolled_officer_is_signed_in_only_with_a_valid_code(app, clock, enrolled):
    client = browser(app)
    response = enter_password(client, enrolled, next_path="/backoffice/?status=open")
    assert response.status_code == 303
    assert response.headers["location"] == CODE_PAGE
    page = client.get(CODE_PAGE)
    assert "Enter your security code" in text_of(page.text)
    assert not signed_in(client)

    response = enter_code(client, code_at(clock))
    assert response.status_code == 303
    assert response.headers["location"] == "/backoffice/?status=open"
    assert signed_in(client)
    # Signed in: the code page has nothing more to ask.
    assert client.get(CODE_PAGE, follow_redirects=False).status_code == 303


def test_a_code_from_the_step_either_side_is_accepted_for_clock_drift(app, clock, enrolled):
    client = browser(app)
    enter_password(client, enrolled)
    assert enter_code(client, code_at(clock, steps=2)).status_code == 400
    assert enter_code(client, code_at(clock, steps=-1)).status_code == 303


def test_a_wrong_code_is_refused_with_the_gov_uk_message_and_counts_towards_lockout(
    app, clock, enrolled
):
    client = browser(app)
    enter_password(client, enrolled)
    wrong = f"{(int(code_at(clock)) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 400
    assert error_summary(response.text) == [(WRONG, "#code")]
    assert "wait 15 minutes and sign in again" in text_of(response.text)
    assert not signed_in(client)
    assert officer_row(enrolled).failed_sign_ins == 1

    # Nine more lock the account: now even the right code gets the same answer...
    for _ in range(9):
        enter_code(client, wrong)
    locked = enter_code(client, code_at(clock))
    assert locked.status_code == 400
    assert error_summary(locked.text) == [(WRONG, "#code")]
    assert not signed_in(client)
    # ...and so does the right password, until the lock ends.
    assert enter_password(browser(app), enrolled).status_code == 400
    clock.advance(minutes=16)
    other = browser(app)
    assert enter_password(other, enrolled).status_code == 303
    assert enter_code(other, code_at(clock)).status_code == 303
    assert officer_row(enrolled).failed_sign_ins == 0


def test_the_right_password_does_not_clear_the_count_of_wrong_codes(app, clock, enrolled):
    """Otherwise whoever has the password could guess codes forever, 9 at a time."""
    wrong = f"{(int(code_at(clock)) + 1) % 1_000_000:06d}"
    for _ in range(2):
        client = browser(app)
        assert enter_password(client, enrolled).status_code == 303
        for _ in range(5):
            enter_code(client, wrong)
    client = browser(app)
    assert enter_password(client, enrolled).status_code == 400
    assert error_summary(enter_password(client, enrolled).text) == [(FAILED_PASSWORD, "#email")]


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Enter the security code"), ("12345", "The security code must be 6 numbers")],
)
def test_a_missing_or_short_code_says_what_to_do_and_is_not_a_guess(
    app, clock, enrolled, typed, message
):
    client = browser(app)
    enter_password(client, enrolled)
    response = enter_code(client, typed)
    assert response.status_code == 400
    assert error_summary(response.text) == [(message, "#code")]
    assert officer_row(enrolled).failed_sign_ins == 0


def test_a_code_typed_with_spaces_is_accepted(app, clock, enrolled):
    client = browser(app)
    enter_password(client, enrolled)
    code = code_at(clock)
    assert enter_code(client, f"{code[:3]} {code[3:]}").status_code == 303


def test_a_code_is_accepted_only_once(app, clock, enrolled):
    code = code_at(clock)
    first = browser(app)
    enter_password(first, enrolled)
    assert enter_code(first, code).status_code == 303

    # The same code again, in the same 30 seconds (seen over a shoulder, say).
    second = browser(app)
    enter_password(second, enrolled)
    replayed = enter_code(second, code)
    assert replayed.status_code == 400
    assert error_summary(replayed.text) == [(WRONG, "#code")]
    # An older code than the one used is refused too; the next one works.
    assert enter_code(second, code_at(clock, steps=-1)).status_code == 400
    clock.advance(seconds=30)
    assert enter_code(second, code_at(clock)).status_code == 303


def test_the_half_signed_in_state_opens_no_back_office_page(app, clock, enrolled, make_case):
    reference = make_case("needs_review")
    client = browser(app)
    enter_password(client, enrolled)
    pages = [
        path
        for (method, path), access in ROUTE_ACCESS.items()
        if method == "GET" and access in (Access.OFFICER, Access.SERVICE_OFFICER)
    ]
    assert "/backoffice/" in pages
    for path in pages:
        url = re.sub(
            r"{(\w+)(:\w+)?}",
            lambda m: {"reference": reference, "document_id": "1"}.get(m[1], "free-school-meals"),
            path,
        )
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303, url
        assert response.headers["location"].startswith("/backoffice/sign-in?next="), url
    # Nor can it set up a new key in place of the officer's own.
    token = csrf_token(client.get(CODE_PAGE).text)
    response = client.post(
        SET_UP_PAGE, data={"code": "123456", "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/backoffice/sign-in?next=")
    # The code page and signing out still work.
    assert client.get(CODE_PAGE).status_code == 200
    token = csrf_token(client.get(CODE_PAGE).text)
    client.post("/backoffice/sign-out", data={"csrf_token": token})
    assert client.get(CODE_PAGE, follow_redirects=False).headers["location"] == (
        "/backoffice/sign-in"
    )


def test_the_half_signed_in_state_lasts_15_minutes(app, clock, enrolled, monkeypatch):
    client = browser(app)
    enter_password(client, enrolled)
    token = csrf_token(client.get(CODE_PAGE).text)
    later = datetime.now(UTC) + timedelta(minutes=16)
    monkeypatch.setattr(session_store, "now", lambda: later)
    clock.moment = later
    response = client.post(
        CODE_PAGE, data={"code": code_at(clock), "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/backoffice/sign-in"
    assert not signed_in(client)


def test_a_new_password_ends_the_half_signed_in_state(app, clock, enrolled):
    client = browser(app)
    enter_password(client, enrolled)
    with db.transaction() as session:
        session.get(Officer, enrolled.id).password_hash = "changed"
    response = enter_code(client, code_at(clock))
    assert response.status_code == 400
    assert not signed_in(client)


# --- Administrators must set one up ------------------------------------------------------


def key_on_page(html: str) -> str:
    """The key as the page shows it for typing into an app."""
    inset = soup(html).find(class_="govuk-inset-text")
    assert inset is not None
    return re.sub(r"\s", "", inset.get_text())


def test_an_administrator_without_a_code_must_set_one_up_before_the_queue(app, clock, admin):
    client = browser(app)
    response = enter_password(client, admin)
    assert response.status_code == 303
    assert response.headers["location"] == SET_UP_PAGE
    assert not signed_in(client)
    queue = client.get("/backoffice/", follow_redirects=False)
    assert queue.headers["location"].startswith("/backoffice/sign-in?next=")

    page = client.get(SET_UP_PAGE)
    assert page.status_code == 200
    words = text_of(page.text)
    assert "Set up a security code" in words
    assert "You need to set one up before you can use the back office" in words
    assert soup(page.text).find("svg", attrs={"role": "img"}) is not None  # the QR code
    secret = key_on_page(page.text)
    # The same key on a reload, so a QR code already scanned stays good.
    assert key_on_page(client.get(SET_UP_PAGE).text) == secret
    # The key is kept sealed, not as it is shown.
    assert secret not in (officer_row(admin).totp_secret or "")

    wrong = enter_code(client, f"{(int(code_at(clock, secret)) + 1) % 1_000_000:06d}", SET_UP_PAGE)
    assert wrong.status_code == 400
    assert error_summary(wrong.text) == [(WRONG, "#code")]
    assert officer_row(admin).failed_sign_ins == 1
    assert not signed_in(client)

    response = enter_code(client, code_at(clock, secret), SET_UP_PAGE)
    assert response.status_code == 303
    assert response.headers["location"] == "/backoffice/"
    assert signed_in(client)
    assert officer_row(admin).totp_enrolled

    # From now on the administrator is asked for a code, and the key is never shown again.
    clock.advance(seconds=30)
    again = browser(app)
    assert enter_password(again, admin).headers["location"] == CODE_PAGE
    assert secret not in client.get(SET_UP_PAGE).text
    assert enter_code(again, code_at(clock, secret)).status_code == 303


def test_an_officer_made_an_administrator_while_signed_in_must_sign_in_again(
    app, fsm_client, fsm_login
):
    assert signed_in(fsm_client)
    with db.transaction() as session:
        session.get(Officer, fsm_login.id).roles = ["admin"]
    response = fsm_client.get("/backoffice/", follow_redirects=False)
    assert response.headers["location"].startswith("/backoffice/sign-in?next=")
    assert enter_password(fsm_client, fsm_login).headers["location"] == SET_UP_PAGE


def test_the_officer_fixture_signs_administrators_in_with_a_code(officer_factory):
    assert signed_in(officer_factory("admin"))


# --- Other officers may set one up ------------------------------------------------------


def test_an_officer_sets_up_a_code_from_the_back_office(app, clock, fsm_client, fsm_login):
    queue = soup(fsm_client.get("/backoffice/").text)
    link = queue.find("a", string=re.compile("Security code"))
    assert link is not None and link["href"] == SET_UP_PAGE
    page = fsm_client.get(SET_UP_PAGE)
    assert "Set up a security code" in text_of(page.text)
    secret = key_on_page(page.text)

    response = enter_code(fsm_client, code_at(clock, secret), SET_UP_PAGE)
    assert response.status_code == 303
    confirmed = fsm_client.get(response.headers["location"])
    assert "Your security code is set up" in text_of(confirmed.text)
    assert "You have set up a security code" in text_of(fsm_client.get(SET_UP_PAGE).text)

    clock.advance(seconds=30)
    client = browser(app)
    assert enter_password(client, fsm_login).headers["location"] == CODE_PAGE
    assert enter_code(client, code_at(clock, secret)).status_code == 303


def test_officers_without_a_code_sign_in_with_the_password_alone(app, fsm_login):
    response = enter_password(browser(app), fsm_login)
    assert response.headers["location"] == "/backoffice/"


# --- Resetting ------------------------------------------------------------------------


def test_reset_2fa_forgets_the_code_and_signs_the_officer_out(app, clock, enrolled):
    client = browser(app)
    enter_password(client, enrolled)
    enter_code(client, code_at(clock))
    assert signed_in(client)

    result = CliRunner().invoke(main, ["officer", "reset-2fa", enrolled.email.upper()])
    assert result.exit_code == 0, result.output
    assert "security code is reset" in result.output
    assert not signed_in(client)
    row = officer_row(enrolled)
    assert (row.totp_enrolled, row.totp_secret, row.totp_last_step) == (False, None, None)
    # The password alone again (an officer who is not an administrator)...
    assert enter_password(browser(app), enrolled).headers["location"] == "/backoffice/"


def test_reset_2fa_sends_an_administrator_back_to_set_up(app, clock, admin):
    enrol(admin)
    CliRunner().invoke(main, ["officer", "reset-2fa", admin.email])
    assert enter_password(browser(app), admin).headers["location"] == SET_UP_PAGE


def test_reset_2fa_for_an_unknown_officer_says_so(app):
    result = CliRunner().invoke(main, ["officer", "reset-2fa", "nobody@northshire.example"])
    assert result.exit_code != 0
    assert "There is no officer with the email address nobody@northshire.example" in result.output


# --- The key at rest --------------------------------------------------------------------


def test_a_sealed_key_opens_only_for_its_own_officer(app, fsm_login, admin):
    sealed = accounts.seal_totp_secret(fsm_login.id, SECRET)
    assert SECRET not in sealed
    assert accounts.open_totp_secret(fsm_login.id, sealed) == SECRET
    assert accounts.open_totp_secret(admin.id, sealed) is None
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    assert accounts.open_totp_secret(fsm_login.id, tampered) is None
    with db.transaction() as session:
        officers = session.scalars(select(Officer)).all()
        assert all(officer.totp_secret is None for officer in officers)
