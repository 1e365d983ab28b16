"""Cases with known clocks, and officers, for the tests of alerts, the queue's tags and the
dashboard. Cases are submitted as the web would, with the day the council received them,
so their clocks are the ones ``casework.clocks`` computes; a test that needs a clock in a
given state (decided, paused, due on a given day) sets its row."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from casework import accounts, applications, db
from casework.catalogue import get_service
from casework.models import Case, CaseClock, Officer
from casework.workflow import SYSTEM
from tests.backoffice.helpers import FSM, valid_answers

ENQUIRY = "enquiry"


def submit(service_slug: str = FSM, received_on: date | None = None, **changes: Any) -> int:
    """A new case received on ``received_on``; returns its id."""
    service = get_service(service_slug)
    answers = (
        valid_answers(**changes)
        if service_slug == FSM
        else {"question": "When will I hear?", "email": "sam@example.com", **changes}
    )
    with db.transaction() as session:
        application = service.validate(session, answers)
        case, _ = applications.submit(
            session, service, application, channel="web", actor=SYSTEM, received_on=received_on
        )
        return case.id


def clock_of(case_id: int) -> CaseClock:
    with db.transaction() as session:
        return session.scalars(select(CaseClock).where(CaseClock.case_id == case_id)).one()


def set_clock(case_id: int, **values: Any) -> None:
    """Set the case's (only) clock row; a due date is the case's promised date too."""
    with db.transaction() as session:
        row = session.scalars(select(CaseClock).where(CaseClock.case_id == case_id)).one()
        for name, value in values.items():
            setattr(row, name, value)
        case = session.get(Case, case_id)
        assert case is not None
        case.due_on = None if row.paused_since or row.stopped_on else row.due_on


def decided(service_slug: str, stopped_on: date, in_time: bool) -> int:
    """A case whose clock stopped on ``stopped_on``, in time or not."""
    case_id = submit(service_slug, received_on=stopped_on)
    set_clock(case_id, stopped_on=stopped_on, in_time=in_time)
    with db.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.status = "awarded" if service_slug == FSM else "answered"
    return case_id


def close(case_id: int, status: str) -> None:
    with db.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.status = status


def assign(case_id: int, officer_id: int | None) -> None:
    with db.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.assignee_id = officer_id


def reference_of(case_id: int) -> str:
    with db.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.reference


def make_officer(email: str, name: str, roles: list[str], *, active: bool = True) -> int:
    with db.transaction() as session:
        accounts.create_officer(session, email, name, roles)
        officer = session.scalars(select(Officer).where(Officer.email == email)).one()
        officer.active = active
        return officer.id
