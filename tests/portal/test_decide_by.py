"""One "we aim to decide by" date: the same on the status page, the confirmation page and in
the messages that promise a date, and no promise of an instant decision once referred."""

from __future__ import annotations

from datetime import date, timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from casework import cases, db
from casework.catalogue import get_service
from casework.messages import get_message
from casework.models import CaseClock
from casework.workflow import SYSTEM, apply_transition
from notifications.preview import preview
from tests.portal.journey import BASE, apply

FSM = "free-school-meals"


def _words(html: str, selector: str) -> str:
    element = BeautifulSoup(html, "html.parser").select_one(selector)
    assert element is not None, f"nothing matches {selector}"
    return " ".join(element.get_text(" ").split())


def _move(reference: str, *moves: str, due_on: date | None = None) -> date:
    service = get_service(FSM)
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        if due_on is not None:
            # The promise is the decision clock's due date: move the clock, and the case
            # follows it on the next move.
            clock = session.scalars(select(CaseClock).where(CaseClock.case_id == case.id)).one()
            clock.due_on = due_on
        for move in moves:
            apply_transition(session, service, case.id, move, SYSTEM)
        return case.due_on


def _sent(reference: str, name: str) -> dict[str, str]:
    """Each channel's message as the parent reads it, body and subject."""
    message = get_message(name)
    with db.transaction() as session:
        rows = [
            row
            for row in cases.messages(session, cases.by_reference(session, reference).id)
            if row.message_name == name
        ]
    assert rows, f"no {name} message was queued"
    read = {}
    for row in rows:
        shown = preview(message, row.channel, row.personalisation)
        assert shown.missing == []
        read[row.channel] = " ".join(f"{shown.subject or ''} {shown.body}".split())
    return read


def _written(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_a_referred_parent_reads_the_same_date_on_the_page_and_in_the_email_and_text(citizen):
    reference = apply(citizen, mobile="07700900982")
    due = _move(reference, "refer_to_officer")

    status = _words(citizen.get(f"/account/applications/{reference}").text, "#case-status")

    promise = f"We aim to decide by {_written(due)}."
    assert promise in status
    assert "An officer is looking at your application" in status
    listed = _words(citizen.get("/account/applications").text, "tbody")
    assert promise in listed
    messages = _sent(reference, "fsm_under_review")
    assert set(messages) == {"email", "sms"}
    for channel, words in messages.items():
        assert promise in words, channel


def test_the_received_message_gives_the_same_date(citizen):
    reference = apply(citizen, mobile="07700900982")
    # "We have your application" goes when the check cannot decide straight away.
    due = _move(reference, "check_unavailable")

    promise = f"We aim to decide by {_written(due)}."
    assert promise in _words(citizen.get(f"/account/applications/{reference}").text, "main")
    messages = _sent(reference, "fsm_submitted")
    assert set(messages) == {"email", "sms"}
    for channel, words in messages.items():
        assert promise in words, channel


def test_a_decided_case_promises_no_date(citizen):
    reference = apply(citizen)
    _move(reference, "award_automatically")

    status = _words(citizen.get(f"/account/applications/{reference}").text, "#case-status")

    assert "Awarded" in status
    assert "decide by" not in status


def test_a_late_decision_is_owned_up_to_not_promised_for_a_past_date(citizen):
    reference = apply(citizen)
    late = date.today() - timedelta(days=3)
    _move(reference, "refer_to_officer", due_on=late)

    status = _words(citizen.get(f"/account/applications/{reference}").text, "#case-status")

    assert f"We aimed to decide by {_written(late)}. We are sorry it is taking longer." in status


def test_the_confirmation_page_of_a_referred_case_does_not_promise_a_decision_straight_away(
    citizen,
):
    reference = apply(citizen)
    due = _move(reference, "refer_to_officer")

    main = _words(citizen.get(f"{BASE}/confirmation/{reference}").text, "main")

    assert "decided straight away" not in main
    assert "What happens next An officer is looking at your application" in main
    assert f"We aim to decide by {_written(due)}." in main


def test_the_confirmation_page_of_a_new_case_gives_the_declared_words_and_the_date(citizen):
    reference = apply(citizen)
    with db.transaction() as session:
        due = cases.by_reference(session, reference).due_on

    main = _words(citizen.get(f"{BASE}/confirmation/{reference}").text, "main")

    assert "We are checking your eligibility now." in main
    assert main.index("We will tell the schools") < main.index(
        f"We aim to decide by {_written(due)}."
    )
