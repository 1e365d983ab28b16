"""Helpers the back-office tests share: signing in, valid answers, reading pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from casework import applications, cases, db
from casework.catalogue import get_service
from casework.models import Case
from casework.workflow import SYSTEM
from tests.conftest import SCHOOLS, csrf_token

FSM = "free-school-meals"
SCHOOL_URN, SCHOOL_NAME = SCHOOLS[0][0], SCHOOLS[0][1]


@dataclass(frozen=True)
class OfficerLogin:
    id: int
    email: str
    password: str
    name: str


def sign_in(client: TestClient, login: OfficerLogin) -> None:
    page = client.get("/backoffice/sign-in")
    response = client.post(
        "/backoffice/sign-in",
        data={
            "email": login.email,
            "password": login.password,
            "csrf_token": csrf_token(page.text),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def valid_answers(**changes: Any) -> dict[str, Any]:
    """A whole free school meals application, as the API or the assistant would send it."""
    answers: dict[str, Any] = {
        "first_name": "Jane",
        "last_name": "Smith",
        "date_of_birth": "1985-03-27",
        "identifier_type": "nino",
        "national_insurance_number": "AB123456C",
        "address_line_1": "1 High Street",
        "town": "Northtown",
        "postcode": "NT1 1AA",
        "email": "jane.smith@example.com",
        "mobile": "07700900982",
        "consent": True,
        "children": [
            {
                "first_name": "Sam",
                "last_name": "Smith",
                "date_of_birth": "2016-03-27",
                "school_urn": SCHOOL_URN,
            }
        ],
    }
    answers.update(changes)
    return answers


def submit_enquiry(transcript: Any = (), **changes: Any) -> str:
    """A question the assistant handed to a person, as the API would store it."""
    service = get_service("enquiry")
    answers = {
        "question": "What happens after a lost appeal?",
        "email": "sam@example.com",
        "transcript": list(transcript) if isinstance(transcript, tuple) else transcript,
        **changes,
    }
    with db.transaction() as session:
        application = service.validate(session, answers)
        case, _ = applications.submit(
            session, service, application, channel="assistant", actor=SYSTEM
        )
        return case.reference


def load_case(reference: str) -> Case:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        return case


def error_summary(html: str) -> list[tuple[str, str]]:
    """(message, link) for each entry in the page's error summary."""
    summary = BeautifulSoup(html, "html.parser").find(class_="govuk-error-summary")
    if summary is None:
        return []
    return [(link.get_text(strip=True), str(link["href"])) for link in summary.find_all("a")]


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" "))
