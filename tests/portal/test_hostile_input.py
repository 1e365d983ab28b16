"""Control characters are refused at the edge: a GOV.UK 400 page, never a 500.

PostgreSQL refuses a NUL in text, so each of these was a 500 there before the edge check
(``portal.control_characters``); SQLite stored the NUL, which is why the tests run on
PostgreSQL.
"""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from casework import db
from casework.models import Case
from tests.conftest import csrf_token

REFERENCE = "FSM-2346-789B"
SORRY = "Sorry, there is a problem"


@pytest.fixture
def case(clean_db) -> str:
    with db.transaction() as session:
        session.add(
            Case(
                reference=REFERENCE,
                service="free-school-meals",
                status="submitted",
                channel="web",
                answers={"first_name": "Sam", "last_name": "Parent", "children": []},
            )
        )
    return REFERENCE


def _quiet(client: TestClient) -> TestClient:
    # Server errors come back as responses, so a 500 fails the assertion, not the client.
    client._transport.raise_server_exceptions = False  # type: ignore[attr-defined]
    return client


def _refused_page(response) -> None:
    assert response.status_code == 400, response.text
    assert SORRY in response.text


def test_officer_sign_in_with_a_nul_in_the_email_is_a_400_page(app):
    client = TestClient(app, raise_server_exceptions=False)
    token = csrf_token(client.get("/backoffice/sign-in").text)

    response = client.post(
        "/backoffice/sign-in",
        data={"email": "officer\x00@northshire.example", "password": "x", "csrf_token": token},
    )

    _refused_page(response)


def test_citizen_sign_in_with_a_nul_in_the_email_is_a_400_page(app):
    client = TestClient(app, raise_server_exceptions=False)
    token = csrf_token(client.get("/sign-in").text)

    response = client.post("/sign-in", data={"email": "a\x00@example.com", "csrf_token": token})

    _refused_page(response)


def test_tabs_and_line_breaks_in_a_form_are_let_through(app):
    client = TestClient(app, raise_server_exceptions=False)
    token = csrf_token(client.get("/backoffice/sign-in").text)

    response = client.post(
        "/backoffice/sign-in",
        data={"email": "no.one@example.com\r\n\t", "password": "x", "csrf_token": token},
    )

    assert response.status_code < 500
    assert SORRY not in response.text


@pytest.mark.parametrize(
    "disposition",
    ['name="email"\r\n\r\na\x00@example.com', 'name="f"; filename="p\x00.pdf"\r\n\r\n%PDF'],
)
def test_a_nul_in_a_multipart_form_is_refused(app, disposition):
    client = TestClient(app, raise_server_exceptions=False)
    token = csrf_token(client.get("/sign-in").text)
    body = (
        f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        f"--b\r\nContent-Disposition: form-data; {disposition}\r\n--b--\r\n"
    )

    response = client.post(
        "/sign-in",
        content=body.encode(),
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )

    _refused_page(response)


def test_a_nul_in_a_citizens_case_address_is_a_400_page(citizen, case):
    response = _quiet(citizen).get(f"/account/applications/{case}%00")

    _refused_page(response)


@pytest.mark.parametrize("suffix", ["%00", "%00/evidence", "%1b"])
def test_a_control_character_in_an_officers_case_address_is_a_400_page(officer, case, suffix):
    response = _quiet(officer).get(f"/backoffice/cases/{case}{suffix}")

    _refused_page(response)


def test_a_nul_in_a_query_string_is_a_400_page(app):
    client = TestClient(app, raise_server_exceptions=False)

    _refused_page(client.get("/backoffice/sign-in?next=%00"))
    _refused_page(client.get("/?a%00=1"))


def test_a_nul_in_a_notify_receipt_is_a_json_400(anonymous, case):
    from casework.settings import get_settings

    headers = {
        "Authorization": f"Bearer {get_settings().notify_callback_token}",
        "Content-Type": "application/json",
    }
    body = {"id": "7f3a9d0e\x00", "reference": "1", "status": "delivered"}

    response = _quiet(anonymous).post(
        "/notifications/callbacks/delivery", content=json.dumps(body), headers=headers
    )

    assert response.status_code == 400
    assert "control characters" in response.json()["error"]


def test_a_nul_in_the_api_schools_search_is_a_400(app, api_token_factory):
    client = TestClient(app, raise_server_exceptions=False)
    headers = {"Authorization": f"Bearer {api_token_factory('services:read')}"}

    response = client.get("/api/v1/schools?q=%00", headers=headers)

    assert response.status_code == 400
    assert "control characters" in response.json()["error"]
