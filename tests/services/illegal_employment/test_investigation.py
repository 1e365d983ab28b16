"""Investigating a report: visits, evidence and statements are recorded as moves with the
officer's account and listed on the case page; the first-visit clock stops at the first
visit; the case closes only with an outcome; and nothing a reporter can see says what an
investigation found."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casework import cases, clocks, db
from casework.calendars import days_between, working_calendar
from casework.catalogue import get_service
from casework.models import CaseClock
from casework.services.illegal_employment import workflow as w
from casework.workflow import IllegalTransition, apply_transition
from tests.backoffice.deciding import choose, decide
from tests.services.helpers import actor, load_case, submit_sample, text_of

SERVICE = get_service("illegal-employment")
OFFICER = actor(SERVICE, "officer")


def _move(reference: str, name: str, reason: str | None = None) -> None:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        apply_transition(session, SERVICE, case.id, name, OFFICER, reason=reason)


def _first_visit_clock(reference: str) -> CaseClock:
    with db.transaction() as session:
        row = session.scalars(
            select(CaseClock).where(
                CaseClock.case_id == load_case(reference).id, CaseClock.clock == "first_visit"
            )
        ).one()
        session.expunge(row)
        return row


def test_a_report_has_a_first_visit_target_of_10_working_days(clean_db):
    reference = submit_sample(SERVICE)

    row = _first_visit_clock(reference)

    assert row.stopped_on is None
    with db.transaction() as session:
        assert days_between(working_calendar(session), row.started_on, row.due_on) == 10
    assert load_case(reference).due_on == row.due_on


def test_evidence_before_a_visit_keeps_the_clock_running_and_a_visit_stops_it(clean_db):
    reference = submit_sample(SERVICE)

    _move(reference, w.RECORD_EVIDENCE_BEFORE_VISIT, "School attendance officer: often late.")
    assert load_case(reference).status == w.RECEIVED
    assert _first_visit_clock(reference).stopped_on is None

    _move(reference, w.RECORD_VISIT, "Visited 3 March with PC Lee. Child washing up at 8pm.")
    assert load_case(reference).status == w.INVESTIGATING
    stopped = _first_visit_clock(reference)
    assert stopped.stopped_on == clocks.today()
    assert stopped.in_time is True


@pytest.mark.parametrize("outcome", list(w.OUTCOMES))
def test_every_outcome_closes_the_case_and_needs_a_reason(clean_db, outcome):
    reference = submit_sample(SERVICE)
    _move(reference, w.RECORD_VISIT, "Visited; saw the child serving.")

    with pytest.raises(IllegalTransition, match="Give a reason"):
        _move(reference, outcome)
    _move(reference, outcome, "Advice letter sent to the manager.")

    assert load_case(reference).status == w.CLOSED


def test_the_only_ways_to_close_are_the_outcomes():
    closing = {t.name for t in SERVICE.workflow.transitions if t.target == w.CLOSED}

    assert closing == set(w.OUTCOMES)
    assert all(t.needs_reason for t in SERVICE.workflow.transitions if t.target == w.CLOSED)


def test_a_closed_investigation_can_be_reopened_with_a_reason(clean_db):
    reference = submit_sample(SERVICE)
    _move(reference, "close_no_further_action", "No child found working on two visits.")

    _move(reference, w.REOPEN, "A second report about the same café.")

    assert load_case(reference).status == w.INVESTIGATING


def test_the_case_page_lists_visits_evidence_and_the_outcome(service_officer):
    officer = service_officer(SERVICE)
    reference = submit_sample(SERVICE)

    first = decide(officer, reference, "Record a visit", "3 March, J Smith: child in kitchen.")
    second = decide(officer, reference, "Record a visit", "10 March, J Smith: no child seen.")
    decide(officer, reference, "Record evidence or a statement", "Statement from the manager.")
    decide(officer, reference, "Close: advice given", "Advised the manager on permits.")

    assert first.status_code == second.status_code == 303
    page = text_of(officer.get(f"/backoffice/cases/{reference}").text)
    # Two visits by the same officer in a row are two visits, not a double click.
    assert "3 March, J Smith: child in kitchen." in page
    assert "10 March, J Smith: no child seen." in page
    assert "Statement from the manager." in page
    assert "Advised the manager on permits." in page
    assert "Visits" in page and "Evidence and statements" in page and "Outcome" in page
    assert "advice given" in page


def test_a_double_click_on_the_same_visit_records_it_once(service_officer):
    officer = service_officer(SERVICE)
    reference = submit_sample(SERVICE)
    html = officer.get(f"/backoffice/cases/{reference}").text

    choose(officer, reference, "Record a visit", "3 March: child in kitchen.", html=html)
    choose(officer, reference, "Record a visit", "3 March: child in kitchen.", html=html)

    with db.transaction() as session:
        events = cases.events(session, load_case(reference).id)
        visits = [event for event in events if event.action == w.RECORD_VISIT]
    assert len(visits) == 1


def test_a_reporter_who_looks_it_up_sees_closed_never_the_outcome(api, api_headers, clean_db):
    reference = submit_sample(SERVICE)
    _move(reference, "close_enforcement", "Referred to legal: repeated late-night work.")

    response = api.get(
        f"/api/v1/applications/{reference}",
        params={"second_factor": "alex.morgan@example.com"},
        headers=api_headers("applications:read"),
    )

    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["status_label"] == "Closed"
    said = " ".join((answer["status"], answer["status_label"], answer["next_step"])).lower()
    for word in ("legal", "enforcement", "advice", "permit", "referred"):
        assert word not in said, word
    # Nor a "decide by" date: the first-visit target is the team's own.
    assert answer["decide_by"] == ""
