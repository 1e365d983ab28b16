"""The producer's application: the licence-needed question stops the journey when no
licence is needed, each day is checked against the law as it is entered (with the child's
age and the other days), the chaperone is checked on the register, and every channel gets
the same answer at submission. Bad input is an error on its field, never a 500."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from casework import db
from casework.clocks import long_date, today
from casework.fields import errors_from
from casework.questions import FormContext
from casework.services.performance_licences.question_kinds import (
    HoursQuestion,
    read_periods,
)
from tests.conftest import error_messages
from tests.services.helpers import (
    apply_url,
    post_form,
    step_fields,
    submit_check_answers,
    text_of,
)
from tests.services.performance_licences.support import SERVICE, approved_chaperone, sample

# --- Helpers ------------------------------------------------------------------------------


def fill(client, answers: dict[str, Any], until: str | None = None) -> None:
    """Answer each step before ``until`` as a browser without JavaScript would."""
    for step in SERVICE.steps:
        if step.slug == until:
            return
        if step.repeat:
            for item in answers.get(step.repeat.key) or []:
                response = post_form(
                    client, apply_url(SERVICE, step.slug, "new"), step_fields(step, item)
                )
                assert response.status_code == 303, error_messages(response.text)
            post_form(client, apply_url(SERVICE, step.slug, "summary"), {"add_another": "no"})
        else:
            response = post_form(client, apply_url(SERVICE, step.slug), step_fields(step, answers))
            assert response.status_code == 303, (step.slug, error_messages(response.text))


def errors_on(html: str) -> dict[str, str]:
    """The error summary's links: field id → message."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        link["href"].lstrip("#"): link.get_text(strip=True)
        for link in soup.select(".govuk-error-summary a")
    }


def post_day(client, day: dict[str, Any]):
    return post_form(
        client, apply_url(SERVICE, "days", "new"), step_fields(SERVICE.step("days"), day)
    )


def day(on: date, **changes: Any) -> dict[str, Any]:
    base = {
        "date": on.isoformat(),
        "day_type": "performance",
        "venue": "Southshire Playhouse",
        "arrive": "13:00",
        "leave": "17:00",
        "performing": "14:00 to 15:00",
        "school_day": False,
    }
    return {**base, **changes}


FIRST = today() + timedelta(days=42)


def born_for_age(age: int, on: date = FIRST) -> str:
    """A date of birth giving ``age`` both today and on ``on`` (a birthday 100 days before)."""
    return (date(on.year - age, on.month, min(on.day, 28)) - timedelta(days=100)).isoformat()


# --- Does the child need a licence? ---------------------------------------------------------

LICENCE_NEEDED = {
    "performance_kind": "charged",
    "paid_beyond_expenses": "no",
    "needs_absence_from_school": "no",
    "arranged_by": "someone_else",
    "days_performed_before": "0",
    "production_days": "1",
}


def test_a_free_school_play_needs_no_licence_and_the_journey_stops(citizen):
    response = post_form(
        citizen,
        apply_url(SERVICE, "licence-needed"),
        {**LICENCE_NEEDED, "performance_kind": "other"},
    )

    assert response.status_code == 400
    message = errors_on(response.text)["performance_kind"]
    assert message.startswith("The child does not need a licence.")
    assert message.endswith("You do not need to apply.")


def test_the_4_day_rule_stops_the_journey_with_the_count(citizen):
    response = post_form(
        citizen,
        apply_url(SERVICE, "licence-needed"),
        {**LICENCE_NEEDED, "days_performed_before": "2", "production_days": "2"},
    )

    assert response.status_code == 400
    message = errors_on(response.text)["days_performed_before"]
    assert "4-day rule" in message and "perform on 4 days in 6 months" in message


def test_a_performance_arranged_under_a_bopa_needs_no_licence(citizen):
    response = post_form(
        citizen, apply_url(SERVICE, "licence-needed"), {**LICENCE_NEEDED, "arranged_by": "bopa"}
    )

    assert response.status_code == 400
    assert "Body of Persons Approval" in errors_on(response.text)["arranged_by"]


def test_paid_work_or_time_off_school_always_needs_a_licence(citizen):
    for changes in ({"paid_beyond_expenses": "yes"}, {"needs_absence_from_school": "yes"}):
        response = post_form(
            citizen,
            apply_url(SERVICE, "licence-needed"),
            {**LICENCE_NEEDED, "arranged_by": "school", **changes},
        )

        assert response.status_code == 303, error_messages(response.text)


