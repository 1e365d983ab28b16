"""Free school meals validation: the messages every channel shows.

The questions are declared once (``casework.services.free_school_meals.questions``); each
step's model and the whole application's model are built from them, so these checks hold
for the web form, the paper form, the JSON API and the assistant alike.
"""

from datetime import date

import pytest
from pydantic import ValidationError

from casework.fields import errors_from
from casework.questions import Choice, FormContext, validation_context
from casework.services.free_school_meals.questions import FORM, EligibilityQuestion

SCHOOL_URN = "100001"


class Schools(FormContext):
    """The council's school list without a database: one open school."""

    def choices(self, source):
        return [Choice(SCHOOL_URN, "Northshire Primary School")]


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
            "school_urn": SCHOOL_URN,
        }
    ],
    "consent": True,
}


def validate(model, data):
    return model.model_validate(data, context=validation_context(Schools()))


def errors(model, data):
    with pytest.raises(ValidationError) as caught:
        validate(model, data)
    return errors_from(caught.value)


def step(slug):
    return FORM.step(slug).model


def test_a_complete_application_is_normalised():
    application = validate(FORM.application_model, VALID)
    assert application.postcode == "NT1 1AA"
    assert application.identifier_type == "nino"
    assert application.nass_number == ""
    assert application.children[0].school_urn == SCHOOL_URN


def test_empty_application_lists_what_to_enter():
    found = errors(FORM.application_model, {})
    assert found["first_name"] == "Enter your first name"
    assert found["date_of_birth"] == "Enter your date of birth"
    assert found["identifier_type"] == "Select whether you have a National Insurance number"
    assert found["children"] == "Add at least one child"
    assert found["consent"] == "Confirm that you agree to us checking your eligibility"
    # A step's own cross-question check still runs when other steps fail, so a one-page
    # form (the officers' paper form) lists every error at once.
    assert found["email"] == (
        "Enter an email address or a mobile number, so we can tell you the outcome"
    )


def test_an_application_without_a_way_to_reach_the_parent_says_so():
    found = errors(FORM.application_model, {**VALID, "email": ""})
    assert found == {
        "email": "Enter an email address or a mobile number, so we can tell you the outcome"
    }


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
    assert errors(step("date-of-birth"), {"date_of_birth": parts}) == {"date_of_birth": message}


def test_a_parent_must_be_old_enough_and_born_after_1900():
    too_young = date.today().replace(year=date.today().year - 10).isoformat()
    assert errors(step("date-of-birth"), {"date_of_birth": too_young}) == {
        "date_of_birth": "You must be 14 or older to apply"
    }
    assert errors(step("date-of-birth"), {"date_of_birth": "1899-12-31"}) == {
        "date_of_birth": "Date of birth must be after 1 January 1900"
    }


def test_month_names_are_accepted():
    model = validate(
        step("date-of-birth"), {"date_of_birth": {"day": "3", "month": "March", "year": "1985"}}
    )
    assert model.date_of_birth == date(1985, 3, 3)


@pytest.mark.parametrize("number", ["AB12345C", "DA123456C", "AB123456E", "GB123456A", "12345678"])
def test_malformed_national_insurance_numbers(number):
    found = errors(
        step("identifier"), {"identifier_type": "nino", "national_insurance_number": number}
    )
    assert found["national_insurance_number"].startswith(
        "Enter a National Insurance number in the correct format"
    )


def test_exactly_one_identifier():
    both = {"national_insurance_number": "AB123456C", "nass_number": "240712345"}
    assert "not both" in errors(step("identifier"), both)["identifier_type"]
    nass = validate(step("identifier"), {"nass_number": "24/07/12345"})
    assert (nass.identifier_type, nass.nass_number) == ("nass", "240712345")


def test_the_number_not_chosen_is_neither_checked_nor_kept():
    chosen = validate(
        step("identifier"),
        {"identifier_type": "nino", "national_insurance_number": "AB123456C", "nass_number": "x"},
    )
    assert (chosen.national_insurance_number, chosen.nass_number) == ("AB123456C", "")


