"""What the performance licence tests share: the sample application, cases in a given
state, officers with and without the authorising role, and the parent's link."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from casework import applications, cases, db
from casework.clocks import today
from casework.models import Case, ChaperoneApproval, Officer, OutboxMessage
from casework.services.performance_licences import samples
from casework.services.performance_licences.declaration import PERFORMANCE_LICENCES as SERVICE
from casework.workflow import SYSTEM, Actor, apply_transition, authoriser_role

SLUG = SERVICE.slug


def sample(first_day: date | None = None, **changes: Any) -> dict[str, Any]:
    with db.transaction() as session:
        answers = samples.application(session, first_day=first_day)
    answers = copy.deepcopy(answers)
    answers.update(changes)
    return answers


def submit(answers: dict[str, Any] | None = None, *, applicant_id: int | None = None) -> str:
    with db.transaction() as session:
        application = SERVICE.validate(session, answers or sample())
        case, _ = applications.submit(
            session, SERVICE, application, channel="api", actor=SYSTEM, applicant_id=applicant_id
        )
        return case.reference


def officer_actor(number: int, authorised: bool = False) -> Actor:
    roles = {SLUG, authoriser_role(SLUG)} if authorised else {SLUG}
    return Actor(kind="officer", label=f"Officer {number}", id=number, roles=frozenset(roles))


def move(reference: str, transition: str, actor: Actor = SYSTEM, reason: str | None = None) -> Case:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        moved = apply_transition(session, SERVICE, case.id, transition, actor, reason=reason)
        session.flush()
        session.expunge(moved)
        return moved


def load(reference: str) -> Case:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        session.expunge(case)
        return case


def messages(reference: str, name: str | None = None) -> list[OutboxMessage]:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        query = select(OutboxMessage).where(OutboxMessage.case_id == case.id)
        if name is not None:
            query = query.where(OutboxMessage.message_name == name)
        rows = list(session.scalars(query.order_by(OutboxMessage.id)))
        for row in rows:
            session.expunge(row)
        return rows


def parent_token(reference: str) -> str:
    """The token in the link the parent was sent (only its hash is stored)."""
    link = messages(reference, "performance_licence_parent_link")[-1].personalisation["link"]
    match = re.search(r"/respond/([^/?#]+)$", link)
    assert match, link
    return match.group(1)


def signed_in_officer(officer_factory, email: str, roles: list[str]) -> TestClient:
    client = officer_factory(SLUG, email=email)
    with db.transaction() as session:
        officer = session.scalars(select(Officer).where(Officer.email == email)).one()
        officer.roles = roles
    return client


def approved_chaperone(
    number: str = "CH-2026-0042",
    last_name: str = "Dupré",
    born: date = date(1988, 7, 21),
    status: str = "approved",
    until: date | None = None,
) -> None:
    """A chaperone on the register, as the chaperone service leaves one it approved."""
    with db.transaction() as session:
        case = Case(
            reference=f"CHP-{number[-4:]}-TEST",
            service="chaperones",
            status=status,
            channel="api",
            answers={"last_name": last_name, "date_of_birth": born.isoformat()},
        )
        session.add(case)
        session.flush()
        year, sequence = int(number.split("-")[1]), int(number.split("-")[2])
        session.add(
            ChaperoneApproval(
                case_id=case.id,
                approval_number=number,
                year=year,
                sequence=sequence,
                approved_on=today() - timedelta(days=100),
                approved_until=until or today() + timedelta(days=700),
            )
        )
