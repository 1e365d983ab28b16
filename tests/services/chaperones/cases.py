"""Chaperone cases for the tests, moved the way each channel moves them: referees answer
through their links (``casework.parties``), the applicant's photo is an upload, officers
make their moves as themselves (one prepares, another authorises)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from casework import applications, cases, db, documents, parties
from casework.models import Case, OutboxMessage, PartyRequest
from casework.services.chaperones import samples
from casework.services.chaperones.declaration import CHAPERONES
from casework.services.chaperones.references import STEP
from casework.services.chaperones.sample_photo import silhouette
from casework.workflow import SYSTEM, Actor, apply_transition, authoriser_role

SLUG = CHAPERONES.slug
# Two officers who work on chaperones and may both authorise; a third who may not.
PREPARER = Actor(
    kind="officer", label="Mei Lin", id=101, roles=frozenset({SLUG, authoriser_role(SLUG)})
)
AUTHORISER = Actor(
    kind="officer", label="Owen Price", id=102, roles=frozenset({SLUG, authoriser_role(SLUG)})
)
OFFICER = Actor(kind="officer", label="Dan Hughes", id=103, roles=frozenset({SLUG}))
APPLICANT = Actor(kind="citizen", label="amara.dupre@example.com")

GOOD_REFERENCE = {
    "known_for": "over_5_years",
    "capacity": "I run the youth theatre where they volunteer backstage.",
    "concerns": "no",
    "recommend": "yes",
    "confirm": "yes",
}


def submit(**changes: Any) -> str:
    """A submitted application (the sample, with ``changes``); its reference."""
    with db.transaction() as session:
        application = CHAPERONES.validate(session, {**samples.application(), **changes})
        case, _ = applications.submit(
            session, CHAPERONES, application, channel="web", actor=APPLICANT
        )
        return case.reference


def load(reference: str) -> Case:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        session.expunge(case)
        return case


def links(reference: str) -> dict[str, str]:
    """Each referee's link token, read from the message that sent it (email)."""
    with db.transaction() as session:
        case_id = load(reference).id
        sent = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.case_id == case_id,
                OutboxMessage.message_name == "chaperone_referee_link",
                OutboxMessage.channel == "email",
            )
        ).all()
        by_email = {message.recipient: message.personalisation["link"] for message in sent}
        requests = session.scalars(select(PartyRequest).where(PartyRequest.case_id == case_id))
        return {request.party: by_email[request.email].rsplit("/", 1)[1] for request in requests}


def answer_reference(token: str, **changes: Any) -> None:
    with db.transaction() as session:
        found = parties.find(session, token, lock=True)
        assert found is not None
        parties.answer(
            session, found, CHAPERONES.validate_step(session, STEP, {**GOOD_REFERENCE, **changes})
        )


def both_referees_answer(reference: str, **changes: Any) -> None:
    for token in links(reference).values():
        answer_reference(token, **changes)


def send_photo(reference: str, content: bytes | None = None, filename: str = "me.jpg") -> None:
    """The applicant's upload, as the account page makes it: stored, then the evidence move
    when the case is waiting for it."""
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        documents.store(session, case, filename, content or silhouette(), APPLICANT)
        if case.status == "awaiting_photo":
            apply_transition(session, CHAPERONES, case.id, "photo_received", APPLICANT)


def move(
    reference: str, transition: str, actor: Actor = PREPARER, reason: str | None = None
) -> Case:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        needs = CHAPERONES.workflow.transition(transition).needs_reason
        apply_transition(
            session,
            CHAPERONES,
            case.id,
            transition,
            actor,
            reason=reason or ("A reason for the record." if needs else None),
        )
    return load(reference)


def ready(**changes: Any) -> str:
    """A case with both references, the photo, the DBS check and the interview recorded."""
    reference = submit(**changes)
    both_referees_answer(reference)
    send_photo(reference)
    move(reference, "record_dbs_check", reason="Update service checked: no information.")
    move(reference, "record_interview_after_dbs_check", reason="Interviewed 3 December: suitable.")
    return reference


def approved(**changes: Any) -> str:
    reference = ready(**changes)
    move(reference, "recommend_approval", PREPARER, "Checks all clear.")
    move(reference, "approve", AUTHORISER)
    return reference


def messages_sent(reference: str) -> list[OutboxMessage]:
    with db.transaction() as session:
        case_id = load(reference).id
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.case_id == case_id)
            .order_by(OutboxMessage.created_at)
        ).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def names_sent(reference: str) -> list[str]:
    return [message.message_name for message in messages_sent(reference)]


def system(reference: str, transition: str) -> Case:
    return move(reference, transition, SYSTEM)
