"""The quick check, POST /api/v1/eligibility/{service}, with free school meals' check
against the DfE fake over HTTP."""

from __future__ import annotations

import pytest

from casework.services.free_school_meals.dfe_checker import CheckOutcome
from casework.services.free_school_meals.eligibility import REASONS
from casework.settings import get_settings

URL = "/api/v1/eligibility/free-school-meals"
SCOPE = "eligibility:check"


@pytest.mark.parametrize(
    ("body", "outcome"),
    [
        (
            {
                "last_name": "Smith",
                "date_of_birth": "1990-01-01",
                "national_insurance_number": "AB 12 34 56 C",
            },
            CheckOutcome.ELIGIBLE,
        ),
        (
            {"last_name": "Simpson", "date_of_birth": "1990-01-01", "nass_number": "24/07/12345"},
            CheckOutcome.ELIGIBLE,
        ),
        (
            {
                "last_name": "Jones",
                "date_of_birth": "1990-01-01",
                "national_insurance_number": "AB123456D",
            },
            CheckOutcome.NOT_ELIGIBLE,
        ),
        (
            {
                "last_name": "Nobody",
                "date_of_birth": "1990-01-01",
                "national_insurance_number": "AB123456C",
            },
            CheckOutcome.PARENT_NOT_FOUND,
        ),
    ],
    ids=["eligible", "eligible-by-nass", "not-eligible", "parent-not-found"],
)
def test_check_outcomes(client, tokens, dfe, body, outcome) -> None:
    response = client.post(URL, json={**body, "consent": True}, headers=tokens.headers(SCOPE))

    assert response.status_code == 200, response.text
    result = response.json()
    assert result["outcome"] == outcome.value
    assert result["reasons"] == [REASONS[outcome]]
    assert "Universal Credit" in result["eligibility_summary"]
    assert result["apply_url"] == f"{get_settings().public_base_url}/apply/free-school-meals"


def test_an_outage_is_an_unavailable_result_not_a_fault(client, tokens, dfe) -> None:
    dfe.outage(True)
    response = client.post(
        URL,
        json={
            "last_name": "Smith",
            "date_of_birth": "1990-01-01",
            "national_insurance_number": "AB123456C",
            "consent": True,
        },
        headers=tokens.headers(SCOPE),
    )

    assert response.status_code == 200
    assert response.json()["outcome"] == "unavailable"
    assert response.json()["reasons"] == [REASONS[CheckOutcome.UNAVAILABLE]]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {
                "last_name": "Smith",
                "date_of_birth": "1990-01-01",
                "national_insurance_number": "12345",
            },
            {
                "national_insurance_number": "Enter a National Insurance number in the correct "
                "format, like QQ 12 34 56 C"
            },
        ),
        (
            {
                "last_name": "Smith",
                "date_of_birth": "1990-01-01",
                "national_insurance_number": "AB123456C",
                "nass_number": "240712345",
            },
            {
                "identifier_type": "Enter a National Insurance number or an asylum support "
                "reference number, not both"
            },
        ),
        (
            {},
            {
                "last_name": "Enter your last name",
                "date_of_birth": "Enter your date of birth",
                "identifier_type": "Select whether you have a National Insurance number",
            },
        ),
        (
            {"last_name": "Sm1th", "date_of_birth": "1990-02-30", "nass_number": "abc"},
            {
                "last_name": "Last name must only include letters a to z, hyphens, spaces and "
                "apostrophes",
                "date_of_birth": "Date of birth must be a real date",
                "nass_number": "Enter an asylum support reference number in the correct format, "
                "like 12/34/56789",
            },
        ),
        (
            {"last_name": ["Smith"], "date_of_birth": 19900101, "national_insurance_number": None},
            {
                "last_name": "Enter a valid answer",
                "date_of_birth": "Date of birth must be a real date",
                "identifier_type": "Select whether you have a National Insurance number",
            },
        ),
    ],
    ids=["bad-ni", "both-numbers", "empty", "bad-values", "wrong-types"],
)
def test_bad_answers_are_422_with_the_web_forms_messages(client, tokens, dfe, body, errors) -> None:
    response = client.post(URL, json={**body, "consent": True}, headers=tokens.headers(SCOPE))

    assert response.status_code == 422
    assert response.json() == {"errors": errors}


