"""POST /api/v1/eligibility/free-school-meals, against the DfE fake over HTTP."""

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
    response = client.post(URL, json=body, headers=tokens.headers(SCOPE))

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
    response = client.post(URL, json=body, headers=tokens.headers(SCOPE))

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
