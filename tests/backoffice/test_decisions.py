"""Officers' decisions: one question on the case page, a check step before any message is
sent, and every decision audited with the officer's own name."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from casework import cases, db
from casework.models import OutboxMessage
from tests.backoffice.deciding import checked_choice, choose, decide, press, revealed
from tests.backoffice.helpers import error_summary, load_case, soup, submit_enquiry, text_of
from tests.conftest import csrf_token


def _messages(reference: str) -> list[OutboxMessage]:
    case = load_case(reference)
    with db.transaction() as session:
        return cases.messages(session, case.id)


def _events(reference: str):
    case = load_case(reference)
    with db.transaction() as session:
        return cases.events(session, case.id)


def _timeline_entry(html: str, title: str) -> str:
    """The words of the newest timeline entry with this title, as the officer reads them."""
    for item in soup(html).select(".app-timeline__item"):
        if item.find(class_="app-timeline__title").get_text(strip=True) == title:
            return " ".join(item.get_text(" ").split())
    raise AssertionError(f"no timeline entry {title!r}")


def _check_page(html: str) -> str:
    assert soup(html).h1.get_text(strip=True) == "Check your decision"
    return text_of(html)


def test_choosing_nothing_asks_for_a_choice(fsm_client, make_case):
    reference = make_case("needs_review")

    response = choose(fsm_client, reference, None)

    assert response.status_code == 400
    assert error_summary(response.text) == [("Select what you want to do", "#decision")]
    assert load_case(reference).status == "needs_review"


def test_refusing_without_a_reason_shows_the_error_on_that_reason(fsm_client, make_case):
    reference = make_case("needs_review")

    response = choose(fsm_client, reference, "Refuse", "   ")

    assert response.status_code == 400
    assert error_summary(response.text) == [("Enter why you are refusing", "#reason-refuse")]
    # The error sits by the reason box under "Refuse", which is still chosen.
    box = soup(response.text).find("textarea", id="reason-refuse")
    error = box.find_parent(class_="govuk-form-group").find(class_="govuk-error-message")
    assert error.get_text(" ", strip=True) == "Error: Enter why you are refusing"
    assert checked_choice(response.text) == "Refuse"
    assert load_case(reference).status == "needs_review"
    assert not [m for m in _messages(reference) if m.message_name == "fsm_refused"]


def test_a_decision_that_sends_a_message_is_checked_before_anything_happens(fsm_client, make_case):
    reference = make_case("needs_review")
    before = len(_messages(reference))
    reason = "A letter from the DWP showing you get Universal Credit"

    response = choose(fsm_client, reference, "Request evidence", reason)

    assert response.status_code == 200
    text = _check_page(response.text)
    for expected in (
        "Decision Request evidence",
        "New status Evidence needed",
        f"What evidence do you need? {reason}",
        "Email to jane.smith@example.com",
        "Text message to 07700900982",
        # The reason as the applicant will read it, in the message itself.
        f"To decide your application we need: {reason}",
    ):
        assert expected in text, expected
    buttons = soup(response.text).find("main").find_all("button")
    assert [b.get_text(strip=True) for b in buttons] == ["Confirm and send", "Change"]
    # Nothing has happened yet.
    assert load_case(reference).status == "needs_review"
    assert len(_messages(reference)) == before


def test_confirming_makes_the_move_records_who_and_why_and_tells_the_parent(
    fsm_client, fsm_login, make_case
):
    reference = make_case("needs_review")
    before = len(_messages(reference))
    reason = "A letter from the DWP showing you get Universal Credit"
    check = choose(fsm_client, reference, "Request evidence", reason)

    response = press(fsm_client, check.text, "Confirm and send")

    assert response.status_code == 303
    assert response.headers["location"] == f"/backoffice/cases/{reference}"
    assert load_case(reference).status == "awaiting_evidence"
    event = _events(reference)[-1]
    assert (event.action, event.from_status, event.to_status, event.reason) == (
        "request_evidence",
        "needs_review",
        "awaiting_evidence",
        reason,
    )
    assert (event.actor_kind, event.actor_id, event.actor_label) == (
        "officer",
        fsm_login.id,
        "Fiona Officer",
    )
    new = _messages(reference)[before:]
    assert {(m.message_name, m.channel, m.status) for m in new} == {
        ("fsm_evidence_requested", "email", "queued"),
        ("fsm_evidence_requested", "sms", "queued"),
    }
    assert next(m for m in new if m.channel == "email").personalisation["reason"] == reason

    page = fsm_client.get(response.headers["location"])
    banner = soup(page.text).find(class_="govuk-notification-banner--success")
    assert "Request evidence: case" in banner.get_text()
    assert "now evidence needed" in banner.get_text()
    entry = _timeline_entry(page.text, "Request evidence")
    assert "by Fiona Officer" in entry
    assert f"Reason: {reason}" in entry
    # The flash is shown once.
    assert "govuk-notification-banner" not in fsm_client.get(f"/backoffice/cases/{reference}").text


def test_change_goes_back_to_the_form_with_the_choice_and_reason_kept(fsm_client, make_case):
    reference = make_case("needs_review")
    reason = "No qualifying benefit\nThe check found no Universal Credit claim"
    check = choose(fsm_client, reference, "Refuse", reason)

    response = press(fsm_client, check.text, "Change")

    assert response.status_code == 200
    assert checked_choice(response.text) == "Refuse"
    assert revealed(response.text, "Refuse") == ("Why are you refusing?", reason)
    assert load_case(reference).status == "needs_review"
    # And from there, on to the check page and the decision.
    response = decide(fsm_client, reference, "Refuse", reason)
    assert response.status_code == 303
    assert load_case(reference).status == "refused"


def test_an_award_carries_a_note_of_the_evidence_seen_that_is_never_sent(fsm_client, make_case):
    reference = make_case("needs_review")
    note = "Saw the Universal Credit award letter dated 1 November"

    check = choose(fsm_client, reference, "Award free school meals", note)
    text = _check_page(check.text)
    assert f"Note for the case record {note}" in text
    assert "Your children are entitled to free school meals: Sam Smith We have told" in text
    assert "Also sent Tells a school that a pupil has been awarded free school meals" in text
    response = press(fsm_client, check.text, "Confirm and send")

    assert response.status_code == 303
    assert load_case(reference).status == "awarded"
    event = _events(reference)[-1]
    assert (event.action, event.reason, event.data) == ("award", None, {"note": note})
    messages = _messages(reference)
    names = {(m.message_name, m.recipient) for m in messages}
    assert ("fsm_awarded", "jane.smith@example.com") in names
    assert ("fsm_school_award", "office@northshire-primary.example") in names
    assert not [m for m in messages if note in str(m.personalisation)]
    entry = _timeline_entry(
        fsm_client.get(f"/backoffice/cases/{reference}").text, "Award free school meals"
    )
    assert f"Note: {note}" in entry
    assert "by Fiona Officer" in entry


def test_the_award_note_is_optional(fsm_client, make_case):
    reference = make_case("needs_review")
    assert decide(fsm_client, reference, "Award free school meals").status_code == 303
    assert load_case(reference).status == "awarded"
    assert _events(reference)[-1].data == {}


def test_a_reason_has_a_length_limit(fsm_client, make_case):
    reference = make_case("needs_review")
    response = choose(fsm_client, reference, "Refuse", "x" * 2001)
    assert response.status_code == 400
    assert error_summary(response.text) == [
        ("Reason must be 2000 characters or fewer", "#reason-refuse")
    ]
    # What the officer typed comes back, so they can shorten it.
    assert revealed(response.text, "Refuse")[1] == "x" * 2001


def test_confirming_twice_makes_one_decision(fsm_client, make_case):
    """A double click, or the check page sent again from the browser's history."""
    reference = make_case("needs_review")
    check = choose(fsm_client, reference, "Refuse", "No qualifying benefit")

    first = press(fsm_client, check.text, "Confirm and send")
    second = press(fsm_client, check.text, "Confirm and send")

    assert (first.status_code, second.status_code) == (303, 303)
    assert second.headers["location"] == f"/backoffice/cases/{reference}"
    assert [e.action for e in _events(reference)].count("refuse") == 1
    assert len([m for m in _messages(reference) if m.message_name == "fsm_refused"]) == 2


