"""Drives the free school meals web journey the way a browser without JavaScript would."""

from __future__ import annotations

from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from tests.conftest import csrf_token

BASE = "/apply/free-school-meals"

PARENT = {
    "name": {"first_name": "Ann", "last_name": "Smith"},
    "date-of-birth": {
        "date_of_birth-day": "1",
        "date_of_birth-month": "1",
        "date_of_birth-year": "1990",
    },
    "identifier": {"identifier_type": "nino", "national_insurance_number": "AB 12 34 56 C"},
    "address": {"address_line_1": "1 High Street", "town": "Northtown", "postcode": "NT1 1AA"},
}

CHILD = {
    "first_name": "Bo",
    "last_name": "Smith",
    "date_of_birth-day": "1",
    "date_of_birth-month": "9",
    "date_of_birth-year": "2016",
    "school_urn": "100001",
}


def post(client: TestClient, path: str, data: dict[str, str]):
    token = csrf_token(client.get(path).text)
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)


def apply_until_check_answers(
    client: TestClient,
    *,
    parent: dict | None = None,
    email: str = "parent@example.com",
    mobile: str = "",
    children: tuple[dict, ...] = (CHILD,),
) -> None:
    """Answer every step, up to check-your-answers."""
    answers = {**PARENT, **(parent or {})}
    for step, data in answers.items():
        response = post(client, f"{BASE}/{step}", data)
        assert response.status_code == 303, (step, response.text)
    assert post(client, f"{BASE}/contact", {"email": email, "mobile": mobile}).status_code == 303
    for child in children:
        assert post(client, f"{BASE}/children/new", child).status_code == 303
    assert post(client, f"{BASE}/children/summary", {"add_another": "no"}).status_code == 303
    assert post(client, f"{BASE}/consent", {"consent": "yes"}).status_code == 303


def apply(client: TestClient, **answers) -> str:
    """Complete the journey; returns the case reference."""
    apply_until_check_answers(client, **answers)
    page = client.get(f"{BASE}/check-answers").text
    key = BeautifulSoup(page, "html.parser").find("input", {"name": "submission_key"})["value"]
    response = client.post(
        f"{BASE}/check-answers",
        data={"submission_key": key, "csrf_token": csrf_token(page)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[1]
