"""Free school meals validation: the messages every channel shows."""

from datetime import date

import pytest
from pydantic import ValidationError

from casework.fields import errors_from
from casework.services.free_school_meals import forms

CONTEXT = {"school_urns": {"100001"}}

VALID = {
    "first_name": "Ann",
    "last_name": "Smith",
    "date_of_birth": "1990-01-01",
    "national_insurance_number": "AB123456C",
    "address_line_1": "1 High Street",
    "town": "Northtown",
    "postcode": "nt1 1aa",
    "email": "ann@example.com",
    "children": [
        {
            "first_name": "Bo",
            "last_name": "Smith",
            "date_of_birth": "2016-09-01",
            "school_urn": "100001",
        }
    ],
    "consent": True,
}


def errors(model, data, context=CONTEXT):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data, context=context)
    return errors_from(caught.value)


def test_a_complete_application_is_normalised():
    application = forms.Application.model_validate(VALID, context=CONTEXT)
    assert application.postcode == "NT1 1AA"
    assert application.identifier_type == "nino"
    assert application.nass_number == ""


def test_empty_application_lists_what_to_enter():
    found = errors(forms.Application, {})
    assert found["first_name"] == "Enter your first name"
    assert found["date_of_birth"] == "Enter your date of birth"
    assert found["identifier_type"] == "Select whether you have a National Insurance number"
    assert found["children"] == "Add at least one child"
    assert found["consent"] == "Confirm that you agree to us checking your eligibility"
    assert "email" in found


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"day": "31", "month": "2", "year": "1990"}, "Date of birth must be a real date"),
        ({"day": "1", "month": "", "year": "1990"}, "Date of birth must include a month"),
        ({"day": "1", "month": "1", "year": "90"}, "Year must include 4 numbers"),
        ({"day": "x", "month": "1", "year": "1990"}, "Date of birth must be a real date"),
        ({"day": "1", "month": "1", "year": "2999"}, "Date of birth must be in the past"),
    ],
)
def test_dates_that_do_not_exist_or_are_in_the_future(parts, message):
    assert errors(forms.ParentDateOfBirth, {"date_of_birth": parts}) == {"date_of_birth": message}


def test_month_names_are_accepted():
    model = forms.ParentDateOfBirth.model_validate(
        {"date_of_birth": {"day": "3", "month": "March", "year": "1985"}}
    )
    assert model.date_of_birth == date(1985, 3, 3)


@pytest.mark.parametrize("number", ["AB12345C", "DA123456C", "AB123456E", "GB123456A", "12345678"])
def test_malformed_national_insurance_numbers(number):
    found = errors(
        forms.ParentIdentifier, {"identifier_type": "nino", "national_insurance_number": number}
    )
    assert found["national_insurance_number"].startswith(
        "Enter a National Insurance number in the correct format"
    )


def test_exactly_one_identifier():
    both = {"national_insurance_number": "AB123456C", "nass_number": "240712345"}
    assert "not both" in errors(forms.ParentIdentifier, both)["identifier_type"]
    nass = forms.ParentIdentifier.model_validate({"nass_number": "24/07/12345"})
    assert (nass.identifier_type, nass.nass_number) == ("nass", "240712345")


def test_long_names_html_and_emoji_are_rejected_with_a_message():
    assert errors(forms.ParentName, {"first_name": "a" * 10_000, "last_name": "Smith"}) == {
        "first_name": "First name must be 100 characters or fewer"
    }
    for bad in ("<script>alert(1)</script>", "Ann 😀"):
        found = errors(forms.ParentName, {"first_name": bad, "last_name": "Smith"})
        assert "must only include letters" in found["first_name"]


def test_spaces_are_trimmed_and_accents_allowed():
    name = forms.ParentName.model_validate(
        {"first_name": "  Zoë  ", "last_name": " O’Brien-Núñez "}
    )
    assert (name.first_name, name.last_name) == ("Zoë", "O’Brien-Núñez")


def test_contact_needs_email_or_mobile_and_checks_both():
    assert "email" in errors(forms.ContactDetails, {})
    found = errors(forms.ContactDetails, {"email": "not-an-email", "mobile": "12345"})
    assert found["mobile"] == "Enter a UK mobile number, like 07700 900 982"
    assert found["email"].startswith("Enter an email address in the correct format")
    assert (
        forms.ContactDetails.model_validate({"mobile": "+44 7700 900982"}).mobile == "07700900982"
    )


def test_child_school_must_be_on_the_councils_list():
    child = dict(VALID["children"][0], school_urn="999999")
    assert errors(forms.Child, child) == {"school_urn": "Select a school from the list"}


def test_child_date_of_birth_must_be_school_age():
    child = dict(VALID["children"][0], date_of_birth="1970-01-01")
    assert errors(forms.Child, child) == {
        "date_of_birth": "Date of birth must be for a child aged between 2 and 19"
    }


def test_api_values_of_the_wrong_type_get_a_message_not_a_crash():
    found = errors(forms.Application, {**VALID, "first_name": 42, "children": "two"})
    assert found["first_name"] == "Enter a valid answer"
    assert found["children"] == "Enter a valid answer"
