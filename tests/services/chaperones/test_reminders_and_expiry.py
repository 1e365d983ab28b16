"""The daily run: a reminder 8 weeks before an approval's last day (once), and expiry on
the first day after it. Days are given to the run, never read from the clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework import db
from casework.services.chaperones import approvals, tasks
from casework.services.chaperones.register import lookup
from tests.services.chaperones.cases import (
    PREPARER,
    approved,
    load,
    messages_sent,
    move,
    names_sent,
)

pytestmark = pytest.mark.usefixtures("clean_db")


def last_day(reference: str) -> date:
    with db.transaction() as session:
        approval = approvals.for_case(session, load(reference).id)
        assert approval is not None
        return approval.approved_until


def reminders(reference: str) -> list:
    return [m for m in messages_sent(reference) if m.message_name == "chaperone_expiry_reminder"]


def test_the_reminder_goes_8_weeks_before_the_last_day_and_only_once():
    reference = approved()
    until = last_day(reference)

    assert tasks.run(until - timedelta(weeks=8, days=1)).reminded == 0
    assert reminders(reference) == []

    assert tasks.run(until - timedelta(weeks=8)).reminded == 1
    assert tasks.run(until - timedelta(weeks=8)).reminded == 0
    assert tasks.run(until - timedelta(weeks=2)).reminded == 0

    sent = reminders(reference)
    assert {m.channel for m in sent} == {"email", "sms"}
    with db.transaction() as session:
        approval = approvals.for_case(session, load(reference).id)
        assert approval is not None
        assert approval.reminder_sent_on == until - timedelta(weeks=8)
        assert sent[0].personalisation["approval_number"] == approval.approval_number
    assert sent[0].personalisation["apply_url"].endswith("/apply/chaperones")


def test_a_missed_day_is_made_up_by_the_next_run():
    reference = approved()
    until = last_day(reference)

    assert tasks.run(until - timedelta(weeks=3)).reminded == 1
    assert len(reminders(reference)) == 2  # one email, one text


def test_a_suspended_approval_gets_no_reminder():
    reference = approved()
    move(reference, "suspend", PREPARER, "A concern is being looked into.")

    assert tasks.run(last_day(reference) - timedelta(weeks=4)).reminded == 0


def test_an_approval_expires_on_the_first_day_after_its_last_day():
    reference = approved()
    until = last_day(reference)

    assert tasks.run(until).expired == 0
    assert load(reference).status == "approved"

    assert tasks.run(until + timedelta(days=1)).expired == 1
    assert load(reference).status == "expired"
    assert "chaperone_expired" in names_sent(reference)
    assert tasks.run(until + timedelta(days=2)).expired == 0


def test_a_suspended_approval_expires_too_but_a_revoked_one_does_not_move():
    suspended, revoked = approved(), approved()
    move(suspended, "suspend", PREPARER, "A concern.")
    move(revoked, "revoke", PREPARER, "A serious concern.")

    tasks.run(last_day(suspended) + timedelta(days=1))

    assert load(suspended).status == "expired"
    assert load(revoked).status == "revoked"


def test_the_register_says_expired_from_the_first_day_after_even_before_the_run():
    reference = approved(last_name="Brennan")
    until = last_day(reference)
    born = date.fromisoformat(load(reference).answers["date_of_birth"])
    with db.transaction() as session:
        number = approvals.for_case(session, load(reference).id).approval_number  # type: ignore[union-attr]
        on_last_day = lookup(session, number, "Brennan", born, until)
        day_after = lookup(session, number, "Brennan", born, until + timedelta(days=1))

    assert on_last_day is not None and on_last_day.status == "approved"
    assert day_after is not None and day_after.status == "expired"


def test_the_worker_task_takes_the_day_to_run():
    reference = approved()

    done = tasks.remind_and_expire((last_day(reference) + timedelta(days=1)).isoformat())

    assert done == {"reminded": 0, "expired": 1}