@pytest.mark.parametrize(
    ("content", "status"),
    [(b"{not json", 400), (b"[1, 2]", 400), (b'"Smith"', 400), (b"", 400), (b'{"a": NaN}', 400)],
)
def test_a_body_that_is_not_a_json_object_is_400(client, tokens, content, status) -> None:
    headers = {**tokens.headers(SCOPE), "Content-Type": "application/json"}
    response = client.post(URL, content=content, headers=headers)

    assert response.status_code == status
    assert set(response.json()) == {"error"}


def test_a_form_encoded_body_is_415(client, tokens) -> None:
    response = client.post(URL, data={"last_name": "Smith"}, headers=tokens.headers(SCOPE))
    assert response.status_code == 415


ANSWERS = {
    "last_name": "Smith",
    "date_of_birth": "1990-01-01",
    "national_insurance_number": "AB 12 34 56 C",
}
CONSENT_MISSING = {"consent": "Confirm that you agree to us checking your eligibility"}


@pytest.mark.parametrize("consent", [None, False, "true", "yes", 1], ids=repr)
def test_no_check_without_consent(client, tokens, dfe, consent) -> None:
    body = dict(ANSWERS) if consent is None else {**ANSWERS, "consent": consent}
    dfe.outage(True)  # a check that ran would still answer 200 "unavailable"

    response = client.post(URL, json=body, headers=tokens.headers(SCOPE))

    assert response.status_code == 422
    assert response.json() == {"errors": CONSENT_MISSING}


def test_missing_consent_is_reported_with_the_other_answers(client, tokens, dfe) -> None:
    response = client.post(URL, json={"last_name": "Smith"}, headers=tokens.headers(SCOPE))

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["consent"] == CONSENT_MISSING["consent"]
    assert errors["date_of_birth"] == "Enter your date of birth"


def test_the_consent_text_is_published_with_the_questions(client, tokens) -> None:
    from casework.catalogue import get_service

    consent = get_service("free-school-meals").quick_check.consent
    response = client.get(URL, headers=tokens.headers("services:read"))

    assert response.status_code == 200
    described = response.json()
    assert described["consent"] == consent
    questions = described["questions"]
    assert {"last_name", "date_of_birth", "national_insurance_number", "consent"} <= set(
        questions["properties"]
    )
    assert "consent" in questions["required"]
    listed = client.get("/api/v1/services", headers=tokens.headers("services:read")).json()
    fsm = next(s for s in listed["services"] if s["slug"] == "free-school-meals")
    assert fsm["quick_check"] == {"url": f"http://testserver{URL}", "consent": consent}


@pytest.mark.parametrize("service", ["enquiry", "dragons"])
def test_a_service_without_a_quick_check_is_404(client, tokens, service) -> None:
    body = {**ANSWERS, "consent": True}
    posted = client.post(f"/api/v1/eligibility/{service}", json=body, headers=tokens.headers(SCOPE))
    described = client.get(
        f"/api/v1/eligibility/{service}", headers=tokens.headers("services:read")
    )

    assert posted.status_code == described.status_code == 404
    assert set(posted.json()) == {"error"}


def test_a_nul_in_an_answer_is_refused_not_a_server_error(client, tokens, dfe) -> None:
    body = {**ANSWERS, "last_name": "Smi\u0000th", "consent": True}
    response = client.post(URL, json=body, headers=tokens.headers(SCOPE))

    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "last_name": "Answer must not include control characters, such as a null character"
        }
    }
