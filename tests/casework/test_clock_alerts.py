"""The daily digest of cases near or past a clock: whom it goes to, what it lists, and that
it goes once a day however often the task runs.

The council's day is passed in (``today``), never read from the wall clock. The free school
meals decision clock is 10 working days (near from the 8th); the enquiry reply clock is 2.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from casework import cases, clock_alerts, db
from casework.models import ClockDigest, OutboxMessage
from tests.backoffice.helpers import FSM
from tests.casework.clock_cases import (
    ENQUIRY,
    assign,
    clock_of,
    close,
    make_officer,
    reference_of,
    set_clock,
    submit,
)

MONDAY = date(2026, 12, 7)
TUESDAY = date(2026, 12, 8)


def _digests() -> list[OutboxMessage]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.message_name == "clock_digest")
                .order_by(OutboxMessage.recipient, OutboxMessage.created_at)
            )
        )


def _to(recipient: str) -> list[OutboxMessage]:
    return [message for message in _digests() if message.recipient == recipient]


@pytest.fixture
def world(clean_db):
    """Officers and cases as they stand on Monday 7 December 2026."""
    officers = {
        "fiona": make_officer("fiona@northshire.example", "Fiona Officer", [FSM]),
        "omar": make_officer("omar@northshire.example", "Omar Officer", [FSM]),
        "eve": make_officer("eve@northshire.example", "Eve Enquiries", [ENQUIRY]),
        "ada": make_officer("ada@northshire.example", "Ada Admin", ["admin"]),
        "pat": make_officer("pat@northshire.example", "Pat Licences", ["performance-licences"]),
        "gone": make_officer("gone@northshire.example", "Gone Officer", [FSM], active=False),
    }
    cases_ = {
        # Received 23 Nov: due Mon 7 Dec (10 working days), near from Thu 3 Dec.
        "due_today": submit(FSM, received_on=date(2026, 11, 23)),
        # Received 16 Nov: due Mon 30 Nov, overdue by 5 working days on 7 Dec.
        "fionas_late": submit(FSM, received_on=date(2026, 11, 16)),
        "omars_late": submit(FSM, received_on=date(2026, 11, 16)),
        # Received 1 Dec: due 15 Dec, near from 11 Dec: nothing to say yet.
        "in_hand": submit(FSM, received_on=date(2026, 12, 1)),
        # Decided: never listed, however late it was.
        "closed": submit(FSM, received_on=date(2026, 11, 2)),
        # Waiting for the parent's evidence: the clock stands still.
        "paused": submit(FSM, received_on=date(2026, 11, 2)),
        # A question received Thu 3 Dec: reply due Mon 7 Dec.
        "question": submit(ENQUIRY, received_on=date(2026, 12, 3)),
    }
    assign(cases_["fionas_late"], officers["fiona"])
    assign(cases_["omars_late"], officers["omar"])
    close(cases_["closed"], "refused")
    set_clock(cases_["closed"], stopped_on=date(2026, 12, 1), in_time=False)
    set_clock(cases_["paused"], paused_since=date(2026, 11, 10))
    return officers, {name: reference_of(case_id) for name, case_id in cases_.items()}


def test_each_officer_gets_one_digest_of_their_cases_and_the_unassigned(world):
    officers, ref = world

    assert clock_alerts.send_daily_digest(MONDAY) == 4

    fiona = _to("fiona@northshire.example")
    assert len(fiona) == 1
    values = fiona[0].personalisation
    assert values["officer_name"] == "Fiona Officer"
    assert values["date"] == "7 December 2026"
    assert (values["overdue_count"], values["due_soon_count"]) == ("1", "1")
    assert ref["fionas_late"] in values["overdue_list"]
    assert "decision overdue by 5 working days" in values["overdue_list"]
    assert ref["due_today"] in values["due_soon_list"]
    assert "decision due today" in values["due_soon_list"]
    assert "not assigned" in values["due_soon_list"]
    listed = values["overdue_list"] + values["due_soon_list"]
    for other in ("omars_late", "in_hand", "closed", "paused", "question"):
        assert ref[other] not in listed, other
    # Notify markdown: one "* " line per case, with its page in the back office.
    assert values["overdue_list"].startswith(f"* {ref['fionas_late']} (Free school meals)")
    assert f"/backoffice/cases/{ref['fionas_late']}" in values["overdue_list"]
    assert values["queue_url"].endswith("/backoffice/?overdue=yes&due_soon=yes")

    omar = _to("omar@northshire.example")[0].personalisation
    assert ref["omars_late"] in omar["overdue_list"]
    assert ref["fionas_late"] not in omar["overdue_list"]
    assert ref["due_today"] in omar["due_soon_list"]

    eve = _to("eve@northshire.example")[0].personalisation
    assert eve["overdue_list"] == "No cases are overdue."
    assert ref["question"] in eve["due_soon_list"]
    assert "reply due today" in eve["due_soon_list"]

    # An administrator works on every service: every unassigned case, no one else's.
    ada = _to("ada@northshire.example")[0].personalisation
    assert ada["overdue_list"] == "No cases are overdue."
    assert ref["due_today"] in ada["due_soon_list"]
    assert ref["question"] in ada["due_soon_list"]
    assert ada["due_soon_count"] == "2"

    # Nothing to report, or no longer working: no email.
    assert _to("pat@northshire.example") == []
    assert _to("gone@northshire.example") == []


def test_the_digest_goes_once_a_day_however_often_the_task_runs(world):
    assert clock_alerts.send_daily_digest(MONDAY) == 4
    assert clock_alerts.send_daily_digest(MONDAY) == 0
    assert clock_alerts.send_daily_digest(MONDAY) == 0
    assert len(_digests()) == 4

    # The next working day is a new day: everyone with something to report hears again.
    assert clock_alerts.send_daily_digest(TUESDAY) == 4
    assert clock_alerts.send_daily_digest(TUESDAY) == 0
    assert len(_digests()) == 8
    fiona = _to("fiona@northshire.example")[-1].personalisation
    # By Tuesday the case due on Monday is overdue too.
    assert fiona["overdue_count"] == "2"
    assert fiona["due_soon_count"] == "0"
    assert fiona["due_soon_list"] == "No cases are due soon."

    with db.transaction() as session:
        rows = session.execute(
            select(ClockDigest.day, func.count())
            .group_by(ClockDigest.day)
            .order_by(ClockDigest.day)
        ).all()
        assert rows == [(MONDAY, 4), (TUESDAY, 4)]
        # Each record points at the message it promises.
        linked = session.scalars(select(ClockDigest.outbox_message_id)).all()
        assert set(linked) == {message.id for message in _digests()}


def test_two_runs_at_the_same_moment_send_one_digest(world):
    officers, _ = world
    with db.transaction() as session:
        fiona = next(
            d for d in clock_alerts.digests(session, MONDAY) if d.officer_id == officers["fiona"]
        )
    first = db.get_sessionmaker()()
    outcome: dict[str, bool] = {}

    def second_run() -> None:
        # Waits on the first transaction's uncommitted row, then finds it there.
        with db.transaction() as session:
            outcome["sent"] = clock_alerts.send_one(session, fiona, MONDAY)

    try:
        with first.begin():
            assert clock_alerts.send_one(first, fiona, MONDAY)
            other = threading.Thread(target=second_run)
            other.start()
        other.join(timeout=30)
    finally:
        first.close()
    assert outcome == {"sent": False}
    assert len(_to("fiona@northshire.example")) == 1


def test_a_run_that_rolled_back_leaves_the_digest_to_the_next(world):
    officers, _ = world
    with db.transaction() as session:
        fiona = next(
            d for d in clock_alerts.digests(session, MONDAY) if d.officer_id == officers["fiona"]
        )
    first = db.get_sessionmaker()()
    outcome: dict[str, bool] = {}

    def second_run() -> None:
        with db.transaction() as session:
            outcome["sent"] = clock_alerts.send_one(session, fiona, MONDAY)

    try:
        first.begin()
        assert clock_alerts.send_one(first, fiona, MONDAY)
        other = threading.Thread(target=second_run)
        other.start()
        first.rollback()  # e.g. the worker died before committing
        other.join(timeout=30)
    finally:
        first.close()
    assert outcome == {"sent": True}
    assert len(_to("fiona@northshire.example")) == 1


def test_many_workers_at_once_send_each_digest_once(world):
    start = threading.Barrier(4)
    sent: list[int] = []

    def run() -> None:
        start.wait()
        sent.append(clock_alerts.send_daily_digest(MONDAY))

    workers = [threading.Thread(target=run) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sum(sent) == 4
    assert len(_digests()) == 4


def test_no_digest_on_a_bank_holiday_or_a_weekend(world):
    assert clock_alerts.send_daily_digest(date(2026, 12, 25)) == 0  # Christmas Day
    assert clock_alerts.send_daily_digest(date(2026, 12, 12)) == 0  # a Saturday
    assert _digests() == []


def test_no_one_hears_when_nothing_is_near(clean_db):
    make_officer("fiona@northshire.example", "Fiona Officer", [FSM])
    submit(FSM, received_on=date(2026, 12, 1))  # near only from 11 December
    assert clock_alerts.send_daily_digest(MONDAY) == 0
    assert _digests() == []


def test_due_soon_starts_exactly_on_the_warning_day(clean_db):
    make_officer("fiona@northshire.example", "Fiona Officer", [FSM])
    case_id = submit(FSM, received_on=date(2026, 11, 23))
    clock = clock_of(case_id)
    # 80% of 10 working days is 8: Thursday 3 December; due Monday 7 December.
    assert (clock.warn_on, clock.due_on) == (date(2026, 12, 3), date(2026, 12, 7))
    reference = reference_of(case_id)

    def due_soon_on(day: date) -> list[str]:
        with db.transaction() as session:
            found, _ = cases.queue(session, [FSM], due_soon_on=day)
            return [case.reference for case in found]

    assert due_soon_on(date(2026, 12, 2)) == []
    assert due_soon_on(date(2026, 12, 3)) == [reference]
    assert due_soon_on(date(2026, 12, 7)) == [reference]
    assert due_soon_on(date(2026, 12, 8)) == []  # overdue now, not due soon

    assert clock_alerts.send_daily_digest(date(2026, 12, 2)) == 0
    assert clock_alerts.send_daily_digest(date(2026, 12, 3)) == 1
    message = _digests()[0]
    assert message.recipient == "fiona@northshire.example"
    assert message.personalisation["due_soon_list"].startswith(f"* {reference}")
    assert "decision due in 2 working days" in message.personalisation["due_soon_list"]


def test_the_message_renders_as_notify_would():
    from casework.messages import CLOCK_DIGEST
    from notifications.sandbox.rendering import render_body, render_subject

    digest = clock_alerts.Digest(
        1,
        "Fiona Officer",
        "fiona@northshire.example",
        overdue=[clock_alerts.Line("FSM-AAAA1111", "Free school meals", "decision overdue", True)],
    )
    values = digest.personalisation(MONDAY)
    CLOCK_DIGEST.check_personalisation(values, "email")
    wording = CLOCK_DIGEST.wording["email"]
    assert render_subject(wording.subject or "", values) == "Cases due: 1 overdue, 0 due soon"
    body = render_body(wording.body, values)
    assert "# Overdue: 1\n\n* FSM-AAAA1111 (Free school meals): decision overdue – " in body
    assert "# Due soon: 0\n\nNo cases are due soon." in body


def test_the_worker_runs_the_digest_at_seven_on_weekdays_london_time():
    from portal.worker import celery_app

    entry = celery_app.conf.beat_schedule["send-clock-digest"]
    assert entry["task"] == clock_alerts.TASK == "clocks.send_daily_digest"
    schedule = entry["schedule"]
    assert schedule.hour == {7} and schedule.minute == {0}
    assert schedule.day_of_week == {1, 2, 3, 4, 5}
    assert celery_app.conf.timezone == "Europe/London"
    assert clock_alerts.TASK in celery_app.tasks


@pytest.mark.integration
def test_the_digest_reaches_notify_through_the_outbox(world, celery_worker, sandbox_messages):
    from portal import dispatch
    from tests.conftest import wait_for

    dispatch.install()  # deliveries are sent to the worker once the transaction commits
    _, ref = world
    clock_alerts.send_daily_digest(MONDAY)
    message = _to("fiona@northshire.example")[0]

    [sent] = wait_for(lambda: sandbox_messages(reference=message.id), message="never sent")
    assert sent["to"] == "fiona@northshire.example"
    assert sent["subject"] == "Cases due: 1 overdue, 1 due soon"
    assert f"* {ref['fionas_late']} (Free school meals): decision overdue by 5" in sent["body"]
    assert (
        f"* {ref['due_today']} (Free school meals, not assigned): decision due today"
        in (sent["body"])
    )