def test_a_decision_on_a_case_that_moved_on_is_refused(fsm_client, officer_factory, make_case):
    """Officer A has the check page open; officer B asks for evidence meanwhile."""
    reference = make_case("needs_review")
    check = choose(fsm_client, reference, "Award free school meals")
    decide(officer_factory("free-school-meals"), reference, "Request evidence", "Payslips")

    response = press(fsm_client, check.text, "Confirm and send")

    assert response.status_code == 409
    [(message, link)] = error_summary(response.text)
    assert message.startswith("Someone else changed this case while you were looking at it")
    assert link == "#actions"
    assert load_case(reference).status == "awaiting_evidence"


def test_a_stale_case_page_cannot_start_a_decision(fsm_client, officer_factory, make_case):
    reference = make_case("needs_review")
    stale_page = fsm_client.get(f"/backoffice/cases/{reference}").text
    decide(officer_factory("free-school-meals"), reference, "Request evidence", "Payslips")

    response = choose(fsm_client, reference, "Refuse", "No qualifying benefit", html=stale_page)

    assert response.status_code == 409
    assert "it is now evidence needed" in error_summary(response.text)[0][0]
    assert load_case(reference).status == "awaiting_evidence"


def test_an_illegal_move_is_an_error_on_the_page_not_a_crash(fsm_client, make_case):
    reference = make_case("awarded")
    token = csrf_token(fsm_client.get(f"/backoffice/cases/{reference}").text)

    response = fsm_client.post(
        f"/backoffice/cases/{reference}/decision",
        data={"csrf_token": token, "decision": "award", "status": "awarded"},
    )

    assert response.status_code == 409
    assert error_summary(response.text) == [
        ("Cannot award free school meals: the case is awarded", "#actions")
    ]
    assert load_case(reference).status == "awarded"


