"""Inspecting: officers book visits and record what each found against the licence; a visit
with concerns tells the issuing council at once; finishing needs a visit at every venue
(each period of the event); the council's own grants open inspections; and productions
about to end with no visit are flagged to officers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from casework import applications, cases, db
from casework.catalogue import get_service
from casework.clocks import long_date, today
from casework.models import Case, OutboxMessage
from casework.references import new_reference
from casework.services.performance_inspections import opening, samples, tasks
from casework.services.performance_inspections import workflow as w
from casework.settings import get_settings
from casework.workflow import SYSTEM, IllegalTransition, apply_transition
from tests.services.helpers import actor, load_case, text_of

SERVICE = get_service("performance-inspections")
OFFICER = actor(SERVICE, "officer")


def _venue(name: str, first_in: int, days: int) -> dict:
    first = today() + timedelta(days=first_in)
    return {
        "venue_name": name,
        "venue_address": "1 High Street, Northtown",
        "venue_postcode": "NT1 2AB",
        "first_day": first.isoformat(),
        "last_day": (first + timedelta(days=days)).isoformat(),
        "times": "",
    }


def _notified(*venues: dict) -> str:
    with db.transaction() as session:
        answers = samples.application(session)
        if venues:
            answers["venues"] = list(venues)
        application = SERVICE.validate(session, answers)
        case, _ = applications.submit(session, SERVICE, application, channel="api", actor=SYSTEM)
        return case.reference


def _move(reference: str, name: str, reason: str | None = None) -> None:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        apply_transition(session, SERVICE, case.id, name, OFFICER, reason=reason)


def _sent(reference: str) -> list[OutboxMessage]:
    with db.transaction() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.case_id == load_case(reference).id)
        ).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def _days_pass(reference: str, days: int) -> None:
    """Move the venues' dates back, as if the days had gone by."""
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        moved = []
        for venue in case.answers["venues"]:
            moved.append(
                {
                    **venue,
                    **{
                        key: (today().fromisoformat(venue[key]) - timedelta(days=days)).isoformat()
                        for key in ("first_day", "last_day")
                    },
                }
            )
        case.answers = {**case.answers, "venues": moved}


def test_a_visit_is_booked_then_recorded_and_the_inspection_finished(clean_db):
    reference = _notified()

    _move(reference, w.BOOK_VISIT, "Saturday matinee, 2pm, Northtown Theatre, Jo Bloggs")
    _move(reference, w.VISIT_SATISFACTORY, "Chaperone present; hours kept; tutor on site.")
    _move(reference, w.FINISH)

    assert load_case(reference).status == w.FINISHED
    names = [row.message_name for row in _sent(reference)]
    assert names.count("inspection_finished") == 2  # email and text


def test_a_visit_can_be_recorded_without_booking_it_first(clean_db):
    reference = _notified()

    _move(reference, w.VISIT_ADVICE, "Unannounced. Chaperone had 14 children; advised 12.")

    assert load_case(reference).status == w.VISITED


def test_finishing_needs_a_visit_at_every_venue(clean_db):
    reference = _notified(_venue("Northtown Theatre", 5, 3), _venue("Arts Hall", 12, 2))
    _move(reference, w.VISIT_SATISFACTORY, "Northtown Theatre: all in order.")

    with pytest.raises(IllegalTransition, match="there are 2 venues and 1 visit recorded"):
        _move(reference, w.FINISH)
    _move(reference, w.VISIT_SATISFACTORY, "Arts Hall: all in order.")
    _move(reference, w.FINISH)

    assert load_case(reference).status == w.FINISHED


def test_a_visit_cannot_be_booked_once_the_last_day_has_passed(clean_db):
    reference = _notified(_venue("Northtown Theatre", 2, 3))
    _days_pass(reference, 10)

    with pytest.raises(IllegalTransition, match="nothing left to inspect"):
        _move(reference, w.BOOK_VISIT, "Next Saturday")
    _move(reference, w.CLOSE_NOT_INSPECTED, "The run ended before our visit.")

    assert load_case(reference).status == w.NOT_INSPECTED


def test_concerns_are_sent_to_the_issuing_council_with_the_findings(clean_db):
    reference = _notified()

    _move(reference, w.VISIT_CONCERNS, "No chaperone present at 9pm; referred to Southshire.")

    concerns = [row for row in _sent(reference) if row.message_name == "inspection_concerns"]
    assert {row.channel for row in concerns} == {"email", "sms"}
    email = next(row for row in concerns if row.channel == "email")
    assert email.recipient == "morgan.price@southshire.example"
    assert email.personalisation["reason"] == (
        "No chaperone present at 9pm; referred to Southshire."
    )


def test_the_case_page_shows_the_day_to_inspect_by_and_the_visits(service_officer):
    officer = service_officer(SERVICE)
    reference = _notified(_venue("Northtown Theatre", 5, 3))
    _move(reference, w.BOOK_VISIT, "Friday 7pm, Jo Bloggs")

    page = text_of(officer.get(f"/backoffice/cases/{reference}").text)

    assert (
        f"{long_date(today() + timedelta(days=8))}, the last day at any venue (in 8 days)" in page
    )
    assert "0 of at least 1 (one for each venue)" in page
    assert "Visit booked Contract test (officer) Friday 7pm, Jo Bloggs" in page


