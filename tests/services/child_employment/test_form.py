"""The employer's form: the working-hours validator runs on the job and hours steps (on the
answers so far, so the page says what is wrong before the employer goes on), and again on
the whole application from the API and the paper form. Each breach is an error on its
field, in plain words, and the page keeps what was typed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casework import db
from casework.fields import errors_from
from casework.questions.kinds import age_on
from tests.services.child_employment.support import (
    SERVICE,
    born_for_age,
    errors_on,
    inline_error,
    sample,
)
from tests.services.helpers import apply_url, post_form, step_fields

START = date.today() + timedelta(days=14)


def fill(client, answers: dict[str, Any], until: str) -> None:
    """Answer every step before ``until``, as a browser without JavaScript would."""
    for step in SERVICE.steps:
        if step.slug == until:
            return
        response = post_form(client, apply_url(SERVICE, step.slug), step_fields(step, answers))
        assert response.status_code == 303, (step.slug, errors_on(response.text))
    raise AssertionError(f"no step {until}")


def post_step(client, slug: str, answers: dict[str, Any]):
    return post_form(client, apply_url(SERVICE, slug), step_fields(SERVICE.step(slug), answers))


def aged(age: int, **changes: Any) -> dict[str, Any]:
    return sample(
        child_date_of_birth=born_for_age(age, START), start_date=START.isoformat(), **changes
    )


def times(**days: tuple[str, str]) -> dict[str, dict[str, str]]:
    return {day: {"start": start, "end": end} for day, (start, end) in days.items()}


SIX_HOUR_SATURDAY = {
    "term_hours": times(saturday=("09:00", "13:00")),
    "term_hours_second": times(saturday=("14:00", "16:00")),
}


# --- The hours, while the employer types them ------------------------------------------


def test_hours_within_the_law_go_on_to_the_next_step(citizen):
    answers = aged(14)
    fill(citizen, answers, until="term-hours")

    assert post_step(citizen, "term-hours", answers).status_code == 303
    assert post_step(citizen, "holiday-hours", answers).status_code == 303


def test_a_saturday_over_the_limit_for_14_is_an_error_on_the_term_times(citizen):
    answers = aged(14, **SIX_HOUR_SATURDAY)
    fill(citizen, answers, until="term-hours")

    response = post_step(citizen, "term-hours", answers)

    assert response.status_code == 400
    message = inline_error(response.text, "term_hours")
    assert "A 14-year-old can work at most 5 hours on a Saturday." in message
    assert "These Saturday shifts add up to 6 hours." in message
    assert errors_on(response.text) == {"term_hours": message}
    # Nothing typed is lost.
    assert 'value="14:00"' in response.text and 'value="09:00"' in response.text


def test_the_same_saturday_is_within_the_law_at_15(citizen):
    answers = aged(15, **SIX_HOUR_SATURDAY)
    fill(citizen, answers, until="term-hours")

    assert post_step(citizen, "term-hours", answers).status_code == 303


def test_every_breach_on_a_schedule_is_said(citizen):
    answers = aged(
        14,
        term_hours=times(monday=("06:30", "07:30"), tuesday=("10:00", "11:00")),
        term_hours_second={},
    )
    fill(citizen, answers, until="term-hours")

    message = inline_error(post_step(citizen, "term-hours", answers).text, "term_hours")

    assert "On Monday, work starts at 6:30am. Children cannot work before 7am." in message
    assert "On Tuesday, work from 10am to 11am is during school hours" in message


def test_the_childs_own_school_day_is_used(citizen):
    # 3:30pm is after the usual school day but during this school's.
    answers = aged(
        14,
        term_hours=times(monday=("15:30", "17:00")),
        term_hours_second={},
        school_start="09:00",
        school_end="15:45",
    )
    fill(citizen, answers, until="term-hours")

    message = inline_error(post_step(citizen, "term-hours", answers).text, "term_hours")

    assert "during school hours (9am to 3:45pm)" in message


def test_a_holiday_weekday_over_the_limit_is_an_error_on_the_holiday_times(citizen):
    answers = aged(
        14,
        holiday_hours=times(monday=("09:00", "13:00")),
        holiday_hours_second=times(monday=("14:00", "16:00")),
    )
    fill(citizen, answers, until="holiday-hours")

    response = post_step(citizen, "holiday-hours", answers)

    assert response.status_code == 400
    message = inline_error(response.text, "holiday_hours")
    assert "A 14-year-old can work at most 5 hours on a weekday in the school holidays." in message


def test_more_than_4_hours_without_a_break_is_an_error(citizen):
    answers = aged(15, holiday_hours=times(saturday=("09:00", "14:00")), holiday_hours_second={})
    fill(citizen, answers, until="holiday-hours")

    message = inline_error(post_step(citizen, "holiday-hours", answers).text, "holiday_hours")

    assert "A child must have a break of at least 1 hour after 4 hours of work." in message


def test_times_that_overlap_are_an_error_on_the_second_times(citizen):
    answers = aged(
        14,
        term_hours=times(saturday=("09:00", "12:00")),
        term_hours_second=times(saturday=("11:00", "13:00")),
    )
    fill(citizen, answers, until="term-hours")

    response = post_step(citizen, "term-hours", answers)

    assert inline_error(response.text, "term_hours_second") == (
        "On Saturday, the times 9am to midday and 11am to 1pm overlap. Enter each time the "
        "child works once"
    )


def test_a_finish_before_the_start_is_an_error(citizen):
    answers = aged(14, term_hours=times(monday=("17:00", "16:00")))
    fill(citizen, answers, until="term-hours")

    response = post_step(citizen, "term-hours", answers)

    assert inline_error(response.text, "term_hours") == (
        "Monday finish time must be after the start time"
    )


def test_a_time_that_is_not_a_time_is_an_error(citizen):
    answers = aged(14, term_hours=times(monday=("teatime", "18:00")))
    fill(citizen, answers, until="term-hours")

    response = post_step(citizen, "term-hours", answers)

    assert response.status_code == 400
    assert "Monday start time as a time" in inline_error(response.text, "term_hours")


def test_no_times_at_all_is_an_error(citizen):
    answers = aged(
        14, term_hours={}, term_hours_second={}, holiday_hours={}, holiday_hours_second={}
    )
    fill(citizen, answers, until="holiday-hours")

    response = post_step(citizen, "holiday-hours", answers)

    assert errors_on(response.text) == {
        "holiday_hours": "Enter the times the child will work in the school holidays, or go "
        "back and enter the times they will work in term time"
    }


def test_a_school_start_without_its_finish_is_an_error(citizen):
    answers = aged(14, school_start="08:40", school_end="")
    fill(citizen, answers, until="term-hours")

    response = post_step(citizen, "term-hours", answers)

    assert errors_on(response.text) == {
        "school_end": "Enter the time school finishes, as well as when it starts"
    }


# --- The job and the child's age on the day it starts -----------------------------------


def test_prohibited_work_is_an_error_on_the_job(citizen):
    answers = aged(15, occupation="commercial_kitchen")
    fill(citizen, answers, until="job")

    response = post_step(citizen, "job", answers)

    assert inline_error(response.text, "occupation") == (
        "Children cannot do this job at any age: Work in a commercial kitchen."
    )


def test_at_13_only_light_work_is_allowed(citizen):
    answers = aged(13, occupation="retail")
    fill(citizen, answers, until="job")

    response = post_step(citizen, "job", answers)

    assert "can only do the light work on the council's list" in inline_error(
        response.text, "occupation"
    )
    assert post_step(citizen, "job", aged(13, occupation="shop_work")).status_code == 303


def test_a_child_under_13_on_the_start_date_is_an_error_on_the_start_date(citizen):
    # 12 today and still 12 when the job starts.
    answers = aged(12)
    fill(citizen, answers, until="job")

    response = post_step(citizen, "job", answers)

    assert "A child must be at least 13 to be employed, and this child is 12." in inline_error(
        response.text, "start_date"
    )


def test_a_child_past_school_age_on_the_start_date_is_an_error(citizen):
    # 16 today, and 17 by the day the job starts.
    start = START + timedelta(days=30)
    born = date(start.year - 17, start.month, 1) - timedelta(days=1)
    assert age_on(born, date.today()) == 16 and age_on(born, start) == 17
    answers = sample(child_date_of_birth=born.isoformat(), start_date=start.isoformat())
    fill(citizen, answers, until="job")

    response = post_step(citizen, "job", answers)

    assert "over compulsory school age" in inline_error(response.text, "start_date")


def test_a_start_more_than_a_year_away_is_an_error(citizen):
    answers = sample(start_date=(date.today() + timedelta(days=400)).isoformat())
    fill(citizen, answers, until="job")

    response = post_step(citizen, "job", answers)

    assert errors_on(response.text) == {
        "start_date": "The job must start within the next 12 months"
    }


def test_the_parent_needs_an_email_address_or_a_mobile_number(citizen):
    answers = sample(parent_email="", parent_mobile="")
    fill(citizen, answers, until="parent")

    response = post_step(citizen, "parent", answers)

    assert "parent_email" in errors_on(response.text)


# --- The whole application: the API and the paper form ---------------------------------


def test_the_whole_application_is_checked_too(clean_db):
    with db.transaction() as session, pytest.raises(Exception) as raised:
        SERVICE.validate(session, aged(14, **SIX_HOUR_SATURDAY))

    errors = errors_from(raised.value)  # type: ignore[arg-type]
    assert list(errors) == ["term_hours"]
    assert "at most 5 hours on a Saturday" in errors["term_hours"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"school_start": "15:00", "school_end": "09:00"}, "school_end"),
        ({"start_date": "2001-01-01"}, "start_date"),
        ({"term_hours": {"monday": {"start": "4pm", "end": "half past five"}}}, "term_hours"),
        ({"term_hours": ["monday"]}, "term_hours"),
        ({"occupation": "lion_taming"}, "occupation"),
    ],
)
def test_the_api_answers_bad_answers_on_their_field_never_a_500(api, api_headers, changes, field):
    body = {"service": SERVICE.slug, "answers": sample(**changes), "channel": "api"}

    response = api.post(
        "/api/v1/applications", json=body, headers=api_headers("applications:write")
    )

    assert response.status_code == 422, response.text
    assert field in response.json()["errors"], response.json()


def test_the_api_answers_a_breach_on_its_field(api, api_headers):
    body = {"service": SERVICE.slug, "answers": aged(14, **SIX_HOUR_SATURDAY), "channel": "api"}

    response = api.post(
        "/api/v1/applications", json=body, headers=api_headers("applications:write")
    )

    assert response.status_code == 422, response.text
    assert "at most 5 hours on a Saturday" in str(response.json())


def test_the_paper_form_shows_a_breach_on_its_field(service_officer):
    from bs4 import BeautifulSoup

    from tests.conftest import csrf_token
    from tests.services.helpers import paper_fields

    officer = service_officer(SERVICE)
    url = f"/backoffice/services/{SERVICE.slug}/new"
    page = officer.get(url)
    shown = {
        field["name"]: field["value"]
        for field in BeautifulSoup(page.text, "html.parser").find_all("input")
        if field.get("name") and field.get("value") and field.get("type") in ("text", "hidden")
    }
    data = {
        **shown,
        **paper_fields(SERVICE, aged(14, occupation="commercial_kitchen", **SIX_HOUR_SATURDAY)),
        "csrf_token": csrf_token(page.text),
    }

    response = officer.post(url, data=data, follow_redirects=False)

    assert response.status_code == 400
    errors = errors_on(response.text)
    assert "at most 5 hours on a Saturday" in errors["term_hours"]
    assert errors["occupation"].startswith("Children cannot do this job at any age")