def test_the_start_page_and_guide_say_when_a_licence_is_needed(anonymous):
    page = text_of(anonymous.get(apply_url(SERVICE)).text)

    assert "No licence is needed if nothing beyond expenses is paid" in page
    assert "no more than 3 days in the last 6 months" in page
    assert "council where the child lives" in page
    assert "council where the child lives" in SERVICE.guide.how_to_apply


# --- Each day, checked as it is entered -------------------------------------------------------


def test_a_day_too_long_for_the_childs_age_is_an_error_on_the_time_they_leave(citizen):
    answers = sample(child_date_of_birth=born_for_age(4))
    fill(citizen, answers, until="days")

    response = post_day(
        citizen, day(FIRST, arrive="09:00", leave="17:00", performing="10:00 to 10:30")
    )

    assert response.status_code == 400
    assert errors_on(response.text) == {
        "leave": f"A 4-year-old can be at the venue for at most 5 hours a day. On "
        f"{long_date(FIRST)} the child would be there for 8 hours."
    }


def test_a_day_within_the_limits_for_the_childs_age_is_accepted(citizen):
    fill(citizen, sample(child_date_of_birth=born_for_age(4)), until="days")

    response = post_day(
        citizen, day(FIRST, arrive="09:00", leave="14:00", performing="10:00 to 10:30")
    )

    assert response.status_code == 303, error_messages(response.text)


def test_performing_after_the_latest_time_for_the_age_is_an_error(citizen):
    fill(citizen, sample(child_date_of_birth=born_for_age(4)), until="days")

    response = post_day(
        citizen, day(FIRST, arrive="18:00", leave="22:30", performing="19:00 to 19:30")
    )

    assert errors_on(response.text)["leave"].startswith(
        "A 4-year-old cannot be at the venue after 10pm."
    )


def test_a_day_in_the_past_is_an_error_and_the_answers_stay(citizen):
    fill(citizen, sample(), until="days")
    yesterday = today() - timedelta(days=1)

    response = post_day(citizen, day(yesterday, venue="Southshire Playhouse"))

    assert errors_on(response.text) == {"date": "The date must be today or in the future"}
    assert 'value="Southshire Playhouse"' in response.text


def test_performing_outside_the_time_at_the_venue_is_an_error(citizen):
    fill(citizen, sample(), until="days")

    response = post_day(citizen, day(FIRST, performing="12:00 to 13:30"))

    assert errors_on(response.text) == {
        "performing": "The child must be at the venue while they perform: midday to 1:30pm "
        "is not between 1pm and 5pm"
    }


def test_a_venue_that_was_not_given_is_an_error(citizen):
    fill(citizen, sample(), until="days")

    response = post_day(citizen, day(FIRST, venue="The Palladium"))

    assert errors_on(response.text) == {
        "venue": "Enter the name of a venue you gave: Southshire Playhouse"
    }


def test_times_that_are_not_times_or_end_before_they_start_are_errors(citizen):
    fill(citizen, sample(), until="days")

    response = post_day(citizen, day(FIRST, arrive="25:00", leave="12:00", performing="2pm"))

    errors = errors_on(response.text)
    assert errors["arrive"] == "Enter arrival time as a real time"
    assert errors["performing"] == (
        "Enter the first time as a start and a finish, like 10am to 11:30am"
    )
    response = post_day(citizen, day(FIRST, arrive="14:00", leave="13:00"))
    assert errors_on(response.text) == {
        "leave": "The time the child leaves the venue must be after the time they arrive, 2pm"
    }


def test_a_seventh_day_in_a_row_is_an_error_on_that_day(citizen):
    fill(
        citizen, sample(days=[day(FIRST + timedelta(days=n)) for n in range(6)]), until="chaperone"
    )

    response = post_day(citizen, day(FIRST + timedelta(days=6)))

    message = errors_on(response.text)["date"]
    assert message.startswith("A child can perform or rehearse on at most 6 days in a row.")
    assert post_day(citizen, day(FIRST + timedelta(days=7))).status_code == 303


def test_less_than_3_hours_of_education_on_a_school_day_is_an_error(citizen):
    fill(citizen, sample(), until="days")

    response = post_day(citizen, day(FIRST, school_day=True, education_hours=2.5))

    assert errors_on(response.text) == {
        "education_hours": "A child must get at least 3 hours of education on each school "
        f"day. On {long_date(FIRST)} the child would get 2 hours 30 minutes."
    }
    assert post_day(citizen, day(FIRST, school_day=True, education_hours=3)).status_code == 303


