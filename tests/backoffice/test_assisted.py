"""Assisted digital: an officer keys in a whole paper application on one page."""

from __future__ import annotations

from sqlalchemy import func, select

from casework import cases, db
from casework.models import Case
from tests.backoffice.helpers import SCHOOL_URN, error_summary, load_case, soup, text_of

URL = "/backoffice/services/free-school-meals/new"


def _blank_form(client) -> dict[str, str]:
    """What a browser sends for the form as rendered: text, hidden and select fields."""
    page = soup(client.get(URL).text)
    form = page.find("main").find("form", method="post")
    data: dict[str, str] = {}
    for field in form.find_all("input"):
        if field.get("type") not in ("radio", "checkbox"):
            data[field["name"]] = field.get("value", "")
    for select_box in form.find_all("select"):
        chosen = select_box.find("option", selected=True) or select_box.find("option")
        data[select_box["name"]] = chosen.get("value", "")
    return data


def _filled_form(client, **changes: str) -> dict[str, str]:
    data = _blank_form(client)
    data.update(
        {
            "first_name": "Jane",
            "last_name": "Smith",
            "date_of_birth-day": "27",
            "date_of_birth-month": "3",
            "date_of_birth-year": "1985",
            "identifier_type": "nino",
            "national_insurance_number": "AB 12 34 56 C",
            "address_line_1": "1 High Street",
            "town": "Northtown",
            "postcode": "nt1 1aa",
            "email": "jane.smith@example.com",
            "consent": "yes",
            "children.0.first_name": "Sam",
            "children.0.last_name": "Smith",
            "children.0.date_of_birth-day": "27",
            "children.0.date_of_birth-month": "3",
            "children.0.date_of_birth-year": "2016",
            "children.0.school_urn": SCHOOL_URN,
        }
    )
    data.update(changes)
    return data


def _count_cases() -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Case))


def test_the_form_has_every_question_and_four_child_rows(fsm_client):
    response = fsm_client.get(URL)
    assert response.status_code == 200
    page = soup(response.text)
    form = page.find("main").find("form", method="post")
    names = {field["name"] for field in form.find_all(["input", "select"])}
    for name in (
        "first_name",
        "last_name",
        "date_of_birth-day",
        "identifier_type",
        "national_insurance_number",
        "nass_number",
        "address_line_1",
        "postcode",
        "email",
        "mobile",
        "consent",
        "children.3.school_urn",
        "children.3.date_of_birth-year",
        "submission_key",
        "csrf_token",
    ):
        assert name in names, name
    assert "children.4.first_name" not in names
    schools = [o.get("value") for o in form.find("select", id="children-0-school_urn")("option")]
    assert SCHOOL_URN in schools
    consent = form.find("input", attrs={"name": "consent"})
    assert consent.find_parent("div", class_="govuk-checkboxes__item").get_text(strip=True) == (
        "The applicant agreed to the check"
    )
    # A fresh key for each blank form, so two applications are two cases.
    assert _blank_form(fsm_client)["submission_key"] != _blank_form(fsm_client)["submission_key"]


def test_an_empty_form_shows_every_error_in_page_order(fsm_client):
    response = fsm_client.post(URL, data=_blank_form(fsm_client))

    assert response.status_code == 400
    errors = error_summary(response.text)
    assert errors[0] == ("Enter your first name", "#first_name")
    assert ("Add at least one child", "#children") in errors
    assert errors[-1] == (
        "Confirm that you agree to us checking your eligibility",
        "#consent",
    )
    links = [link for _, link in errors]
    assert links.index("#date_of_birth") < links.index("#identifier_type") < links.index("#town")
    page = soup(response.text)
    for link in links:
        assert page.find(id=link[1:]) is not None, f"{link} goes nowhere"
    assert _count_cases() == 0


def test_a_valid_form_makes_an_officer_channel_case(fsm_client, fsm_login):
    response = fsm_client.post(URL, data=_filled_form(fsm_client), follow_redirects=False)

    assert response.status_code == 303
    reference = response.headers["location"].rsplit("/", 1)[1]
    case = load_case(reference)
    assert case.channel == "officer"
    assert case.status == "submitted"
    assert case.answers["national_insurance_number"] == "AB123456C"
    assert case.answers["postcode"] == "NT1 1AA"
    assert [child["first_name"] for child in case.answers["children"]] == ["Sam"]
    assert case.idempotency_key.startswith("officer:")
    with db.transaction() as session:
        [event] = cases.events(session, case.id)
    assert (event.action, event.actor_kind, event.actor_id) == (
        "submitted",
        "officer",
        fsm_login.id,
    )

    page = fsm_client.get(response.headers["location"])
    assert f"Application submitted. The reference is {reference}." in text_of(page.text)
    assert "Application submitted by an officer (paper application)" in text_of(page.text)