def test_long_names_html_and_emoji_are_rejected_with_a_message():
    assert errors(step("name"), {"first_name": "a" * 10_000, "last_name": "Smith"}) == {
        "first_name": "First name must be 100 characters or fewer"
    }
    for bad in ("<script>alert(1)</script>", "Ann 😀"):
        found = errors(step("name"), {"first_name": bad, "last_name": "Smith"})
        assert "must only include letters" in found["first_name"]


def test_spaces_are_trimmed_and_accents_allowed():
    name = validate(step("name"), {"first_name": "  Zoë  ", "last_name": " O’Brien-Núñez "})
    assert (name.first_name, name.last_name) == ("Zoë", "O’Brien-Núñez")


def test_contact_needs_email_or_mobile_and_checks_both():
    assert "email" in errors(step("contact"), {})
    found = errors(step("contact"), {"email": "not-an-email", "mobile": "12345"})
    assert found["mobile"] == "Enter a UK mobile number, like 07700 900 982"
    assert found["email"].startswith("Enter an email address in the correct format")
    assert validate(step("contact"), {"mobile": "+44 7700 900982"}).mobile == "07700900982"


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"contact_preference": "sms", "email": "ann@example.com"},
            "mobile",
            "Enter a mobile number, or choose another way for us to contact you",
        ),
        (
            {"contact_preference": "email", "mobile": "07700900982"},
            "email",
            "Enter an email address, or choose another way for us to contact you",
        ),
        (
            {"contact_preference": "both", "email": "ann@example.com"},
            "mobile",
            "Enter a mobile number, or choose another way for us to contact you",
        ),
        (
            {},
            "email",
            "Enter an email address or a mobile number, so we can tell you the outcome",
        ),
    ],
)
def test_the_way_chosen_to_contact_must_be_given(answers, field, message):
    assert errors(step("contact"), answers) == {field: message}


def test_a_letter_needs_neither_email_nor_mobile():
    assert validate(step("contact"), {"contact_preference": "post"}).contact_preference == "post"


def test_child_school_must_be_on_the_councils_list():
    child = dict(VALID["children"][0], school_urn="999999")
    assert errors(step("children"), child) == {"school_urn": "Select a school from the list"}
    child = dict(VALID["children"][0], school_urn="")
    assert errors(step("children"), child) == {"school_urn": "Select the child's school"}


def test_child_date_of_birth_must_be_school_age():
    child = dict(VALID["children"][0], date_of_birth="1970-01-01")
    assert errors(step("children"), child) == {
        "date_of_birth": "Date of birth must be for a child aged between 2 and 19"
    }


def test_a_childs_missing_answers_are_asked_for_in_the_childs_words():
    assert errors(step("children"), {}) == {
        "first_name": "Enter the child's first name",
        "last_name": "Enter the child's last name",
        "date_of_birth": "Enter the child's date of birth",
        "school_urn": "Select the child's school",
    }


def test_the_number_of_children_is_limited():
    child = VALID["children"][0]
    assert errors(FORM.application_model, {**VALID, "children": [child] * 11}) == {
        "children": "You can add up to 10 children on one application"
    }
    assert len(validate(FORM.application_model, {**VALID, "children": [child] * 10}).children) == 10


def test_a_childs_mistake_is_reported_by_its_place_in_the_list():
    second = dict(VALID["children"][0], first_name="")
    found = errors(FORM.application_model, {**VALID, "children": [VALID["children"][0], second]})
    assert found == {"children.1.first_name": "Enter the child's first name"}


def test_api_values_of_the_wrong_type_get_a_message_not_a_crash():
    found = errors(FORM.application_model, {**VALID, "first_name": 42, "children": "two"})
    assert found["first_name"] == "Enter a valid answer"
    assert found["children"] == "Enter a valid answer"


def test_the_eligibility_question_asks_with_the_applications_messages():
    found = errors(EligibilityQuestion, {})
    assert found == {
        "last_name": "Enter your last name",
        "date_of_birth": "Enter your date of birth",
        "identifier_type": "Select whether you have a National Insurance number",
    }
    asked = validate(
        EligibilityQuestion,
        {"last_name": "Smith", "date_of_birth": "1990-01-01", "nass_number": "240712345"},
    )
    assert (asked.identifier_type, asked.nass_number) == ("nass", "240712345")
