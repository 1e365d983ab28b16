"""Officers sign in with a password, are sent where they were going, and sign out by POST."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from starlette.routing import Route
from starlette.testclient import TestClient

from backoffice.routes import routes
from casework import db
from casework.models import Officer
from tests.backoffice.helpers import error_summary, soup
from tests.conftest import csrf_token

FAILED = "Enter a correct email address and password"


def _post_sign_in(client: TestClient, email: str, password: str, next_path: str = ""):
    token = csrf_token(client.get("/backoffice/sign-in").text)
    data = {"email": email, "password": password, "csrf_token": token, "next": next_path}
    return client.post("/backoffice/sign-in", data=data, follow_redirects=False)


def test_pages_need_a_signed_in_officer(app):
    client = TestClient(app)
    response = client.get("/backoffice/cases/FSM-AAAA-BBBB", follow_redirects=False)
    assert response.status_code == 303
    assert (
        response.headers["location"] == "/backoffice/sign-in?next=/backoffice/cases/FSM-AAAA-BBBB"
    )


# The security code page follows a right password; without one it sends back to sign in.
PUBLIC = {"/sign-in", "/sign-out", "/signed-out", "/sign-in/security-code"}
SAMPLE = {
    "reference": "FSM-AAAA-BBBB",
    "document_id": "1",
    "transition": "award",
    "term_id": "1",
    "closure_id": "1",
}


def test_every_other_route_needs_a_signed_in_officer(app):
    """Anyone not signed in is sent to sign in, whatever the page and method."""
    client = TestClient(app)
    checked = 0
    for route in routes:
        assert isinstance(route, Route)
        if route.path in PUBLIC:
            continue
        path = re.sub(
            r"{(\w+)(:\w+)?}", lambda m: SAMPLE.get(m[1], "free-school-meals"), route.path
        )
        for method in route.methods - {"HEAD"}:
            response = client.request(method, f"/backoffice{path}", follow_redirects=False)
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/backoffice/sign-in?next="), path
            checked += 1
    assert checked >= 7


def test_sign_in_goes_to_the_queue(app, fsm_login):
    client = TestClient(app)
    response = _post_sign_in(client, fsm_login.email.upper(), fsm_login.password)
    assert response.status_code == 303
    assert response.headers["location"] == "/backoffice/"
    queue = client.get("/backoffice/")
    assert queue.status_code == 200
    assert soup(queue.text).h1.get_text(strip=True) == "Queue"


def test_sign_in_returns_to_a_safe_next_page_only(app, fsm_login):
    client = TestClient(app)
    response = _post_sign_in(client, fsm_login.email, fsm_login.password, "/backoffice/?status=all")
    assert response.headers["location"] == "/backoffice/?status=all"

    client = TestClient(app)
    response = _post_sign_in(client, fsm_login.email, fsm_login.password, "//evil.example/")
    assert response.headers["location"] == "/backoffice/"


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(app, fsm_login):
    client = TestClient(app)
    wrong = _post_sign_in(client, fsm_login.email, "not-the-password")
    unknown = _post_sign_in(client, "nobody@northshire.example", "whatever")
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert error_summary(response.text) == [(FAILED, "#email")]
        assert "not-the-password" not in response.text
    assert client.get("/backoffice/", follow_redirects=False).status_code == 303


def test_empty_fields_are_asked_for(app):
    client = TestClient(app)
    response = _post_sign_in(client, "", "")
    assert response.status_code == 400
    assert error_summary(response.text) == [
        ("Enter your email address", "#email"),
        ("Enter your password", "#password"),
    ]


def test_a_locked_account_cannot_sign_in_even_with_the_right_password(app, fsm_login):
    with db.transaction() as session:
        session.get(Officer, fsm_login.id).locked_until = datetime.now(UTC) + timedelta(minutes=5)
    response = _post_sign_in(TestClient(app), fsm_login.email, fsm_login.password)
    assert response.status_code == 400
    assert error_summary(response.text) == [(FAILED, "#email")]


def test_sign_in_without_a_csrf_token_is_refused(app, fsm_login):
    client = TestClient(app)
    client.get("/backoffice/sign-in")
    response = client.post(
        "/backoffice/sign-in", data={"email": fsm_login.email, "password": fsm_login.password}
    )
    assert response.status_code == 403


def test_sign_out_is_a_post_button_in_the_navigation(fsm_client):
    page = soup(fsm_client.get("/backoffice/").text)
    nav = page.find("nav", class_="govuk-service-navigation__wrapper")
    links = {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}
    assert links == {
        "Queue": "/backoffice/",
        "Dashboard": "/backoffice/dashboard",
        "New paper application": "/backoffice/services/free-school-meals/new",
        "Calendars": "/backoffice/calendars",
        "Security code": "/backoffice/security-code",
    }
    form = nav.find("form")
    assert form["action"] == "/backoffice/sign-out" and form["method"] == "post"

    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    response = fsm_client.post(
        "/backoffice/sign-out", data={"csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/backoffice/sign-in"
    assert fsm_client.get("/backoffice/", follow_redirects=False).status_code == 303


def test_sign_out_needs_the_csrf_token(fsm_client):
    assert fsm_client.post("/backoffice/sign-out").status_code == 403
    assert fsm_client.get("/backoffice/", follow_redirects=False).status_code == 200
