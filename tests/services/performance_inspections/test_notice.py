"""Another council tells us about a performance it licensed in our area, on the web and
without an account: each venue in our area with its days, the notice becomes an inspection
case, and the notifying officer is told we have it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from casework import db
from casework.catalogue import get_service
from casework.clocks import long_date, today
from casework.models import OutboxMessage
from casework.services.performance_inspections import samples
from tests.conftest import error_messages
from tests.services.helpers import (
    answer_every_step,
    apply_url,
    load_case,
    post_form,
    submit_check_answers,
    text_of,
)

SERVICE = get_service("performance-inspections")


def _notice(**changes) -> dict:
    with db.transaction() as session:
        return {**samples.application(session), **changes}


def _venue(name: str, first_in: int, days: int, postcode: str = "NT1 2AB") -> dict:
    first = today() + timedelta(days=first_in)
    return {
        "venue_name": name,
        "venue_address": "1 High Street, Northtown",
        "venue_postcode": postcode,
        "first_day": first.isoformat(),
        "last_day": (first + timedelta(days=days)).isoformat(),
        "times": "",
    }


def _venue_fields(first: str, last: str) -> dict[str, str]:
    fields = {
        "venue_name": "Northtown Theatre",
        "venue_address": "2 Market Square",
        "venue_postcode": "NT1 2AB",
    }
    for name, value in (("first_day", first), ("last_day", last)):
        day = today().fromisoformat(value)
        fields |= {f"{name}-day": str(day.day), f"{name}-month": str(day.month)}
        fields[f"{name}-year"] = str(day.year)
    return fields


def test_a_council_notifies_us_of_two_venues_without_an_account(anonymous, service_officer):
    notice = _notice(venues=[_venue("Northtown Theatre", 10, 6), _venue("Arts Hall", 20, 3)])
    answer_every_step(anonymous, SERVICE, notice)

    reference = submit_check_answers(anonymous, SERVICE)

    case = load_case(reference)
    assert case.applicant_id is None
    assert [v["venue_name"] for v in case.answers["venues"]] == ["Northtown Theatre", "Arts Hall"]
    page = text_of(anonymous.get(apply_url(SERVICE, "confirmation", reference)).text)
    assert "Notice sent" in page and reference in page
    with db.transaction() as session:
        sent = session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case.id)).all()
        said = {(row.channel, row.recipient) for row in sent}
        email = next(row for row in sent if row.channel == "email")
        last = long_date(today() + timedelta(days=23))
        assert email.personalisation["last_day"] == last
        assert email.personalisation["venues"] == "Northtown Theatre and Arts Hall"
    assert said == {("email", "morgan.price@southshire.example"), ("sms", "07700900789")}
    # The queue's line gives the production, the venues and the day to inspect by.
    queue = text_of(
        service_officer(SERVICE).get("/backoffice/", params={"service": SERVICE.slug}).text
    )
    assert f"Oliver!, Northtown Theatre and Arts Hall, last day {last}" in queue


def test_a_last_day_before_the_first_is_refused_on_its_field(anonymous):
    first = (today() + timedelta(days=10)).isoformat()
    last = (today() + timedelta(days=5)).isoformat()

    response = post_form(anonymous, apply_url(SERVICE, "venues", "new"), _venue_fields(first, last))

    assert response.status_code == 400
    assert error_messages(response.text) == ["Last day must be the same as or after the first day"]
    assert 'value="Northtown Theatre"' in response.text


def test_a_performance_that_has_finished_is_refused(anonymous):
    first = (today() - timedelta(days=10)).isoformat()
    last = (today() - timedelta(days=1)).isoformat()

    response = post_form(anonymous, apply_url(SERVICE, "venues", "new"), _venue_fields(first, last))

    assert response.status_code == 400
    assert error_messages(response.text) == [
        "Last day must be today or later: we cannot inspect a performance that has finished"
    ]


def test_a_run_that_has_begun_but_not_ended_is_accepted(anonymous):
    first = (today() - timedelta(days=3)).isoformat()
    last = (today() + timedelta(days=3)).isoformat()

    response = post_form(anonymous, apply_url(SERVICE, "venues", "new"), _venue_fields(first, last))

    assert response.status_code == 303


def test_the_licence_step_needs_a_number_of_children_that_is_a_number(anonymous):
    response = post_form(
        anonymous,
        apply_url(SERVICE, "licence"),
        {
            "licence_number": "SS-1",
            "issuing_council": "Southshire Council",
            "children_count": "two",
        },
    )

    assert response.status_code == 400
    assert error_messages(response.text) == ["Children must be a whole number, like 12"]


def test_the_notifying_officer_can_send_the_licence_from_their_account(anonymous, citizen_factory):
    answer_every_step(anonymous, SERVICE, _notice())
    reference = submit_check_answers(anonymous, SERVICE)

    officer_at_other_council = citizen_factory("morgan.price@southshire.example")
    page = officer_at_other_council.get(f"/account/applications/{reference}")

    assert page.status_code == 200
    assert "Send a copy of the licence" in text_of(page.text)
