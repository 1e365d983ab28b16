"""Other people's parts of an application: a link by email and text, a one-page answer with
no account, the case moving on once everyone asked has answered, and a refusal moving it
another way.

No service online today has a party, so the test gives free school meals one: a "parent"
asked when an officer requests evidence, whose answers fire "evidence_received" (made by
the party, as the workflow says a citizen makes it). The catalogue lookup is replaced, as
the portal reads services through it.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from casework import applications, catalogue, db
from casework.models import Case, CaseEvent, OutboxMessage, PartyRequest
from casework.parties import Party, PartyContact, token_hash
from casework.questions import Step, TextQuestion, YesNoQuestion
from casework.workflow import SYSTEM, Actor, apply_transition
from tests.conftest import csrf_token, error_messages
from tests.services.helpers import sample_answers, text_of

SLUG = "free-school-meals"
REAL = catalogue.get_service(SLUG)

STEP = Step(
    slug="parent",
    title="Confirm the evidence",
    intro="The school asked us to check this with you.",
    questions=(
        TextQuestion(name="relationship", label="Your relationship to the children"),
        YesNoQuestion(name="agree", label="Do you agree?", missing="Select yes or no"),
    ),
)


def _party(**changes) -> Party:
    return dataclasses.replace(
        Party(
            name="parent",
            label="Parent's answer",
            step=STEP,
            contact=lambda case: PartyContact("Pat Parent", "pat@example.com", "07700900123"),
            requested_in="awaiting_evidence",
            message="fsm_awarded",  # any declared message of the service will do
            shows=lambda case: [("Reference", case.reference)],
            fires="evidence_received",
        ),
        **changes,
    )


@pytest.fixture
def service(monkeypatch):
    with_party = dataclasses.replace(REAL, parties=(_party(),))
    monkeypatch.setattr(catalogue, "find_service", lambda slug: with_party)
    return with_party


def _case_waiting(service) -> int:
    officer = Actor("officer", "Olive Officer", 7, frozenset({SLUG}))
    with db.transaction() as session:
        application = service.validate(session, sample_answers(REAL))
        case, _ = applications.submit(session, service, application, channel="api", actor=SYSTEM)
        apply_transition(session, service, case.id, "refer_to_officer", SYSTEM)
        apply_transition(session, service, case.id, "request_evidence", officer, reason="Ask")
        return case.id


def _links(case_id: int) -> list[str]:
    """The links sent for the case, oldest first (one per channel)."""
    with db.transaction() as session:
        rows = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.case_id == case_id,
                OutboxMessage.recipient.in_(("pat@example.com", "07700900123")),
            )
        ).all()
        requests = session.scalars(select(PartyRequest).order_by(PartyRequest.id)).all()
        sent = [row.personalisation["link"] for row in rows]
        # In the order the requests were made (message ids are random).
        return sorted(
            sent,
            key=lambda link: [
                r.id for r in requests if r.token_hash == token_hash(link.rsplit("/", 1)[1])
            ],
        )


def _status(case_id: int) -> str:
    with db.transaction() as session:
        return session.get(Case, case_id).status


def test_entering_the_state_sends_the_party_a_link_by_email_and_text(service, app):
    case_id = _case_waiting(service)
    links = _links(case_id)
    assert len(links) == 2 and links[0] == links[1]
    assert links[0].startswith("http://testserver/respond/")
    with db.transaction() as session:
        request = session.scalars(select(PartyRequest)).one()
        assert request.token_hash not in links[0]  # only the hash is kept


def test_the_party_answers_on_one_page_without_an_account(service, app, anonymous):
    case_id = _case_waiting(service)
    path = _links(case_id)[0].removeprefix("http://testserver")

    page = anonymous.get(path)
    assert page.status_code == 200
    words = text_of(page.text)
    assert "Confirm the evidence" in words and "This page is for Pat Parent" in words
    assert "Reference" in words

    blank = anonymous.post(path, data={"csrf_token": csrf_token(page.text)})
    assert blank.status_code == 400
    assert "Select yes or no" in error_messages(blank.text)
    assert _status(case_id) == "awaiting_evidence"

    token = csrf_token(page.text)
    answers = {"csrf_token": token, "relationship": "Mother", "agree": "yes"}
    sent = anonymous.post(path, data=answers, follow_redirects=False)
    assert sent.status_code == 303
    assert "Answers sent" in text_of(anonymous.get(path).text)
    assert _status(case_id) == "needs_review"  # everyone asked has answered

    # A second post (a double click) records nothing more.
    again = anonymous.post(path, data={**answers, "relationship": "Aunt"})
    assert "Answers sent" in text_of(again.text)
    with db.transaction() as session:
        request = session.scalars(select(PartyRequest)).one()
        assert request.answers == {"relationship": "Mother", "agree": True}
        answered = session.scalars(
            select(CaseEvent).where(CaseEvent.action == "party_answered")
        ).all()
        assert [event.actor_label for event in answered] == ["Parent's answer: Pat Parent"]


@pytest.mark.parametrize(("agree", "moved"), [("no", True), ("yes", False)])
def test_a_refusal_moves_the_case_by_its_own_move(monkeypatch, app, anonymous, agree, moved):
    declining = dataclasses.replace(
        REAL,
        parties=(
            _party(
                fires=None,
                declines=lambda answers: answers["agree"] is False,
                declined="evidence_received",
            ),
        ),
    )
    monkeypatch.setattr(catalogue, "find_service", lambda slug: declining)
    case_id = _case_waiting(declining)
    path = _links(case_id)[0].removeprefix("http://testserver")
    page = anonymous.get(path)
    anonymous.post(
        path, data={"csrf_token": csrf_token(page.text), "relationship": "Dad", "agree": agree}
    )
    assert _status(case_id) == ("needs_review" if moved else "awaiting_evidence")


def test_an_unknown_link_is_not_found_and_an_old_link_stops_working(service, app, anonymous):
    assert anonymous.get("/respond/not-a-token").status_code == 404
    case_id = _case_waiting(service)
    first = _links(case_id)[0].removeprefix("http://testserver")
    with db.transaction() as session:
        case = session.get(Case, case_id)
        from casework import parties

        parties.send(session, service, case, service.parties[0])
    expired = anonymous.get(first)
    assert expired.status_code == 410
    assert "This link has run out" in text_of(expired.text)
    newest = _links(case_id)[-1].removeprefix("http://testserver")
    assert anonymous.get(newest).status_code == 200


def test_a_party_who_answered_follows_the_case_from_their_account(
    service, app, anonymous, citizen_factory
):
    case_id = _case_waiting(service)
    path = _links(case_id)[0].removeprefix("http://testserver")
    with db.transaction() as session:
        reference = session.get(Case, case_id).reference
    parent = citizen_factory("pat@example.com")
    # Not before answering: the link was sent to them, but anyone might hold it.
    assert parent.get(f"/account/applications/{reference}").status_code == 404

    page = anonymous.get(path)
    anonymous.post(
        path, data={"csrf_token": csrf_token(page.text), "relationship": "Mum", "agree": "yes"}
    )
    assert reference in text_of(parent.get("/account/applications").text)
    assert parent.get(f"/account/applications/{reference}").status_code == 200
    # Sending evidence stays the applicant's.
    page = parent.get(f"/account/applications/{reference}")
    refused = parent.post(
        f"/account/applications/{reference}/evidence",
        data={"csrf_token": csrf_token(page.text)},
        files={"evidence": ("payslip.pdf", b"%PDF-1.4 a payslip", "application/pdf")},
    )
    assert refused.status_code == 404
