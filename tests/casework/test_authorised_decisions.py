"""Statutory decisions need two officers: one prepares the case and a different officer,
authorised by the council for that service, makes the decision; both are recorded.

Free school meals has no such decision, so the test makes its award one: the officer who
asks for evidence has prepared the case.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from casework import applications, db
from casework.catalogue import get_service
from casework.models import CaseEvent
from casework.workflow import SYSTEM, Actor, IllegalTransition, apply_transition, authoriser_role
from tests.services.helpers import sample_answers

SLUG = "free-school-meals"


def _service():
    service = get_service(SLUG)
    transitions = tuple(
        dataclasses.replace(t, authorised=True) if t.name == "award" else t
        for t in service.workflow.transitions
    )
    workflow = dataclasses.replace(service.workflow, transitions=transitions)
    return dataclasses.replace(service, workflow=workflow)


def _officer(officer_id: int, *roles: str) -> Actor:
    return Actor("officer", f"Officer {officer_id}", officer_id, frozenset({SLUG, *roles}))


@pytest.fixture
def prepared_case(database, clean_db) -> int:
    service = _service()
    with db.transaction() as session:
        application = service.validate(session, sample_answers(get_service(SLUG)))
        case, _ = applications.submit(session, service, application, channel="api", actor=SYSTEM)
        apply_transition(session, service, case.id, "refer_to_officer", SYSTEM)
        apply_transition(
            session, service, case.id, "request_evidence", _officer(1), reason="Payslips"
        )
        return case.id


def _award(case_id: int, officer: Actor) -> None:
    with db.transaction() as session:
        apply_transition(session, _service(), case_id, "award", officer)


def test_an_officer_who_is_not_authorised_cannot_make_the_decision(prepared_case):
    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        _award(prepared_case, _officer(2))
    # Nor can an administrator: the council names its authorised officers.
    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        _award(prepared_case, _officer(3, "admin"))


def test_the_officer_who_prepared_the_case_cannot_also_decide_it(prepared_case):
    with pytest.raises(IllegalTransition, match="You prepared this case"):
        _award(prepared_case, _officer(1, authoriser_role(SLUG)))


def test_another_authorised_officer_decides_and_both_are_recorded(prepared_case):
    _award(prepared_case, _officer(2, authoriser_role(SLUG)))
    with db.transaction() as session:
        event = session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == prepared_case, CaseEvent.action == "award")
        ).one()
        assert event.data == {"prepared_by": "Officer 1", "authorised_by": "Officer 2"}
        assert event.actor_id == 2