def test_blank_child_rows_are_ignored_and_errors_point_at_the_right_row(fsm_client):
    data = _filled_form(fsm_client, **{"children.2.first_name": "Alex"})

    response = fsm_client.post(URL, data=data)

    assert response.status_code == 400
    errors = error_summary(response.text)
    assert errors == [
        ("Enter the child's last name", "#children-2-last_name"),
        ("Enter the child's date of birth", "#children-2-date_of_birth"),
        ("Select the child's school", "#children-2-school_urn"),
    ]
    page = soup(response.text)
    assert page.find("input", id="children-2-first_name")["value"] == "Alex"
    assert page.find("input", id="children-0-first_name")["value"] == "Sam"
    assert page.find("option", value=SCHOOL_URN, selected=True) is not None

    data.update(
        {
            "children.2.last_name": "Smith",
            "children.2.date_of_birth-day": "1",
            "children.2.date_of_birth-month": "9",
            "children.2.date_of_birth-year": "2018",
            "children.2.school_urn": SCHOOL_URN,
        }
    )
    response = fsm_client.post(URL, data=data, follow_redirects=False)
    assert response.status_code == 303
    case = load_case(response.headers["location"].rsplit("/", 1)[1])
    assert [child["first_name"] for child in case.answers["children"]] == ["Sam", "Alex"]


def test_submitting_the_same_form_twice_makes_one_case(fsm_client):
    data = _filled_form(fsm_client)

    first = fsm_client.post(URL, data=data, follow_redirects=False)
    second = fsm_client.post(URL, data=data, follow_redirects=False)

    assert first.headers["location"] == second.headers["location"]
    assert _count_cases() == 1
    page = fsm_client.get(second.headers["location"])
    assert "This application was already submitted as" in text_of(page.text)


def test_html_in_a_name_is_rejected_and_shown_back_as_text(fsm_client):
    data = _filled_form(fsm_client, first_name='<script>alert("x")</script>')

    response = fsm_client.post(URL, data=data)

    assert response.status_code == 400
    assert error_summary(response.text) == [
        (
            "First name must only include letters a to z, hyphens, spaces and apostrophes",
            "#first_name",
        )
    ]
    assert '<script>alert("x")</script>' not in response.text
    assert soup(response.text).find("input", id="first_name")["value"] == (
        '<script>alert("x")</script>'
    )
    assert _count_cases() == 0


def test_the_form_needs_the_role_and_a_known_service(fsm_client, other_client):
    assert other_client.get(URL).status_code == 403
    token = soup(other_client.get("/backoffice/").text).find("input", attrs={"name": "csrf_token"})[
        "value"
    ]
    assert other_client.post(URL, data={"csrf_token": token}).status_code == 403
    assert fsm_client.get("/backoffice/services/no-such-service/new").status_code == 404
    # Officers of other services have no paper form to offer in their navigation.
    assert "New paper application" not in other_client.get("/backoffice/").text


def test_the_form_needs_its_csrf_token_and_submission_key(fsm_client):
    data = _filled_form(fsm_client)
    without_token = {k: v for k, v in data.items() if k != "csrf_token"}
    assert fsm_client.post(URL, data=without_token).status_code == 403
    without_key = {k: v for k, v in data.items() if k != "submission_key"}
    assert fsm_client.post(URL, data=without_key).status_code == 400
    assert _count_cases() == 0


def test_the_date_received_defaults_to_today_and_sets_the_due_date(fsm_client):
    from datetime import date, timedelta

    from casework.calendars import add_working_days

    page = soup(fsm_client.get(URL).text)
    fieldset = page.find("legend", string=lambda s: s and "Date the application was received" in s)
    assert fieldset is not None
    today = date.today()
    boxes = {
        part: page.find("input", attrs={"name": f"received_on-{part}"})["value"]
        for part in ("day", "month", "year")
    }
    assert boxes == {"day": str(today.day), "month": str(today.month), "year": str(today.year)}

    received = today - timedelta(days=9)
    data = _filled_form(
        fsm_client,
        **{
            "received_on-day": str(received.day),
            "received_on-month": str(received.month),
            "received_on-year": str(received.year),
        },
    )
    response = fsm_client.post(URL, data=data, follow_redirects=False)

    assert response.status_code == 303
    case = load_case(response.headers["location"].rsplit("/", 1)[1])
    # The clock starts when the council got the form, not when it was keyed in.
    assert case.due_on == add_working_days(received, 10)  # its decision clock
    text = text_of(fsm_client.get(response.headers["location"]).text)
    assert f"Received by the council {received.day} {received:%B %Y}" in text


def test_the_date_received_cannot_be_in_the_future(fsm_client):
    from datetime import date, timedelta

    tomorrow = date.today() + timedelta(days=1)
    data = _filled_form(
        fsm_client,
        **{
            "received_on-day": str(tomorrow.day),
            "received_on-month": str(tomorrow.month),
            "received_on-year": str(tomorrow.year),
        },
    )
    response = fsm_client.post(URL, data=data)

    assert response.status_code == 400
    assert error_summary(response.text) == [
        ("Date the application was received must be today or in the past", "#received_on")
    ]
    assert soup(response.text).find(id="received_on") is not None
    assert _count_cases() == 0
