"""The chaperone case from submission to decision: referees' links and answers, the photo,
the officers' checks in either order, and the statutory decision by a second, authorised
officer. On the real database, through casework as every channel calls it."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from pydantic import ValidationError
from pypdf import PdfReader
from sqlalchemy import select

from casework import clocks, db, issued
from casework.models import CaseEvent, ChaperoneApproval, PartyRequest
from casework.services.chaperones import approvals
from casework.services.chaperones.declaration import CHAPERONES
from casework.services.chaperones.sections import CHAPERONE_CHECKS
from casework.workflow import IllegalTransition
from tests.services.chaperones.cases import (
    AUTHORISER,
    OFFICER,
    PREPARER,
    answer_reference,
    approved,
    both_referees_answer,
    links,
    load,
    messages_sent,
    move,
    names_sent,
    ready,
    send_photo,
    submit,
)

pytestmark = pytest.mark.usefixtures("clean_db")


def test_submitting_sends_each_referee_a_link_and_the_applicant_a_confirmation():
    reference = submit()

    sent = messages_sent(reference)
    links_sent = {
        (m.channel, m.recipient) for m in sent if m.message_name == "chaperone_referee_link"
    }
    # The first referee gave a mobile, so gets a text too; the second gave a landline.
    assert links_sent == {
        ("email", "ruth.okafor@example.com"),
        ("sms", "07700900456"),
        ("email", "tom.hughes@example.org"),
    }
    to_ruth = next(m for m in sent if m.recipient == "ruth.okafor@example.com")
    assert to_ruth.personalisation["applicant_name"] == "Amara Dupré"
    assert to_ruth.personalisation["party_name"] == "Ruth Okafor"
    confirmation = [m for m in sent if m.message_name == "chaperone_submitted"]
    assert {m.channel for m in confirmation} == {"email", "sms"}
    assert confirmation[0].personalisation["referee_names"] == "Ruth Okafor and Tom Hughes"
    case = load(reference)
    assert case.status == "awaiting_references"
    # The decision clock stands still until both references and the photo are in.
    assert case.due_on is None


def test_the_case_moves_on_only_when_both_referees_have_answered():
    reference = submit()
    first, second = links(reference).values()

    answer_reference(first)
    assert load(reference).status == "awaiting_references"

    answer_reference(second)
    assert load(reference).status == "awaiting_photo"
    assert "chaperone_photo_needed" in names_sent(reference)


def test_a_referee_who_would_not_recommend_flags_the_case_for_the_officer_but_does_not_refuse():
    reference = submit()
    first, second = links(reference).values()
    answer_reference(first)
    answer_reference(
        second, recommend="no", why_not="They were often late and left children alone."
    )

    case = load(reference)
    assert case.status == "awaiting_photo"
    assert case.attention and "would not recommend" in case.attention
    with db.transaction() as session:
        section = CHAPERONE_CHECKS.load(session, load(reference))
    assert section["flagged"] == [("Tom Hughes", "Would not recommend them")]


def test_a_referees_concerns_need_their_details_and_flag_the_case():
    reference = submit()
    token = next(iter(links(reference).values()))
    with pytest.raises(ValidationError, match="Tell us about your concerns"):
        answer_reference(token, concerns="yes")

    answer_reference(token, concerns="yes", concerns_details="They shout at children.")
    with db.transaction() as session:
        assert CHAPERONE_CHECKS.load(session, load(reference))["flagged"] == [
            ("Ruth Okafor", "Has concerns about them working with children")
        ]


def test_a_photo_sent_while_referees_answer_takes_the_case_straight_to_the_officers():
    reference = submit()
    send_photo(reference)
    assert load(reference).status == "awaiting_references"

    both_referees_answer(reference)

    case = load(reference)
    assert case.status == "checks"
    sent = names_sent(reference)
    assert "chaperone_with_officer" in sent and "chaperone_photo_needed" not in sent
    # The clock runs again: 30 working days from today.
    assert case.due_on is not None and case.due_on > clocks.today() + timedelta(days=30)


def test_a_file_that_is_not_a_photo_is_sent_back_with_a_message():
    reference = submit()
    both_referees_answer(reference)

    send_photo(reference, b"%PDF-1.4 not a photo", "passport.pdf")

    assert load(reference).status == "awaiting_photo"
    assert names_sent(reference)[-1] == "chaperone_photo_unusable"
    send_photo(reference)
    assert load(reference).status == "checks"


def test_the_dbs_check_and_the_interview_can_be_recorded_in_either_order():
    first = submit()
    both_referees_answer(first)
    send_photo(first)
    move(first, "record_interview", reason="Interviewed 2 December by Mei Lin: suitable.")
    assert load(first).status == "interviewed"
    move(first, "record_dbs_check_after_interview", reason="Certificate seen: clear.")
    assert load(first).status == "ready"

    # Approval is recommended only once both are recorded.
    assert "recommend_approval" not in [
        t.name for t in CHAPERONES.workflow.available("checks", "officer")
    ]
    with db.transaction() as session:
        events = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == load(first).id, CaseEvent.action.like("record_%")
            )
        ).all()
        assert [e.reason for e in events] == [
            "Interviewed 2 December by Mei Lin: suitable.",
            "Certificate seen: clear.",
        ]


def test_the_officer_who_prepared_the_case_cannot_approve_it():
    reference = ready()
    move(reference, "recommend_approval", PREPARER, "All clear.")

    with pytest.raises(IllegalTransition, match="another authorised officer must approve"):
        move(reference, "approve", PREPARER)
    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        move(reference, "approve", OFFICER)

    move(reference, "approve", AUTHORISER)

    with db.transaction() as session:
        decision = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == load(reference).id, CaseEvent.action == "approve"
            )
        ).one()
        assert decision.data == {"prepared_by": "Mei Lin", "authorised_by": "Owen Price"}
    assert load(reference).status == "approved"


def test_approval_issues_a_number_valid_for_3_years_and_tells_the_applicant():
    reference = approved()

    today = clocks.today()
    with db.transaction() as session:
        approval = approvals.for_case(session, load(reference).id)
        assert approval is not None
        assert re.fullmatch(rf"CH-{today.year}-\d{{4}}", approval.approval_number)
        assert approval.approved_on == today
        assert approval.approved_until == today.replace(year=today.year + 3) - timedelta(days=1)
        number, until = approval.approval_number, approval.approved_until
    told = [m for m in messages_sent(reference) if m.message_name == "chaperone_approved"]
    assert {m.channel for m in told} == {"email", "sms"}
    assert told[0].personalisation["approval_number"] == number
    assert told[0].personalisation["approved_until"] == clocks.long_date(until)
    assert told[0].personalisation["case_url"].endswith(f"/account/applications/{reference}")


def test_approval_numbers_follow_on_and_never_repeat():
    first, second = approved(), approved()

    with db.transaction() as session:
        numbers = [
            approvals.for_case(session, load(reference).id).approval_number  # type: ignore[union-attr]
            for reference in (first, second)
        ]
    year = clocks.today().year
    assert numbers == [f"CH-{year}-0001", f"CH-{year}-0002"]


def test_the_approval_card_shows_the_name_number_expiry_and_photo():
    reference = approved(first_name="Zoë", last_name="Łukasz-Nguyễn")

    with db.transaction() as session:
        case_id = load(reference).id
        approval = session.scalars(
            select(ChaperoneApproval).where(ChaperoneApproval.case_id == case_id)
        ).one()
        (document,) = issued.issued_documents(session, case_id, kind="approval_card")
        content, filename = document.content, document.filename
    reader = PdfReader(io.BytesIO(content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    until = clocks.long_date(approval.approved_until)
    assert "Zoë Łukasz-Nguyễn" in text
    assert f"Approval number {approval.approval_number}" in text
    assert f"Valid until {until}" in text
    assert len(reader.pages[0].images) == 1  # the photo
    assert filename == f"chaperone-approval-{approval.approval_number}.pdf"


def test_a_refusal_is_authorised_by_a_second_officer_and_tells_the_applicant_why():
    reference = submit()
    both_referees_answer(reference)
    send_photo(reference)
    move(reference, "recommend_refusal", PREPARER, "The DBS certificate disclosed offences.")

    move(reference, "refuse", AUTHORISER, "Your DBS certificate shows offences against children.")

    assert load(reference).status == "refused"
    refusal = [m for m in messages_sent(reference) if m.message_name == "chaperone_refused"]
    assert (
        refusal[0].personalisation["reason"]
        == "Your DBS certificate shows offences against children."
    )


def test_an_authorised_officer_can_send_a_recommendation_back():
    reference = ready()
    move(reference, "recommend_approval", PREPARER, "All clear.")

    move(reference, "send_back", AUTHORISER, "Check the second reference by phone.")

    assert load(reference).status == "ready"


def test_a_suspension_can_be_lifted_but_a_revocation_is_final():
    reference = approved()

    move(reference, "suspend", PREPARER, "A licence holder reported a concern.")
    assert load(reference).status == "suspended"
    # A suspension is a decision, not a preparation: its officer may lift it too.
    move(reference, "lift_suspension", PREPARER, "Looked into: no case to answer.")
    assert load(reference).status == "approved"

    move(reference, "revoke", PREPARER, "A second, substantiated concern.")
    assert load(reference).status == "revoked"
    assert CHAPERONES.workflow.available("revoked", "officer") == []
    assert CHAPERONES.workflow.available("revoked", "system") == []
    sent = names_sent(reference)
    for name in ("chaperone_suspended", "chaperone_suspension_lifted", "chaperone_revoked"):
        assert name in sent


def test_suspending_and_revoking_need_an_authorised_officer_and_a_reason():
    reference = approved()

    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        move(reference, "suspend", OFFICER, "A concern.")
    with pytest.raises(IllegalTransition, match="Give a reason"):
        move(reference, "revoke", PREPARER, "   ")


def test_the_referees_links_are_recorded_on_the_case():
    reference = submit()
    with db.transaction() as session:
        requests = session.scalars(
            select(PartyRequest).where(PartyRequest.case_id == load(reference).id)
        ).all()
        assert {(r.party, r.name) for r in requests} == {
            ("referee_1", "Ruth Okafor"),
            ("referee_2", "Tom Hughes"),
        }


def test_the_officer_who_approved_may_later_suspend_and_revoke(clean_db):
    # Approving was a decision, not a step towards one: the next decision is not barred to
    # the officer who made it (only a preparer may not authorise their own preparation).
    from tests.services.chaperones.cases import AUTHORISER, approved, load, move

    reference = approved()
    move(reference, "suspend", AUTHORISER, "A concern was raised.")
    assert load(reference).status == "suspended"