def test_system_moves_and_unknown_actions_are_not_an_officers(fsm_client, make_case):
    reference = make_case("submitted")
    token = csrf_token(fsm_client.get(f"/backoffice/cases/{reference}").text)
    for name in ("award_automatically", "approve_everything"):
        response = fsm_client.post(
            f"/backoffice/cases/{reference}/decision",
            data={"csrf_token": token, "decision": name, "step": "confirm"},
        )
        assert response.status_code == 400
        assert error_summary(response.text) == [("Select what you want to do", "#decision")]
    assert load_case(reference).status == "submitted"


def test_an_officer_without_the_role_cannot_decide(other_client, make_case):
    reference = make_case("needs_review")
    token = csrf_token(other_client.get("/backoffice/").text)
    response = other_client.post(
        f"/backoffice/cases/{reference}/decision",
        data={"csrf_token": token, "decision": "award", "step": "confirm"},
    )
    assert response.status_code == 403
    assert load_case(reference).status == "needs_review"


def test_a_decision_without_the_csrf_token_is_refused(fsm_client, make_case):
    reference = make_case("needs_review")
    check = choose(fsm_client, reference, "Award free school meals")
    form = BeautifulSoup(check.text, "html.parser").find(
        "form", action=lambda a: a and a.endswith("/decision")
    )
    data = {i["name"]: i["value"] for i in form.find_all("input") if i["name"] != "csrf_token"}
    response = fsm_client.post(
        f"/backoffice/cases/{reference}/decision", data={**data, "step": "confirm"}
    )
    assert response.status_code == 403
    assert load_case(reference).status == "needs_review"
    with db.transaction() as session:
        assert not session.scalars(
            select(OutboxMessage).where(OutboxMessage.message_name == "fsm_awarded")
        ).first()


def test_a_reason_is_shown_as_text_not_markup(fsm_client, make_case):
    reference = make_case("needs_review")
    check = choose(fsm_client, reference, "Refuse", "<script>alert(1)</script>\nSecond line")
    assert "<script>alert(1)</script>" not in check.text
    press(fsm_client, check.text, "Confirm and send")
    page = fsm_client.get(f"/backoffice/cases/{reference}").text
    assert "<script>alert(1)</script>" not in page
    assert "Reason: <script>alert(1)</script> Second line" in _timeline_entry(page, "Refuse")


def test_an_enquiry_is_replied_to_in_the_services_words(officer_factory):
    client = officer_factory("enquiry")
    reference = submit_enquiry()

    response = choose(client, reference, "Reply", "")
    assert response.status_code == 400
    assert error_summary(response.text) == [("Enter your reply", "#reason-reply")]

    reply = "You can ask for a review within 20 working days."
    check = choose(client, reference, "Reply", reply)
    assert "Email to sam@example.com" in _check_page(check.text)
    assert press(client, check.text, "Confirm and send").status_code == 303
    assert load_case(reference).status == "answered"
    assert _events(reference)[-1].reason == reply
    sent = next(m for m in _messages(reference) if m.message_name == "enquiry_answered")
    assert (sent.channel, sent.recipient) == ("email", "sam@example.com")
    assert sent.personalisation["reason"] == reply


def test_a_decision_that_sends_nothing_is_made_without_a_check_page(officer_factory):
    client = officer_factory("enquiry")
    reference = submit_enquiry()
    before = len(_messages(reference))

    response = choose(client, reference, "Close without a reply", "")
    assert error_summary(response.text) == [
        ("Enter why you are closing it without a reply", "#reason-close")
    ]
    response = choose(client, reference, "Close without a reply", "Answered by phone")

    assert response.status_code == 303
    assert load_case(reference).status == "closed"
    assert _events(reference)[-1].reason == "Answered by phone"
    assert len(_messages(reference)) == before