# --- The council's own licences ---------------------------------------------------------


def _licence(*venues: tuple[str, str, int, int]) -> Case:
    """A granted licence case in the licences service's answer shape: each venue (name,
    council code, first day from today, days) and the licence's days at each."""
    answers = {
        "production_name": "Matilda the Musical",
        "production_type": "theatre",
        "company_name": "Northtown Theatre Productions Ltd",
        "child_first_name": "Ruby",
        "child_last_name": "Patel",
        "venues": [
            {
                "venue_name": name,
                "venue_address_line_1": "2 Market Square",
                "venue_town": "Northtown",
                "venue_postcode": "NT1 2AB",
                "venue_council": council,
            }
            for name, council, _, _ in venues
        ],
        "days": [
            {"date": (today() + timedelta(days=first + n)).isoformat(), "venue": name}
            for name, _, first, days in venues
            for n in range(days)
        ],
    }
    with db.transaction() as session:
        case = Case(
            reference=new_reference(get_service("performance-licences").reference_prefix),
            service="performance-licences",
            status="granted",
            channel="web",
            answers=answers,
        )
        session.add(case)
        session.flush()
        session.expunge(case)
        return case


def _open(licence: Case) -> str | None:
    with db.transaction() as session:
        found = session.get(Case, licence.id)
        inspection = opening.open_inspection(session, found)
        return inspection.reference if inspection else None


def test_a_licence_we_granted_for_a_venue_in_our_area_opens_an_inspection(clean_db):
    assert get_settings().council_name == "Northshire County Council"
    licence = _licence(
        ("Northtown Theatre", "northshire", 14, 3), ("Playhouse", "southshire", 30, 2)
    )

    reference = _open(licence)

    assert reference is not None
    inspection = load_case(reference)
    assert inspection.channel == "council"
    assert inspection.answers["licence_number"] == licence.reference
    assert inspection.answers["licence_holder"] == "Northtown Theatre Productions Ltd"
    # Only the venue in our area, from its first to its last day.
    assert inspection.answers["venues"] == [
        {
            "venue_name": "Northtown Theatre",
            "venue_address": "2 Market Square, Northtown",
            "venue_postcode": "NT1 2AB",
            "first_day": (today() + timedelta(days=14)).isoformat(),
            "last_day": (today() + timedelta(days=16)).isoformat(),
            "times": "",
        }
    ]
    # Nobody outside to tell: our own team opened it.
    assert _sent(reference) == []
    with db.transaction() as session:
        actions = [e.action for e in cases.events(session, licence.id)]
    assert "inspection_opened" in actions


def test_a_licence_only_for_venues_elsewhere_opens_no_inspection(clean_db):
    licence = _licence(("Playhouse", "southshire", 30, 2))

    assert _open(licence) is None


def test_another_childs_licence_for_the_same_run_joins_the_open_inspection(clean_db):
    first = _licence(("Northtown Theatre", "northshire", 14, 3))
    second = _licence(("Northtown Theatre", "northshire", 15, 1))

    assert _open(first) == _open(second)
    with db.transaction() as session:
        made = session.scalars(select(Case).where(Case.service == SERVICE.slug)).all()
    assert len(made) == 1


def test_concerns_on_our_own_licence_are_put_in_front_of_its_officers(clean_db):
    licence = _licence(("Northtown Theatre", "northshire", 14, 3))
    reference = _open(licence)
    assert reference is not None

    _move(reference, w.VISIT_CONCERNS, "The child performed after 11pm.")

    flagged = load_case(licence.reference)
    assert flagged.attention == f"An inspection found concerns: see inspection {reference}"


# --- Flagging productions about to end with no visit ------------------------------------


def test_a_production_about_to_end_with_no_visit_is_flagged_once(clean_db):
    soon = _notified(_venue("Northtown Theatre", 0, 2))
    later = _notified(_venue("Arts Hall", 20, 2))
    visited = _notified(_venue("Playhouse", 0, 1))
    _move(visited, w.VISIT_SATISFACTORY, "All in order.")

    with db.transaction() as session:
        first = tasks.flag_uninspected(session, today())
    with db.transaction() as session:
        again = tasks.flag_uninspected(session, today())

    assert first == [soon]
    assert again == []
    last = long_date(today() + timedelta(days=2))
    assert load_case(soon).attention == f"No visit recorded and the last day is {last}"
    assert load_case(later).attention is None


def test_a_production_that_ended_with_no_visit_says_so(clean_db):
    ended = _notified(_venue("Northtown Theatre", 1, 1))
    _days_pass(ended, 5)

    with db.transaction() as session:
        tasks.flag_uninspected(session, today())

    last = long_date(today() - timedelta(days=3))
    assert load_case(ended).attention == (
        f"The children were not inspected: the last day was {last}"
    )