def test_a_date_already_in_the_schedule_is_an_error(citizen):
    fill(citizen, sample(), until="chaperone")

    response = post_day(citizen, day(FIRST))

    assert errors_on(response.text)["date"].endswith(
        "is already in the schedule: enter each date once"
    )


def test_changing_a_day_is_judged_without_its_old_self(citizen):
    fill(citizen, sample(), until="chaperone")

    response = post_form(
        citizen,
        apply_url(SERVICE, "days", "1"),
        step_fields(SERVICE.step("days"), day(FIRST, arrive="10:00")),
    )

    assert response.status_code == 303, error_messages(response.text)


def test_a_date_of_birth_that_makes_the_days_illegal_is_an_error_where_it_changed(citizen):
    answers = sample()
    fill(citizen, answers)
    child = {**answers, "child_date_of_birth": born_for_age(4)}

    response = post_form(
        citizen, apply_url(SERVICE, "child"), step_fields(SERVICE.step("child"), child)
    )

    message = errors_on(response.text)["child_date_of_birth"]
    assert message.startswith("The days you gave break the limits for a child of 4:")


def test_a_short_notice_application_is_warned_about_but_can_be_sent(citizen):
    first = today() + timedelta(days=10)
    fill(citizen, sample(first_day=first))

    page = text_of(citizen.get(apply_url(SERVICE, "check-answers")).text)

    assert (
        "The council may refuse an application received less than 21 days before the first "
        f"performance. The first performance is on {long_date(first + timedelta(days=1))}"
    ) in page
    assert submit_check_answers(citizen, SERVICE)


# --- The chaperone, the tutor, the parent --------------------------------------------------

CHAPERONE = {
    "in_charge": "chaperone",
    "chaperone_first_name": "Anne",
    "chaperone_last_name": "Dupré",
    "chaperone_approval_number": "CH-2026-0042",
    "chaperone_date_of_birth": "1988-07-21",
    "chaperone_children": 4,
    "chaperone_is_tutor": False,
}


def check_step(slug: str, answers: dict[str, Any], earlier: dict[str, Any] | None = None):
    with db.transaction() as session:
        try:
            SERVICE.validate_step(session, SERVICE.step(slug), answers, earlier)
        except ValidationError as exc:
            return errors_from(exc)
    return {}


def test_an_approved_chaperone_on_the_register_is_accepted(clean_db):
    approved_chaperone()

    assert check_step("chaperone", {**CHAPERONE, "chaperone_last_name": " DUPRE "}, sample()) == {}


@pytest.mark.parametrize(
    "changes",
    [
        {"chaperone_approval_number": "CH-2026-0099"},
        {"chaperone_last_name": "Smith"},
        {"chaperone_date_of_birth": "1988-07-22"},
    ],
    ids=["unknown number", "wrong last name", "wrong date of birth"],
)
def test_an_unknown_chaperone_gets_one_answer_whatever_was_wrong(clean_db, changes):
    approved_chaperone()

    errors = check_step("chaperone", {**CHAPERONE, **changes}, sample())

    assert errors == {
        "chaperone_approval_number": "We cannot find an approved chaperone with this approval "
        "number, last name and date of birth. Check them against the chaperone's approval card"
    }


def test_a_chaperone_whose_approval_has_expired_or_ends_too_soon_is_an_error(clean_db):
    approved_chaperone(status="revoked")
    approved_chaperone("CH-2025-0007", until=FIRST)  # the last day is FIRST + 1

    revoked = check_step("chaperone", CHAPERONE, sample())
    too_soon = check_step(
        "chaperone", {**CHAPERONE, "chaperone_approval_number": "CH-2025-0007"}, sample()
    )

    assert revoked == {
        "chaperone_approval_number": "This chaperone is no longer approved. Choose another "
        "approved chaperone"
    }
    assert too_soon["chaperone_approval_number"].startswith(
        f"This chaperone's approval ends on {long_date(FIRST)}, before the last day"
    )


