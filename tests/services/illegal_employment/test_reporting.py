"""Reporting illegal employment on the web: anyone may report without an account, and stay
anonymous; a reporter who gives an email or a mobile is told we have the report, and nobody
else is; bad answers come back on their field with nothing lost."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select
from starlette.testclient import TestClient

from casework import db
from casework.catalogue import get_service
from casework.models import Case, OutboxMessage
from casework.services.illegal_employment import samples
from tests.conftest import csrf_token, error_messages
from tests.services.helpers import (
    answer_every_step,
    apply_url,
    load_case,
    paper_fields,
    post_form,
    submit_check_answers,
    text_of,
)

SERVICE = get_service("illegal-employment")


def _answers(anonymous: bool = False) -> dict:
    with db.transaction() as session:
        return samples.anonymous(session) if anonymous else samples.application(session)


def _messages(reference: str) -> list[tuple[str, str, str]]:
    with db.transaction() as session:
        case_id = load_case(reference).id
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id))
        return sorted((row.message_name, row.channel, row.recipient) for row in rows)


def test_anyone_can_report_anonymously_without_signing_in(anonymous, service_officer):
    answer_every_step(anonymous, SERVICE, _answers(anonymous=True))

    reference = submit_check_answers(anonymous, SERVICE)

    case = load_case(reference)
    assert case.applicant_id is None
    assert case.answers["contact_me"] == "no"
    assert "email" not in case.answers or not case.answers["email"]
    confirmation = text_of(anonymous.get(apply_url(SERVICE, "confirmation", reference)).text)
    assert "Report sent" in confirmation
    assert reference in confirmation
    # Nobody to tell, so the page does not claim we told them, nor point to an account.
    assert "We have sent you a confirmation" not in confirmation
    assert "See the progress" not in confirmation
    # No "we aim to decide by": the first-visit target is the team's own.
    assert "aim to decide" not in confirmation
    assert _messages(reference) == []
    queue = service_officer(SERVICE).get("/backoffice/", params={"service": SERVICE.slug})
    assert reference in text_of(queue.text)


def test_a_reporter_who_gives_contact_details_is_told_we_have_the_report(anonymous):
    answer_every_step(anonymous, SERVICE, _answers())

    reference = submit_check_answers(anonymous, SERVICE)

    assert _messages(reference) == [
        ("illegal_employment_report_received", "email", "alex.morgan@example.com"),
        ("illegal_employment_report_received", "sms", "07700900461"),
    ]
    page = text_of(anonymous.get(apply_url(SERVICE, "confirmation", reference)).text)
    assert "We have sent you a confirmation" in page
    assert "We will not tell you what our investigation finds" in page


def test_a_landline_is_kept_for_a_call_back_but_not_texted(anonymous):
    answers = {**_answers(), "email": "", "phone": "01632 960 001"}
    answer_every_step(anonymous, SERVICE, answers)

    reference = submit_check_answers(anonymous, SERVICE)

    assert load_case(reference).answers["phone"] == "01632960001"
    assert _messages(reference) == []


def test_someone_who_wants_contact_must_give_a_way_to_reach_them(anonymous):
    data = {"contact_me": "yes", "reporter_name": "Alex Morgan", "email": "", "phone": ""}

    response = post_form(anonymous, apply_url(SERVICE, "about-you"), data)

    assert response.status_code == 400
    assert error_messages(response.text) == [
        "Enter an email address or a phone number, or choose to stay anonymous"
    ]
    # What they typed is still there.
    assert 'value="Alex Morgan"' in response.text


def test_a_phone_number_that_is_not_one_is_refused_on_its_field(anonymous):
    data = {"contact_me": "yes", "reporter_name": "Alex Morgan", "phone": "12345"}

    response = post_form(anonymous, apply_url(SERVICE, "about-you"), data)

    assert response.status_code == 400
    assert error_messages(response.text) == [
        "Enter a UK phone number, like 01632 960 001 or 07700 900 982"
    ]


def test_an_anonymous_reporter_is_not_asked_for_contact_details(anonymous):
    response = post_form(
        anonymous,
        apply_url(SERVICE, "about-you"),
        {"contact_me": "no", "reporter_name": "", "email": "not an email"},
    )

    # The hidden questions are not checked when the reporter stays anonymous.
    assert response.status_code == 303


def test_where_and_when_are_needed_and_a_future_sighting_is_refused(anonymous):
    where = post_form(anonymous, apply_url(SERVICE, "where"), {"business_name": "Corner Café"})
    when = post_form(
        anonymous,
        apply_url(SERVICE, "when"),
        {
            "when_seen": "Saturdays",
            "last_seen-day": "1",
            "last_seen-month": "1",
            "last_seen-year": "2999",
        },
    )

    assert where.status_code == 400
    assert error_messages(where.text) == ["Enter the address, or describe where the business is"]
    assert when.status_code == 400
    assert error_messages(when.text) == ["Last seen working must be in the past"]


def test_an_age_that_is_not_a_number_is_refused(anonymous):
    response = post_form(anonymous, apply_url(SERVICE, "child"), {"child_age": "about ten"})

    assert response.status_code == 400
    assert error_messages(response.text) == ["Child’s age must be a whole number, like 12"]


def test_a_report_sent_from_one_browser_is_not_shown_to_another(app, anonymous):
    answer_every_step(anonymous, SERVICE, _answers(anonymous=True))
    reference = submit_check_answers(anonymous, SERVICE)
    stranger = TestClient(app)

    response = stranger.get(apply_url(SERVICE, "confirmation", reference))

    assert response.status_code == 404


def test_sending_the_same_report_twice_makes_one_case(anonymous):
    answer_every_step(anonymous, SERVICE, _answers(anonymous=True))
    path = apply_url(SERVICE, "check-answers")
    page = anonymous.get(path)
    key = BeautifulSoup(page.text, "html.parser").find("input", {"name": "submission_key"})
    data = {"csrf_token": csrf_token(page.text), "submission_key": key["value"]}

    first = anonymous.post(path, data=data, follow_redirects=False)
    second = anonymous.post(path, data=data, follow_redirects=False)

    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    with db.transaction() as session:
        made = session.scalars(select(Case).where(Case.service == SERVICE.slug)).all()
    assert len(made) == 1


def test_other_services_still_ask_people_to_sign_in(anonymous):
    response = anonymous.get("/apply/free-school-meals/name", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in")


def test_an_officer_keys_in_a_phone_report_on_the_paper_form(service_officer):
    officer = service_officer(SERVICE)
    url = f"/backoffice/services/{SERVICE.slug}/new"
    page = officer.get(url)
    data = {
        **paper_fields(SERVICE, _answers(anonymous=True)),
        "received_on-day": "2",
        "received_on-month": "3",
        "received_on-year": "2026",
        "csrf_token": csrf_token(page.text),
    }
    key = BeautifulSoup(page.text, "html.parser").find("input", {"name": "submission_key"})
    if key is not None:
        data["submission_key"] = key["value"]

    response = officer.post(url, data=data, follow_redirects=False)

    assert response.status_code == 303, error_messages(response.text)
    reference = response.headers["location"].rstrip("/").rsplit("/", 1)[1]
    case = load_case(reference)
    assert case.channel == "officer"
    assert case.answers["contact_me"] == "no"
