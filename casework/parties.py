"""Other people's parts of an application, answered online through a link.

Some applications need someone besides the applicant: the parent who confirms a child's
details and consents to a job or a performance, the referees who vouch for a chaperone.
A service declares each as a ``Party``. When the case enters the party's ``requested_in``
state, the party is sent a link (by email, and by text if the case gives a mobile number)
to a one-page form at ``/respond/{token}``: no account needed, the link is the key. The
page shows what the party is asked to confirm (``shows``), asks the party's questions and
records the answers on the case, audited as the party. Once every party requested in that
state has answered, the case moves on by ``fires``; a party who declines (``declines``
says whether the answers are a refusal) moves it by ``declined``.

Only a hash of each token is stored, so the table cannot be replayed as links. A link is
good for ``valid_days`` and for one answer; an officer can send a fresh one (the old one
stops working).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import Case, PartyRequest
from casework.questions import Step
from casework.settings import get_settings
from casework.workflow import SYSTEM, Actor, apply_transition, record_event

if TYPE_CHECKING:
    from casework.declaration import ServiceDeclaration

RESPOND_PATH = "/respond"


@dataclass(frozen=True)
class PartyContact:
    name: str
    email: str | None = None
    mobile: str | None = None


@dataclass(frozen=True)
class Party:
    name: str  # unique in the service, e.g. "parent", "referee_1"
    label: str  # what officers read, e.g. "Parent's consent"
    # The party's one page: its title, intro and questions (a Step, so the same question
    # kinds, validation and template as every form).
    step: Step
    # Who they are, from the case's answers (None: this case needs no such party).
    contact: Callable[[Case], PartyContact | None]
    requested_in: str  # entering this state sends the link
    # The message that sends the link. Its personalisation may use the service's own
    # fields and "party_name", "link" and "expires_on".
    message: str
    # What the page shows the party to confirm, as (label, value) rows from the case.
    shows: Callable[[Case], list[tuple[str, str]]] = lambda case: []
    # The transition made once every party requested in ``requested_in`` has answered (by
    # the party, if the workflow says a citizen makes it, else by the system); None to just
    # record the answers.
    fires: str | None = None
    # Whether the answers refuse (e.g. the parent does not consent), and the transition
    # that refusal makes.
    declines: Callable[[dict[str, Any]], bool] | None = None
    declined: str | None = None
    valid_days: int = 28


def token_hash(token: str) -> str:
    """What is stored of a link's token: its SHA-256, so the table cannot be replayed."""
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def link(token: str) -> str:
    return f"{get_settings().public_base_url.rstrip('/')}{RESPOND_PATH}/{token}"


def requests(session: Session, case_id: int) -> list[PartyRequest]:
    return list(
        session.scalars(
            select(PartyRequest).where(PartyRequest.case_id == case_id).order_by(PartyRequest.id)
        )
    )


def after_move(session: Session, service: ServiceDeclaration, case: Case, to_status: str) -> None:
    """Send the links of the parties requested in the state the case has just entered."""
    asked = {request.party for request in requests(session, case.id)}
    for party in service.parties:
        if party.requested_in == to_status and party.name not in asked:
            send(session, service, case, party)


def send(
    session: Session, service: ServiceDeclaration, case: Case, party: Party
) -> PartyRequest | None:
    """A new link for the party (any earlier link of theirs stops working); None when the
    case names no such party or gives no way to reach them."""
    from casework import outbox  # outbox needs the catalogue, which needs the declarations

    contact = party.contact(case)
    if contact is None or not (contact.email or contact.mobile):
        return None
    for earlier in session.scalars(
        select(PartyRequest).where(
            PartyRequest.case_id == case.id,
            PartyRequest.party == party.name,
            PartyRequest.answered_at.is_(None),
            PartyRequest.expires_at > _now(),
        )
    ):
        earlier.expires_at = _now()
    token = secrets.token_urlsafe(32)
    expires_at = _now() + timedelta(days=party.valid_days)
    request = PartyRequest(
        case_id=case.id,
        party=party.name,
        token_hash=token_hash(token),
        name=contact.name,
        email=contact.email,
        mobile=contact.mobile,
        expires_at=expires_at,
    )
    session.add(request)
    session.flush()
    personalisation = {
        **outbox.message_personalisation(service, case, party.message),
        "party_name": contact.name,
        "link": link(token),
        "expires_on": f"{expires_at.day} {expires_at:%B %Y}",
    }
    for channel, recipient in (("email", contact.email), ("sms", contact.mobile)):
        if recipient:
            outbox.queue(
                session, party.message, channel, recipient, personalisation, case_id=case.id
            )
    record_event(
        session,
        case,
        SYSTEM,
        "party_requested",
        data={"party": party.name, "name": contact.name},
    )
    return request


@dataclass(frozen=True)
class Found:
    """A link as its holder opened it."""

    request: PartyRequest
    case: Case
    party: Party
    service: ServiceDeclaration

    @property
    def answered(self) -> bool:
        return self.request.answered_at is not None

    @property
    def expired(self) -> bool:
        expires = self.request.expires_at
        expires = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
        return not self.answered and expires <= _now()


def find(session: Session, token: str, *, lock: bool = False) -> Found | None:
    """The request a link's token opens, or None for a token nobody was given."""
    from casework.catalogue import find_service

    if not token or len(token) > 100:
        return None
    query = select(PartyRequest).where(PartyRequest.token_hash == token_hash(token))
    if lock:
        query = query.with_for_update()
    request = session.scalars(query).first()
    if request is None:
        return None
    case = session.get(Case, request.case_id)
    service = find_service(case.service) if case else None
    party = service.party(request.party) if service else None
    if case is None or service is None or party is None:
        return None
    return Found(request, case, party, service)


def answer(session: Session, found: Found, answers: BaseModel) -> None:
    """Record the party's validated answers, then move the case on if that was the last
    answer the state waited for (or the party declined)."""
    request, case, party, service = found.request, found.case, found.party, found.service
    request.answers = answers.model_dump(mode="json")
    request.answered_at = _now()
    declined = bool(party.declines and party.declines(request.answers))
    by_party = Actor(kind="citizen", label=f"{party.label}: {request.name}")
    record_event(
        session, case, by_party, "party_answered", data={"party": party.name, "declined": declined}
    )
    session.flush()
    if case.status != party.requested_in:
        return  # the case has moved on (e.g. withdrawn): the answers are kept, nothing fires
    move = party.declined if declined else party.fires
    if move is None or (
        not declined and not _all_answered(session, service, case, party.requested_in)
    ):
        return
    # The move is made by whom the workflow says: the party (as a citizen) or the system.
    actor = by_party if service.workflow.transition(move).by == "citizen" else SYSTEM
    apply_transition(session, service, case.id, move, actor)


def _all_answered(session: Session, service: ServiceDeclaration, case: Case, state: str) -> bool:
    wanted = {p.name for p in service.parties if p.requested_in == state}
    answered = {
        request.party
        for request in requests(session, case.id)
        if request.answered_at is not None and request.party in wanted
    }
    asked = {request.party for request in requests(session, case.id) if request.party in wanted}
    # A party the case names no one for (contact None) was never asked and is not awaited.
    return asked <= answered
