"""Officers' decisions: one POST per workflow move, with reasons, audit and messages."""

from __future__ import annotations

from sqlalchemy import select

from casework import cases, db
from casework.models import OutboxMessage
from tests.backoffice.helpers import error_summary, load_case, soup, submit_enquiry, text_of
from tests.conftest import csrf_token


def _decide(client, reference: str, action: str, *, follow: bool = False, **fields: str):
    token = csrf_token(client.get(f"/backoffice/cases/{reference}").text)
    return client.post(
        f"/backoffice/cases/{reference}/actions/{action}",
        data={"csrf_token": token, **fields},
        follow_redirects=follow,
    )


def _messages(reference: str) -> list[OutboxMessage]:
    case = load_case(reference)
    with db.transaction() as session:
        return cases.messages(session, case.id)


def _last_event(reference: str):
    case = load_case(reference)
    with db.transaction() as session:
        return cases.events(session, case.id)[-1]


def test_requesting_evidence_needs_a_reason(fsm_client, make_case):
    reference = make_case("needs_review")

    response = _decide(fsm_client, reference, "request_evidence", reason="   ")

    assert response.status_code == 400
    assert error_summary(response.text) == [
        ("Enter the evidence you need", "#reason-request_evidence")
    ]
    box = soup(response.text).find("textarea", id="reason-request_evidence")
    assert "govuk-textarea--error" in box["class"]
    assert load_case(reference).status == "needs_review"


