"""Clocks on cases: started when an application arrives, paused while the council waits
for the applicant, stopped by the decision, and told in officers' words.

Free school meals has a 10-working-day decision clock that stands still while evidence is
awaited; enquiries a 2-working-day reply clock. The day is moved by hand: ``clocks.today``
is the council's calendar, replaced here as other tests replace a module's clock.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework import applications, clocks, db
from casework.catalogue import get_service
from casework.models import Case, CaseClock
from casework.workflow import SYSTEM, Actor, apply_transition
from tests.services.helpers import sample_answers

FSM = "free-school-meals"


@pytest.fixture
def day(monkeypatch):
    """Set the council's today: ``day(date(...))``."""

    def set_day(when: date) -> None:
        monkeypatch.setattr(clocks, "today", lambda: when)

    return set_day


def _submit(slug: str, received_on: date) -> int:
    service = get_service(slug)
    answers = sample_answers(service)
    with db.transaction() as session:
        application = service.validate(session, answers)
        case, _ = applications.submit(
            session, service, application, channel="api", actor=SYSTEM, received_on=received_on
        )
        return case.id


def _move(slug: str, case_id: int, transition: str, kind: str = "officer") -> None:
    service = get_service(slug)
    actor = Actor(kind=kind, label="Test", roles=frozenset({slug}))  # type: ignore[arg-type]
    with db.transaction() as session:
        apply_transition(
            session,
            service,
            case_id,
            transition,
            SYSTEM if kind == "system" else actor,
            reason="Reason" if service.workflow.transition(transition).needs_reason else None,
        )


def _state(case_id: int) -> tuple[CaseClock, Case]:
    with db.transaction() as session:
        row = session.scalars(select(CaseClock).where(CaseClock.case_id == case_id)).one()
        case = session.get(Case, case_id)
        assert case is not None
        session.expunge_all()
        return row, case


def _view(case_id: int, on: date) -> clocks.ClockView:
    with db.transaction() as session:
        case = session.get(Case, case_id)
        found = clocks.views(session, {FSM: get_service(FSM)}, [case], on)
        return found[case_id][0]


def test_the_decision_clock_starts_on_the_day_received_and_sets_the_promise(database, clean_db):
    case_id = _submit(FSM, date(2026, 12, 7))
    row, case = _state(case_id)
    assert (row.started_on, row.due_on) == (date(2026, 12, 7), date(2026, 12, 21))
    assert row.warn_on == date(2026, 12, 17)  # 8 of its 10 working days gone
    assert case.due_on == row.due_on


def test_the_clock_stands_still_while_evidence_is_awaited(database, clean_db, day):
    case_id = _submit(FSM, date(2026, 12, 7))  # due Monday 21 December
    day(date(2026, 12, 8))
    _move(FSM, case_id, "refer_to_officer", "system")
    day(date(2026, 12, 9))
    _move(FSM, case_id, "request_evidence")
    row, case = _state(case_id)
    assert row.paused_since == date(2026, 12, 9)
    assert case.due_on is None  # nothing to promise while we wait for the parent
    assert _view(case_id, date(2027, 1, 20)).text == (
        "Paused since 9 December 2026, waiting for the applicant"
    )
    assert not _view(case_id, date(2027, 1, 20)).overdue

    day(date(2026, 12, 14))  # 3 working days later (10, 11 and 14 December)
    _move(FSM, case_id, "evidence_received", "citizen")
    row, case = _state(case_id)
    assert row.paused_since is None and row.paused_days == 3
    assert row.due_on == case.due_on == date(2026, 12, 24)

    assert _view(case_id, date(2026, 12, 22)).text == "Due in 2 working days"
    assert _view(case_id, date(2026, 12, 22)).near
    assert _view(case_id, date(2026, 12, 24)).text == "Due today"
    # 25 December and the substitute for Boxing Day are not working days.
    assert _view(case_id, date(2026, 12, 29)).text == "Overdue by 1 working day"
    assert _view(case_id, date(2026, 12, 29)).tag == ("Overdue", "red")

    day(date(2026, 12, 29))
    _move(FSM, case_id, "award")
    row, case = _state(case_id)
    assert (row.stopped_on, row.in_time) == (date(2026, 12, 29), False)
    assert case.due_on == date(2026, 12, 24)  # a decided case keeps the date it promised
    assert _view(case_id, date(2027, 2, 1)).text == (
        "Stopped on 29 December 2026, 1 working day late"
    )


def test_a_decision_in_time_is_recorded_as_in_time(database, clean_db, day):
    case_id = _submit(FSM, date(2026, 12, 7))
    day(date(2026, 12, 8))
    _move(FSM, case_id, "refer_to_officer", "system")
    day(date(2026, 12, 21))  # the due day itself is in time
    _move(FSM, case_id, "refuse")
    row, _ = _state(case_id)
    assert (row.stopped_on, row.in_time) == (date(2026, 12, 21), True)
    assert _view(case_id, date(2027, 1, 5)).text == "Stopped on 21 December 2026, in time"


def test_the_enquiry_reply_clock_runs_on_working_days(database, clean_db):
    case_id = _submit("enquiry", date(2026, 12, 24))
    row, case = _state(case_id)
    # Christmas Day and the substitute for Boxing Day do not count.
    assert row.due_on == case.due_on == date(2026, 12, 30)


def test_open_cases_made_before_clocks_get_them_from_the_day_they_arrived(database, clean_db):
    case_id = _submit(FSM, date(2026, 12, 7))
    with db.transaction() as session:
        session.execute(CaseClock.__table__.delete())
    with db.transaction() as session:
        assert clocks.backfill(session, on=date(2026, 12, 8)) == 1
        assert clocks.backfill(session, on=date(2026, 12, 8)) == 0  # once only
    row, _ = _state(case_id)
    assert row.due_on is not None and row.stopped_on is None


def test_a_clock_can_be_due_on_a_day_the_case_names(database, clean_db):
    import dataclasses

    case_id = _submit(FSM, date(2026, 12, 1))
    named = clocks.Clock(
        "inspection",
        "Inspection",
        10,
        "working_days",
        rule="Inspect before the last performance.",
        due=lambda case: date(2026, 12, 11),
    )
    service = dataclasses.replace(get_service(FSM), clocks=(named,))
    with db.transaction() as session:
        case = session.get(Case, case_id)
        clocks.start(session, service, case, date(2026, 12, 1))
        row = session.scalars(
            select(CaseClock).where(CaseClock.case_id == case_id, CaseClock.clock == "inspection")
        ).one()
        # Due on the named day, not 10 working days on; near once 80% of the 8 working
        # days to it have gone.
        assert (row.due_on, row.warn_on) == (date(2026, 12, 11), date(2026, 12, 10))
