"""Queries about cases, for every channel. Route handlers and templates call these."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select, union
from sqlalchemy.orm import Session

from casework import deadlines
from casework.models import (
    Case,
    CaseEvent,
    Document,
    EligibilityCheck,
    InboundText,
    OutboxMessage,
    PartyRequest,
    Person,
)
from casework.references import normalise_reference, references_in
from casework.search_text import pattern


def _seen_by(person_id: int, applicant_only: bool) -> ColumnElement[bool]:
    """The cases a person may follow in their account: their own applications and, unless
    ``applicant_only``, those they answered a part of (a parent who consented to a child's
    job gets the permit too) through a link sent to the address they signed in with."""
    own = select(Case.id).where(Case.applicant_id == person_id)
    if applicant_only:
        return Case.id.in_(own)
    their_email = select(Person.email).where(Person.id == person_id).scalar_subquery()
    answered = select(PartyRequest.case_id).where(
        PartyRequest.answered_at.is_not(None), func.lower(PartyRequest.email) == their_email
    )
    # One set of ids rather than an OR of the two, which would read every case.
    return Case.id.in_(union(own, answered))


def for_person(session: Session, person_id: int) -> list[Case]:
    return list(
        session.scalars(
            select(Case).where(_seen_by(person_id, False)).order_by(Case.submitted_at.desc())
        )
    )


def by_reference_for_person(
    session: Session, reference: str, person_id: int, *, applicant_only: bool = False
) -> Case | None:
    return session.scalars(
        select(Case).where(
            Case.reference == normalise_reference(reference), _seen_by(person_id, applicant_only)
        )
    ).first()


def by_reference(session: Session, reference: str) -> Case | None:
    return session.scalars(
        select(Case).where(Case.reference == normalise_reference(reference))
    ).first()


def by_reference_and_second_factor(session: Session, reference: str, given: str) -> Case | None:
    """A case for a status look-up: its reference and its service's second factor must match.

    ``given`` is the second factor as the service's question read it. An unknown reference
    and a wrong second factor both give None, so a caller cannot tell them apart.
    """
    from casework.catalogue import find_service  # the declarations query cases from here

    case = by_reference(session, reference)
    service = find_service(case.service) if case is not None else None
    if case is None or service is None or service.status_check is None:
        return None
    return case if service.status_check.matches(case.answers, given) else None


def claim_for_person(session: Session, person_id: int, email: str) -> int:
    """Give a person the unowned cases made with their (now verified) email address."""
    unowned = session.scalars(
        select(Case).where(Case.applicant_id.is_(None), func.lower(Case.contact_email) == email)
    ).all()
    for case in unowned:
        case.applicant_id = person_id
    return len(unowned)


def queue_query(
    services: list[str],
    *,
    statuses: list[str] | None = None,
    overdue_on: date | None = None,
    search: str = "",
    due_soon_on: date | None = None,
    assignee_id: int | None = None,
    unassigned: bool = False,
) -> Select[Case]:
    """The queue's cases. Overdue and due soon (``casework.deadlines``) are "either" when
    both are asked for; ``unassigned`` keeps cases no officer has taken."""
    query = select(Case).where(Case.service.in_(services))
    if search.strip():
        # A reference as typed in any spacing, or a name, NI number, postcode … anywhere in
        # the case's search text.
        query = query.where(
            or_(
                Case.reference == normalise_reference(search),
                *(Case.search_text.like(like, escape="\\") for like in pattern(search)),
            )
        )
    if statuses:
        query = query.where(Case.status.in_(statuses))
    late = [
        *([deadlines.overdue(overdue_on)] if overdue_on is not None else []),
        *([deadlines.due_soon(due_soon_on)] if due_soon_on is not None else []),
    ]
    if late:
        query = query.where(or_(*late))
    if unassigned:
        query = query.where(Case.assignee_id.is_(None))
    elif assignee_id is not None:
        query = query.where(Case.assignee_id == assignee_id)
    return query.order_by(Case.due_on.asc().nulls_last(), Case.id.asc())


def queue(
    session: Session,
    services: list[str],
    *,
    statuses: list[str] | None = None,
    overdue_on: date | None = None,
    search: str = "",
    limit: int = 50,
    offset: int = 0,
    due_soon_on: date | None = None,
    assignee_id: int | None = None,
    unassigned: bool = False,
) -> tuple[list[Case], int]:
    query = queue_query(
        services,
        statuses=statuses,
        overdue_on=overdue_on,
        search=search,
        due_soon_on=due_soon_on,
        assignee_id=assignee_id,
        unassigned=unassigned,
    )
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    cases = list(session.scalars(query.limit(limit).offset(offset)))
    return cases, total or 0


def checks(session: Session, case_id: int) -> list[EligibilityCheck]:
    return list(
        session.scalars(
            select(EligibilityCheck)
            .where(EligibilityCheck.case_id == case_id)
            .order_by(EligibilityCheck.id)
        )
    )


def documents(session: Session, case_id: int) -> list[Document]:
    return list(
        session.scalars(select(Document).where(Document.case_id == case_id).order_by(Document.id))
    )


def messages(session: Session, case_id: int) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.case_id == case_id)
            .order_by(OutboxMessage.created_at)
        )
    )


def inbound_texts(session: Session, case_id: int) -> list[InboundText]:
    return list(
        session.scalars(
            select(InboundText)
            .where(InboundText.case_id == case_id)
            .order_by(InboundText.received_at.desc())
        )
    )


def events(session: Session, case_id: int) -> list[CaseEvent]:
    return list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
        )
    )


def arrivals(session: Session, case_ids: list[int]) -> dict[int, set[str]]:
    """What came in on each case since an officer last acted on it: "evidence" (a document
    not uploaded by an officer) and "reply" (an inbound text). Cases with nothing new are
    left out."""
    if not case_ids:
        return {}
    last_acted = dict(
        session.execute(
            select(CaseEvent.case_id, func.max(CaseEvent.at))
            .where(CaseEvent.case_id.in_(case_ids), CaseEvent.actor_kind == "officer")
            .group_by(CaseEvent.case_id)
        ).all()
    )
    found: dict[int, set[str]] = {}
    documents = session.execute(
        select(Document.case_id, func.max(Document.uploaded_at))
        .where(Document.case_id.in_(case_ids))
        .group_by(Document.case_id)
    ).all()
    texts = session.execute(
        select(InboundText.case_id, func.max(InboundText.received_at))
        .where(InboundText.case_id.in_(case_ids))
        .group_by(InboundText.case_id)
    ).all()
    for kind, latest in (("evidence", documents), ("reply", texts)):
        for case_id, at in latest:
            acted = last_acted.get(case_id) if case_id is not None else None
            if case_id is not None and at is not None and (acted is None or at > acted):
                found.setdefault(case_id, set()).add(kind)
    return found


def _texts(value: object) -> list[str]:
    """Every string in a case's answers, however deep (e.g. a transcript's turns)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def named_in(session: Session, case: Case) -> list[Case]:
    """Other cases this one's answers name by reference (an enquiry about an application),
    in the order they are named; references that match no case are left out."""
    from casework.catalogue import all_services  # the declarations query cases from here

    prefixes = [service.reference_prefix for service in all_services()]
    named: list[str] = []
    for text in _texts(case.answers):
        for reference in references_in(text, prefixes):
            if reference != case.reference and reference not in named:
                named.append(reference)
    if not named:
        return []
    found = {c.reference: c for c in session.scalars(select(Case).where(Case.reference.in_(named)))}
    return [found[reference] for reference in named if reference in found]
