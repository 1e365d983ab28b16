"""Sessions live on the server: signing out, an officer losing access and idling end them.

Time is moved by replacing ``casework.sessions.now``, never by sleeping.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from casework import accounts, db, security
from casework import sessions as session_store
from casework.models import Officer
from casework.models.accounts import WebSession
from portal.sessions import COOKIE
from tests.backoffice.helpers import FSM, OfficerLogin
from tests.backoffice.helpers import sign_in as officer_sign_in
from tests.conftest import Clock, csrf_token


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(session_store, "now", clock)
    return clock


@pytest.fixture
def fsm_login(app) -> OfficerLogin:
    email = "fiona.officer@northshire.example"
    with db.transaction() as session:
        password = accounts.create_officer(session, email, "Fiona Officer", [FSM])
        officer_id = session.query(Officer.id).filter_by(email=email).scalar()
    return OfficerLogin(officer_id, email, password, "Fiona Officer")


@pytest.fixture
def fsm_client(app, fsm_login: OfficerLogin) -> TestClient:
    client = TestClient(app)
    officer_sign_in(client, fsm_login)
    return client


def copy_of(app, client: TestClient) -> TestClient:
    """Another browser holding a copy of the client's session cookie."""
    return TestClient(app, cookies={COOKIE: client.cookies[COOKIE]})


def heading(response) -> str:
    return BeautifulSoup(response.text, "html.parser").h1.get_text(strip=True)


def sign_out(client: TestClient, path: str, page: str) -> None:
    token = csrf_token(client.get(page).text)
    response = client.post(path, data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303


def signed_in_as_citizen(client: TestClient) -> bool:
    response = client.get("/account/applications", follow_redirects=False)
    return response.status_code == 200


def signed_in_as_officer(client: TestClient) -> bool:
    return client.get("/backoffice/", follow_redirects=False).status_code == 200


def test_the_cookie_holds_only_a_random_id(app, citizen):
    value = citizen.cookies[COOKIE]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value)
    with db.transaction() as session:
        row = session.get(WebSession, session_store.id_hash(value))
        assert row is not None and row.person_id is not None
        # Only the id's hash is kept: the table cannot be replayed as cookies.
        assert session.get(WebSession, value) is None


def test_a_copied_citizen_cookie_stops_working_at_sign_out(app, citizen):
    copy = copy_of(app, citizen)
    assert signed_in_as_citizen(copy)
    sign_out(citizen, "/sign-out", "/account/applications")
    assert not signed_in_as_citizen(citizen)
    response = copy.get("/account/applications", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in?next=")


def test_a_copied_officer_cookie_stops_working_at_sign_out(app, officer):
    copy = copy_of(app, officer)
    assert signed_in_as_officer(copy)
    sign_out(officer, "/backoffice/sign-out", "/backoffice/")
    response = copy.get("/backoffice/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/backoffice/sign-in?next=")


def test_a_cookie_from_before_sign_in_is_never_signed_in(app, fsm_login):
    client = TestClient(app)
    client.get("/backoffice/sign-in")
    before = TestClient(app, cookies={COOKIE: client.cookies[COOKIE]})
    officer_sign_in(client, fsm_login)
    assert client.cookies[COOKIE] != before.cookies[COOKIE]
    assert signed_in_as_officer(client)
    assert not signed_in_as_officer(before)


def test_disabling_an_officer_ends_their_sessions_for_good(app, fsm_login, fsm_client):
    assert signed_in_as_officer(fsm_client)
    with db.transaction() as session:
        session.get(Officer, fsm_login.id).active = False
    assert not signed_in_as_officer(fsm_client)
    # Turning the account back on does not bring the old session back.
    with db.transaction() as session:
        session.get(Officer, fsm_login.id).active = True
    assert not signed_in_as_officer(fsm_client)


def test_a_new_password_ends_the_officers_sessions(app, fsm_login, fsm_client):
    other_browser = TestClient(app)
    officer_sign_in(other_browser, fsm_login)
    with db.transaction() as session:
        session.get(Officer, fsm_login.id).password_hash = security.hash_password("new-password")
    assert not signed_in_as_officer(fsm_client)
    assert not signed_in_as_officer(other_browser)


def test_an_idle_officer_is_signed_out_and_told_why(app, clock, fsm_client):
    clock.advance(minutes=20)
    assert signed_in_as_officer(fsm_client)  # activity moves the timeout on
    clock.advance(minutes=20)
    assert signed_in_as_officer(fsm_client)
    clock.advance(minutes=31)
    response = fsm_client.get("/backoffice/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/backoffice/signed-out?next=/backoffice/"
    page = fsm_client.get(response.headers["location"])
    assert heading(page) == "You have been signed out"
    assert "did not do anything for 30 minutes" in page.text
    assert not signed_in_as_officer(fsm_client)


def test_an_idle_citizen_is_signed_out_after_longer_than_an_officer(app, clock, citizen):
    clock.advance(minutes=45)
    assert signed_in_as_citizen(citizen)
    clock.advance(minutes=61)
    response = citizen.get("/account/applications", follow_redirects=False)
    assert response.headers["location"] == "/signed-out?next=/account/applications"
    page = citizen.get(response.headers["location"])
    assert heading(page) == "You have been signed out"
    assert "did not do anything for 60 minutes" in page.text
    button = BeautifulSoup(page.text, "html.parser").select_one("main a.govuk-button")
    assert button.get_text(strip=True) == "Sign in"
    assert button["href"] == "/sign-in?next=/account/applications"


def test_no_session_outlasts_the_longest_allowed(app, clock, officer):
    started = clock.moment
    while (response := officer.get("/backoffice/", follow_redirects=False)).status_code == 200:
        assert clock.moment - started < timedelta(hours=13), "the session never ended"
        clock.advance(minutes=25)  # always within the idle timeout
    assert (
        timedelta(hours=11, minutes=35) < clock.moment - started <= timedelta(hours=12, minutes=25)
    )
    # Not idle, so not told it was: asked to sign in again.
    assert response.headers["location"] == "/backoffice/sign-in?next=/backoffice/"


def test_forms_still_need_the_session_csrf_token(app, citizen):
    assert citizen.post("/sign-out", data={"csrf_token": "forged"}).status_code == 403
    assert signed_in_as_citizen(citizen)


def test_personal_and_back_office_pages_are_not_cached(app, citizen, officer):
    assert citizen.get("/account/applications").headers["cache-control"] == "no-store"
    assert officer.get("/backoffice/").headers["cache-control"] == "no-store"
