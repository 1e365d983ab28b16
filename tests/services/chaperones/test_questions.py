"""The application's own checks, each with an answer that passes and one that fails: age
on the day of applying, the DBS certificate, training, address history and referees. No
database: the rule data's defaults stand in for the council's table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from casework.fields import errors_from
from casework.services.chaperones import samples
from casework.services.chaperones.declaration import CHAPERONES
from casework.services.chaperones.rules import add_years


def errors(step: str, **answers) -> dict[str, str]:
    try:
        CHAPERONES.validate_step(None, CHAPERONES.step(step), {**samples.application(), **answers})
    except ValidationError as exc:
        return errors_from(exc)
    return {}


def whole(**answers) -> dict[str, str]:
    try:
        CHAPERONES.validate(None, {**samples.application(), **answers})
    except ValidationError as exc:
        return errors_from(exc)
    return {}


def years_ago(years: int, days: int = 0) -> str:
    return (add_years(date.today(), -years) + timedelta(days=days)).isoformat()


def test_the_sample_is_valid():
    assert whole() == {}


def test_someone_18_today_can_apply():
    assert errors("date-of-birth", date_of_birth=years_ago(18)) == {}


def test_someone_17_is_refused_with_a_message_on_the_date_of_birth():
    # 18 tomorrow: still 17 on the day they apply.
    assert errors("date-of-birth", date_of_birth=years_ago(18, days=1)) == {
        "date_of_birth": "You must be 18 or over to be approved as a chaperone"
    }


def test_a_date_of_birth_that_is_not_a_date_is_refused():
    assert errors("date-of-birth", date_of_birth={"day": "31", "month": "2", "year": "1990"}) == {
        "date_of_birth": "Date of birth must be a real date"
    }


@pytest.mark.parametrize("number", ["001234567890", "0012 3456 7890"])
def test_a_dbs_number_of_12_digits_is_accepted(number):
    assert errors("dbs", dbs_certificate_number=number) == {}


@pytest.mark.parametrize("number", ["12345678901", "1234567890123", "00123456789O", "١٢٣٤٥٦٧٨٩٠١٢"])
def test_a_dbs_number_that_is_not_12_digits_is_refused(number):
    assert errors("dbs", dbs_certificate_number=number) == {
        "dbs_certificate_number": "Enter your DBS certificate number in the correct format: "
        "12 numbers, like 001234567890"
    }


def test_a_dbs_certificate_issued_in_the_future_is_refused():
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert errors("dbs", dbs_issue_date=tomorrow) == {
        "dbs_issue_date": "The date your DBS certificate was issued must be today or in the past"
    }


def test_a_certificate_issued_today_is_accepted():
    assert errors("dbs", dbs_issue_date=date.today().isoformat(), dbs_update_service=False) == {}


def test_a_certificate_within_3_years_is_accepted_without_the_update_service():
    assert errors("dbs", dbs_issue_date=years_ago(3), dbs_update_service=False) == {}


def test_an_older_certificate_needs_the_update_service():
    old = years_ago(3, days=-1)
    assert errors("dbs", dbs_issue_date=old, dbs_update_service=False) == {
        "dbs_issue_date": "Your DBS certificate must have been issued in the last 3 years, "
        "unless you have joined the DBS update service with it"
    }
    assert errors("dbs", dbs_issue_date=old, dbs_update_service=True) == {}


def test_a_certificate_that_is_not_enhanced_for_children_is_refused():
    assert errors("dbs", dbs_enhanced_child_workforce=False) == {
        "dbs_enhanced_child_workforce": "You need an enhanced DBS certificate for work with "
        "children to be a chaperone. Contact us and we will tell you how to get one"
    }


def test_training_must_be_within_3_years_and_not_in_the_future():
    assert errors("training", training_date=years_ago(3)) == {}
    assert errors("training", training_date=years_ago(3, days=-1)) == {
        "training_date": "Your chaperone training must have been in the last 3 years. Do the "
        "training again, then apply"
    }
    assert errors("training", training_date=(date.today() + timedelta(days=1)).isoformat()) == {
        "training_date": "The date you completed your training must be today or in the past"
    }


def test_previous_addresses_are_needed_only_after_a_move_in_the_last_5_years():
    assert errors("address", lived_here_5_years=True, previous_addresses="") == {}
    assert errors("address", lived_here_5_years=False, previous_addresses="") == {
        "previous_addresses": "Enter your previous addresses in the last 5 years"
    }


def test_a_relative_cannot_be_a_referee():
    assert errors("referee-1", referee_1_related=True) == {
        "referee_1_related": "Your referee cannot be a relative. Choose someone who knows you "
        "but is not related to you, such as an employer, a teacher or someone you volunteer with"
    }
    assert errors("referee-2", referee_2_related=False) == {}


def test_a_referees_phone_number_may_be_a_landline_or_a_mobile():
    assert errors("referee-1", referee_1_phone="01632 960 001") == {}
    assert errors("referee-1", referee_1_phone="+44 7700 900456") == {}
    assert errors("referee-1", referee_1_phone="12345") == {
        "referee_1_phone": "Enter a UK phone number, like 01632 960 001 or 07700 900 982"
    }


def test_the_two_referees_must_be_different_people_and_not_the_applicant():
    assert whole(referee_2_email="ruth.okafor@example.com") == {
        "referee_2_email": "Your second referee must be a different person from your first, "
        "with their own email address"
    }
    assert whole(referee_1_email="amara.dupre@example.com") == {
        "referee_1_email": "Enter your referee’s email address, not your own: we send them a link"
    }


def test_a_conviction_needs_its_details():
    assert errors("suitability", convictions=True, convictions_details="") == {
        "convictions_details": "Give details of your convictions or cautions"
    }
    assert errors("suitability", convictions=True, convictions_details="Caution, 2009") == {}


def test_a_name_the_card_cannot_print_is_refused():
    assert errors("name", first_name="Zoë", last_name="Łukasz-Nguyễn") == {}
    assert errors("name", last_name="王") == {
        "last_name": "Enter your last name without 王: we cannot print it on your approval card"
    }