def test_requesting_evidence_moves_the_case_records_who_and_why_and_tells_the_parent(
    fsm_client, fsm_login, make_case
):
    reference = make_case("needs_review")
    before = len(_messages(reference))
    reason = "A letter from the DWP showing you get Universal Credit"

    response = _decide(
        fsm_client, reference, "request_evidence", reason=reason, status="needs_review"
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"/backoffice/cases/{reference}"
    assert load_case(reference).status == "awaiting_evidence"
    event = _last_event(reference)
    assert (event.action, event.from_status, event.to_status) == (
        "request_evidence",
        "needs_review",
        "awaiting_evidence",
    )
    assert (event.actor_kind, event.actor_id, event.actor_label) == (
        "officer",
        fsm_login.id,
        "Fiona Officer",
    )
    assert event.reason == reason
    new = _messages(reference)[before:]
    assert {(m.message_name, m.channel, m.status) for m in new} == {
        ("fsm_evidence_requested", "email", "queued"),
        ("fsm_evidence_requested", "sms", "queued"),
    }
    email = next(m for m in new if m.channel == "email")
    assert email.personalisation["reason"] == reason

    page = fsm_client.get(response.headers["location"])
    banner = soup(page.text).find(class_="govuk-notification-banner--success")
    assert "Request evidence: case" in banner.get_text()
    assert "now evidence needed" in banner.get_text()
    assert f"{reason}" in text_of(page.text)
    assert "by Fiona Officer" in text_of(page.text)
    # The flash is shown once.
    assert "govuk-notification-banner" not in fsm_client.get(f"/backoffice/cases/{reference}").text


def test_awarding_tells_the_parent_and_the_school(fsm_client, make_case):
    reference = make_case("needs_review")

    response = _decide(fsm_client, reference, "award", status="needs_review")

    assert response.status_code == 303
    assert load_case(reference).status == "awarded"
    names = {(m.message_name, m.recipient) for m in _messages(reference)}
    assert ("fsm_awarded", "jane.smith@example.com") in names
    assert ("fsm_school_award", "office@northshire-primary.example") in names


def test_refusing_needs_a_reason(fsm_client, make_case):
    reference = make_case("needs_review")

    response = _decide(fsm_client, reference, "refuse")

    assert response.status_code == 400
    assert error_summary(response.text) == [("Enter why you are refusing", "#reason-refuse")]
    assert load_case(reference).status == "needs_review"

    response = _decide(fsm_client, reference, "refuse", reason="No qualifying benefit")
    assert response.status_code == 303
    assert load_case(reference).status == "refused"
    assert _last_event(reference).reason == "No qualifying benefit"


def test_a_reason_has_a_length_limit(fsm_client, make_case):
    reference = make_case("needs_review")
    response = _decide(fsm_client, reference, "refuse", reason="x" * 2001)
    assert response.status_code == 400
    assert error_summary(response.text) == [
        ("Reason must be 2000 characters or fewer", "#reason-refuse")
    ]
    # What the officer typed comes back, so they can shorten it.
    assert soup(response.text).find("textarea", id="reason-refuse").get_text() == "x" * 2001


def test_an_illegal_move_is_an_error_on_the_page_not_a_crash(fsm_client, make_case):
    reference = make_case("awarded")

    response = _decide(fsm_client, reference, "award")

    assert response.status_code == 409
    assert error_summary(response.text) == [
        ("Cannot award free school meals: the case is awarded", "#actions")
    ]
    assert load_case(reference).status == "awarded"


def test_a_decision_on_a_case_that_moved_on_is_refused(fsm_client, make_case):
    """Officer A opened the case for review; officer B asked for evidence meanwhile."""
    reference = make_case("needs_review")
    token = csrf_token(fsm_client.get(f"/backoffice/cases/{reference}").text)
    _decide(fsm_client, reference, "request_evidence", reason="Payslips")

    response = fsm_client.post(
        f"/backoffice/cases/{reference}/actions/award",
        data={"csrf_token": token, "status": "needs_review"},
    )

    assert response.status_code == 409
    [(message, link)] = error_summary(response.text)
    assert message.startswith("Someone else changed this case while you were looking at it")
    assert link == "#actions"
    assert load_case(reference).status == "awaiting_evidence"


def test_system_moves_and_unknown_actions_are_not_an_officers(fsm_client, make_case):
    reference = make_case("submitted")
    assert _decide(fsm_client, reference, "award_automatically").status_code == 409
    assert _decide(fsm_client, reference, "approve_everything").status_code == 404
    assert load_case(reference).status == "submitted"


def test_an_officer_without_the_role_cannot_decide(other_client, make_case):
    reference = make_case("needs_review")
    token = csrf_token(other_client.get("/backoffice/").text)
    response = other_client.post(
        f"/backoffice/cases/{reference}/actions/award", data={"csrf_token": token}
    )
    assert response.status_code == 403
    assert load_case(reference).status == "needs_review"


def test_a_decision_without_the_csrf_token_is_refused(fsm_client, make_case):
    reference = make_case("needs_review")
    fsm_client.get(f"/backoffice/cases/{reference}")
    response = fsm_client.post(f"/backoffice/cases/{reference}/actions/award", data={})
    assert response.status_code == 403
    assert load_case(reference).status == "needs_review"
    with db.transaction() as session:
        assert not session.scalars(
            select(OutboxMessage).where(OutboxMessage.message_name == "fsm_awarded")
        ).first()


def test_a_reason_is_shown_as_text_not_markup(fsm_client, make_case):
    reference = make_case("needs_review")
    _decide(fsm_client, reference, "refuse", reason="<script>alert(1)</script>\nSecond line")
    page = fsm_client.get(f"/backoffice/cases/{reference}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line" in page


def test_a_reply_to_an_enquiry_is_asked_for_in_the_services_words(officer_factory):
    client = officer_factory("enquiry")
    reference = submit_enquiry()

    response = _decide(client, reference, "reply", reason="")

    assert response.status_code == 400
    assert error_summary(response.text) == [("Enter your reply", "#reason-reply")]
    response = _decide(client, reference, "close")
    assert error_summary(response.text) == [
        ("Enter why you are closing it without a reply", "#reason-close")
    ]

    reply = "You can ask for a review within 20 working days."
    response = _decide(client, reference, "reply", reason=reply, status="received")
    assert response.status_code == 303
    assert load_case(reference).status == "answered"
    assert _last_event(reference).reason == reply
    sent = next(m for m in _messages(reference) if m.message_name == "enquiry_answered")
    assert (sent.channel, sent.recipient) == ("email", "sam@example.com")
    assert sent.personalisation["reason"] == reply