def test_a_chaperone_may_look_after_12_children_or_3_if_also_the_tutor(clean_db):
    approved_chaperone()

    assert check_step("chaperone", {**CHAPERONE, "chaperone_children": 12}, sample()) == {}
    assert check_step("chaperone", {**CHAPERONE, "chaperone_children": 13}, sample()) == {
        "chaperone_children": "A chaperone can look after at most 12 children. This chaperone "
        "would look after 13."
    }
    tutor = {**CHAPERONE, "chaperone_is_tutor": True}
    assert check_step("chaperone", {**tutor, "chaperone_children": 3}, sample()) == {}
    assert check_step("chaperone", {**tutor, "chaperone_children": 4}, sample()) == {
        "chaperone_children": "A chaperone who is also the child's tutor can look after at "
        "most 3 children. This chaperone would look after 4."
    }


def test_a_tutor_teaches_at_most_6_children_or_12_at_a_similar_stage(clean_db):
    tutor = {
        "tutor": "yes",
        "tutor_name": "Sam Lee",
        "tutor_qualifications": "QTS",
        "tutor_children": 6,
        "tutor_similar_standard": False,
    }

    assert check_step("tutor", tutor) == {}
    assert (
        "at most 6 children"
        in check_step("tutor", {**tutor, "tutor_children": 7})["tutor_children"]
    )
    similar = {**tutor, "tutor_similar_standard": True}
    assert check_step("tutor", {**similar, "tutor_children": 12}) == {}
    assert check_step("tutor", {**similar, "tutor_children": 13}) == {
        "tutor_children": "A tutor can teach at most 12 children at the same time. This tutor "
        "would teach 13."
    }


def test_the_parent_needs_an_email_address_or_a_mobile_number(clean_db):
    parent = {"parent_first_name": "Priya", "parent_last_name": "Patel"}

    assert "parent_email" in check_step("parent", parent)
    assert check_step("parent", {**parent, "parent_mobile": "07700900456"}) == {}


# --- Every channel: the whole application ---------------------------------------------------


def test_the_api_refuses_a_schedule_that_breaks_the_law_on_the_days_field(
    api, api_headers, clean_db
):
    answers = sample(child_date_of_birth=born_for_age(4))

    response = api.post(
        "/api/v1/applications",
        json={"service": SERVICE.slug, "answers": answers, "channel": "api"},
        headers=api_headers("applications:write"),
    )

    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert errors["days.0.leave"] == (
        "A 4-year-old can be at the venue for at most 5 hours a day. On "
        f"{long_date(FIRST)} the child would be there for 8 hours."
    )
    # Two breaches about one question are one message that says both.
    assert errors["days.1.performing"].startswith(
        "A 4-year-old can perform or rehearse for at most 2 hours a day. On "
        f"{long_date(FIRST + timedelta(days=1))} the child would perform for 3 hours 30 minutes. "
        "A 4-year-old can perform or rehearse for at most 30 minutes without a break."
    )


def test_the_paper_form_and_the_api_check_each_day_against_the_listed_venues(clean_db):
    answers = sample()
    answers["days"][1]["venue"] = "Elsewhere Hall"

    with db.transaction() as session, pytest.raises(ValidationError) as raised:
        SERVICE.validate(session, answers)

    assert errors_from(raised.value)["days.1.venue"].endswith(
        "the venue must be one you gave: Southshire Playhouse"
    )


# --- The question kinds ----------------------------------------------------------------------


def test_performing_times_are_read_in_the_ways_people_type_them():
    assert read_periods("2pm-3pm, 10am to 11:30am") == [("10:00", "11:30"), ("14:00", "15:00")]
    assert read_periods("19:00 until midnight") == [("19:00", "24:00")]
    for typed, message in (
        ("10am", "Enter the first time as a start and a finish, like 10am to 11:30am"),
        ("10am to 9am", "The first time must finish after it starts: 10am to 9am"),
        ("10am to 12pm, 11am to 1pm", "Times must not overlap: 10am to midday and 11am to 1pm"),
        ("10am to 25:00", "Enter the finish of the first time as a real time"),
    ):
        with pytest.raises(Exception) as raised:
            read_periods(typed)
        assert str(raised.value) == message


def test_hours_of_education_are_a_number_of_hours():
    question = HoursQuestion(name="hours", label="Hours of education")

    assert question.read("2.5", FormContext()) == 2.5
    assert question.read("3 hours", FormContext()) == 3.0
    with pytest.raises(Exception, match="must be a number, like 3 or 2.5"):
        question.read("lots", FormContext())
    with pytest.raises(Exception, match="from 0 to 24"):
        question.read("25", FormContext())
