"""The free school meals web journey on the real database, with JavaScript off."""

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from casework import db
from casework.models import Case, CaseEvent, OutboxMessage
from casework.services.free_school_meals.questions import MAX_CHILDREN
from tests.conftest import csrf_token, error_messages
from tests.portal.journey import BASE, CHILD, apply, apply_until_check_answers, post


def visible(html: str, selector: str) -> str:
    """The words a person sees in the first element matching ``selector``."""
    element = BeautifulSoup(html, "html.parser").select_one(selector)
    assert element is not None, f"nothing matches {selector}"
    return " ".join(element.get_text(" ").split())


def test_start_page_explains_who_qualifies_from_rule_data(anonymous):
    page = anonymous.get(BASE)
    assert page.status_code == 200
    assert "Universal Credit (any household that gets it)" in page.text
    assert "reception, year 1 or year 2" in page.text


def test_questions_need_sign_in_first(anonymous):
    response = anonymous.get(f"{BASE}/name", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next={BASE}/name"


def test_whole_journey_makes_one_case_with_its_event_and_messages(citizen):
    reference = apply(citizen, mobile="07700900982")
    with db.transaction() as session:
        case = session.scalars(select(Case)).one()
        assert case.reference == reference
        assert case.status == "submitted"
        assert case.channel == "web"
        assert case.answers["national_insurance_number"] == "AB123456C"
        assert case.answers["children"][0]["school_urn"] == CHILD["school_urn"]
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
        assert [e.action for e in events] == ["submitted"]
        # No "we have your application" yet: the check's outcome, seconds away, says it.
        queued = session.scalars(
            select(OutboxMessage.message_name).where(OutboxMessage.case_id == case.id)
        ).all()
        assert queued == []
    confirmation = citizen.get(f"{BASE}/confirmation/{reference}")
    assert reference in confirmation.text


def test_double_submit_makes_one_case(citizen):
    apply(citizen)
    with db.transaction() as session:
        case = session.scalars(select(Case)).one()
        key = case.idempotency_key.removeprefix("web:")
    # The same check-answers form posted again (a double click): same case, no new one.
    token = csrf_token(citizen.get("/account/applications").text)
    again = citizen.post(
        f"{BASE}/check-answers",
        data={"submission_key": key, "csrf_token": token},
        follow_redirects=False,
    )
    assert again.status_code == 303
    assert again.headers["location"].endswith(case.reference)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1


def test_errors_are_shown_in_an_error_summary_and_the_answer_kept(citizen):
    response = post(
        citizen, f"{BASE}/name", {"first_name": "<script>alert(1)</script>", "last_name": " "}
    )
    assert response.status_code == 400
    assert error_messages(response.text) == [
        "First name must only include letters a to z, hyphens, spaces and apostrophes",
        "Enter your last name",
    ]
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert response.text.count("Error: ") == 1  # the page title says there is an error


def test_impossible_date_and_future_date(citizen):
    step = f"{BASE}/date-of-birth"
    bad = post(
        citizen,
        step,
        {"date_of_birth-day": "30", "date_of_birth-month": "2", "date_of_birth-year": "1990"},
    )
    assert error_messages(bad.text) == ["Date of birth must be a real date"]
    future = post(
        citizen,
        step,
        {"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "2999"},
    )
    assert error_messages(future.text) == ["Date of birth must be in the past"]


def test_check_answers_sends_people_back_to_what_is_missing(citizen):
    response = citizen.get(f"{BASE}/check-answers", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"{BASE}/name"


def test_children_can_be_added_changed_and_removed(citizen):
    post(citizen, f"{BASE}/children/new", CHILD)
    post(citizen, f"{BASE}/children/new", {**CHILD, "first_name": "Cy"})
    summary = citizen.get(f"{BASE}/children/summary").text
    assert "You have added 2 children" in summary
    post(citizen, f"{BASE}/children/1", {**CHILD, "first_name": "Di"})
    # Removing is a link to a question, so nobody loses a child to a stray click.
    remove = citizen.get(f"{BASE}/children/2/remove")
    assert visible(remove.text, "h1") == "Are you sure you want to remove Cy Smith?"
    unanswered = post(citizen, f"{BASE}/children/2/remove", {})
    assert error_messages(unanswered.text) == ["Select yes if you want to remove Cy Smith"]
    assert post(citizen, f"{BASE}/children/2/remove", {"remove": "no"}).status_code == 303
    assert "You have added 2 children" in citizen.get(f"{BASE}/children/summary").text
    post(citizen, f"{BASE}/children/2/remove", {"remove": "yes"})
    summary = citizen.get(f"{BASE}/children/summary").text
    assert (
        "You have added 1 child" in summary and "Di Smith" in summary and "Cy Smith" not in summary
    )


def test_the_list_asks_whether_to_add_another_until_it_is_full(citizen):
    post(citizen, f"{BASE}/children/new", CHILD)
    summary = citizen.get(f"{BASE}/children/summary")
    assert "Do you want to add another child?" in visible(summary.text, "main")
    assert visible(summary.text, ".govuk-summary-list__value") == (
        "Born 1 September 2016, Northshire Primary School"
    )
    unanswered = post(citizen, f"{BASE}/children/summary", {})
    assert error_messages(unanswered.text) == ["Select yes if you want to add another child"]
    for number in range(2, MAX_CHILDREN + 1):
        post(citizen, f"{BASE}/children/new", {**CHILD, "first_name": f"Kid{'a' * number}"})
    full = citizen.get(f"{BASE}/children/summary")
    assert f"You have added {MAX_CHILDREN} children" in full.text
    assert "Do you want to add another child?" not in full.text
    assert f"You cannot add more than {MAX_CHILDREN} children" in visible(full.text, "main")
    more = citizen.get(f"{BASE}/children/new", follow_redirects=False)
    assert more.headers["location"] == f"{BASE}/children/summary"


def test_changing_an_answer_from_check_answers_returns_there(citizen):
    apply_until_check_answers(citizen)
    page = BeautifulSoup(citizen.get(f"{BASE}/check-answers").text, "html.parser")
    changes = {
        " ".join(link.get_text(" ").split()): link["href"]
        for link in page.select(".govuk-summary-list__actions a")
    }
    assert changes["Change last name"] == f"{BASE}/name?change=1"
    assert changes["Change Bo Smith"] == f"{BASE}/children/1?change=1"
    assert [h.get_text(strip=True) for h in page.select("main h2")][0] == "Your children"
    changed = post(citizen, f"{BASE}/children/1?change=1", {**CHILD, "first_name": "Al"})
    assert changed.headers["location"] == f"{BASE}/check-answers"
    renamed = post(citizen, f"{BASE}/name?change=1", {"first_name": "Jo", "last_name": "Bloggs"})
    assert renamed.headers["location"] == f"{BASE}/check-answers"
    rows = visible(citizen.get(f"{BASE}/check-answers").text, "main")
    assert "Al Smith" in rows and "Bloggs" in rows


def test_the_contact_step_offers_the_signed_in_email(citizen):
    page = BeautifulSoup(citizen.get(f"{BASE}/contact").text, "html.parser")
    assert page.find("input", attrs={"name": "email"})["value"] == "parent@example.com"


def test_the_confirmation_panel_reads_as_words_not_markup(citizen):
    reference = apply(citizen)
    page = citizen.get(f"{BASE}/confirmation/{reference}").text
    assert (
        visible(page, ".govuk-panel") == f"Application complete Your reference number {reference}"
    )
    assert visible(page, "h2") == "What happens next"
    assert "We will tell the schools" in visible(page, "main")


def test_forms_without_the_csrf_token_are_refused(citizen):
    response = citizen.post(f"{BASE}/name", data={"first_name": "Ann", "last_name": "Smith"})
    assert response.status_code == 403


def test_unknown_service_and_step_are_404(citizen):
    assert citizen.get("/apply/no-such-service").status_code == 404
    assert citizen.get(f"{BASE}/no-such-step").status_code == 404
