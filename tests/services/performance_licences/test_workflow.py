"""A licence from submission to decision: the parent's link and page, the documents from the
producer's account, the two-officer decision, the licence PDF read back, and whom the
grant tells (the school of the absences, the council for each venue a copy)."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casework import db, issued, parties
from casework.clocks import long_date, today
from casework.models import CaseEvent, Person, RuleVersion
from casework.services.performance_licences import demo, rules
from casework.workflow import IllegalTransition
from tests.conftest import csrf_token, error_messages
from tests.services.helpers import text_of
from tests.services.performance_licences.support import (
    SERVICE,
    load,
    messages,
    move,
    officer_actor,
    parent_token,
    sample,
    signed_in_officer,
    submit,
)

PRODUCER = "alex.morgan@example.com"


def _parent_consents(anonymous, reference: str, consent: str = "yes") -> None:
    path = f"/respond/{parent_token(reference)}"
    page = anonymous.get(path)
    data = {"parent_consent": consent, "csrf_token": csrf_token(page.text)}
    if consent == "yes":
        data |= {"child_health": "fit", "details_confirmed": "yes"}
    response = anonymous.post(path, data=data, follow_redirects=False)
    assert response.status_code == 303, error_messages(response.text)


def _ready_for_decision(reference: str) -> None:
    move(reference, "parent_confirmed")
    move(reference, "documents_received_otherwise", officer_actor(1))
    move(reference, "recommend_grant", officer_actor(1))


def _pdf_text(reference: str) -> str:
    with db.transaction() as session:
        case_id = load(reference).id
        (document,) = issued.issued_documents(session, case_id, "licence")
        content = document.content
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


# --- Submission and the parent's part ------------------------------------------------------


def test_submission_tells_the_producer_and_sends_the_parent_a_link(clean_db):
    reference = submit()

    received = messages(reference, "performance_licence_received")
    link = messages(reference, "performance_licence_parent_link")
    assert {(m.channel, m.recipient) for m in received} == {
        ("email", PRODUCER),
        ("sms", "07700900123"),
    }
    assert {(m.channel, m.recipient) for m in link} == {
        ("email", "priya.patel@example.com"),
        ("sms", "07700900456"),
    }
    assert load(reference).status == "submitted"


def test_the_parent_sees_the_child_and_every_day_and_consents(anonymous):
    answers = sample()
    reference = submit(answers)
    page = text_of(anonymous.get(f"/respond/{parent_token(reference)}").text)

    first = today() + timedelta(days=42)
    for words in (
        "Ruby Patel",
        "14 Elm Road",
        "Matilda the Musical, by Northtown Theatre Productions Ltd",
        f"{first:%a} {long_date(first)}",
        "Rehearsal at Southshire Playhouse. At the venue 9am to 5pm, performing 10am to "
        "11:30am, 2pm to 3:30pm. 3 hours.",
        "Priya Patel, the child's parent",
    ):
        assert words in page, words

    _parent_consents(anonymous, reference)

    assert load(reference).status == "awaiting_documents"
    (email,) = [
        m
        for m in messages(reference, "performance_licence_documents_needed")
        if m.channel == "email"
    ]
    assert email.personalisation["documents"] == [
        "2 photos of the child taken in the last 6 months",
        "the child's birth certificate",
        "the contract, or a draft of it",
        "a letter from the head teacher about the days the child will miss school",
    ]


def test_a_parent_who_does_not_consent_stops_the_case_for_an_officer(anonymous):
    reference = submit()

    _parent_consents(anonymous, reference, consent="no")

    assert load(reference).status == "parent_declined"
    assert messages(reference, "performance_licence_parent_declined")


def test_the_parent_must_answer_the_health_declaration_to_consent(anonymous):
    reference = submit()
    path = f"/respond/{parent_token(reference)}"
    page = anonymous.get(path)

    response = anonymous.post(
        path, data={"parent_consent": "yes", "csrf_token": csrf_token(page.text)}
    )

    assert response.status_code == 400
    assert "Select whether the child is fit and well enough to take part" in error_messages(
        response.text
    )
    assert load(reference).status == "submitted"


# --- Documents from the producer's account ----------------------------------------------------


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_the_producer_uploads_the_documents_and_the_case_goes_to_an_officer(
    citizen_factory, anonymous
):
    producer = citizen_factory(PRODUCER)
    with db.transaction() as session:
        person_id = session.scalars(select(Person.id).where(Person.email == PRODUCER)).one()
    reference = submit(applicant_id=person_id)
    _parent_consents(anonymous, reference)
    page = producer.get(f"/account/applications/{reference}")
    assert "2 photos of the child taken in the last 6 months" in text_of(page.text)

    response = producer.post(
        f"/account/applications/{reference}/evidence",
        data={"csrf_token": csrf_token(page.text)},
        files=[
            ("evidence", ("birth-certificate.pdf", PDF, "application/pdf")),
            ("evidence", ("contract.pdf", PDF, "application/pdf")),
        ],
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert load(reference).status == "with_officer"


# --- The two-officer decision -----------------------------------------------------------------


def test_the_officer_who_prepared_the_case_cannot_also_grant_it(clean_db):
    reference = submit()
    _ready_for_decision(reference)

    with pytest.raises(IllegalTransition, match="You prepared this case"):
        move(reference, "grant", officer_actor(1, authorised=True))
    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        move(reference, "grant", officer_actor(2))
    move(reference, "grant", officer_actor(3, authorised=True))

    with db.transaction() as session:
        event = session.scalars(select(CaseEvent).where(CaseEvent.action == "grant")).one()
        assert event.data == {"prepared_by": "Officer 1", "authorised_by": "Officer 3"}
    assert load(reference).status == "granted"


def test_the_licence_pdf_sets_out_the_conditions(clean_db):
    reference = submit()
    _ready_for_decision(reference)

    move(reference, "grant", officer_actor(2, authorised=True))

    text = _pdf_text(reference)
    first = today() + timedelta(days=42)
    for words in (
        "Child performance licence",
        f"Licence number {reference}",
        "Ruby Patel",
        "Alex Morgan",
        "Matilda the Musical",
        f"{long_date(first)} to {long_date(first + timedelta(days=1))}",
        "9am to 5pm",
        "10am to 11:30am, 2pm to 3:30pm",
        "7pm to 8:30pm",
        "Southshire Playhouse",
        "Southshire Council",
        "Priya Patel, the child's parent",
        "Taught by Sam Lee",
        "at least 3 hours",
    ):
        assert words in text, words


def test_granting_tells_the_producer_the_parent_the_school_and_the_venues_council(clean_db):
    reference = submit()
    _ready_for_decision(reference)

    move(reference, "grant", officer_actor(2, authorised=True))

    assert {m.channel for m in messages(reference, "performance_licence_granted")} == {
        "email",
        "sms",
    }
    assert messages(reference, "performance_licence_parent_granted")
    (school,) = messages(reference, "performance_licence_school_absence")
    first = today() + timedelta(days=42)
    assert school.personalisation["absence_dates"] == [f"{first:%A} {long_date(first)}"]
    assert school.recipient.endswith(".example") or "@" in school.recipient
    (council,) = messages(reference, "performance_licence_venue_council")
    assert council.recipient == "childperformance@southshire.example"
    assert council.personalisation["venue_council_name"] == "Southshire Council"
    assert f"Licence number: {reference}" in council.personalisation["licence_details"]


def test_a_venue_in_a_council_not_on_the_list_goes_to_our_own_team(clean_db):
    answers = sample()
    answers["venues"][0] |= {"venue_council": "other", "venue_council_other": "Far Away Council"}
    reference = submit(answers)
    _ready_for_decision(reference)

    move(reference, "grant", officer_actor(2, authorised=True))

    (council,) = messages(reference, "performance_licence_venue_council")
    assert council.recipient == "child.employment@northshire.example"
    assert council.personalisation["venue_council_name"] == "Far Away Council"


def test_a_refusal_gives_the_producer_the_authorised_officers_reasons(clean_db):
    reference = submit()
    move(reference, "parent_confirmed")
    move(reference, "documents_received_otherwise", officer_actor(1))
    move(reference, "recommend_refusal", officer_actor(1), reason="No tutor is arranged.")

    move(
        reference,
        "refuse",
        officer_actor(2, authorised=True),
        reason="The child would miss school and no tutor is arranged.",
    )

    assert load(reference).status == "refused"
    (email,) = [
        m for m in messages(reference, "performance_licence_refused") if m.channel == "email"
    ]
    assert email.personalisation["reason"] == (
        "The child would miss school and no tutor is arranged."
    )


def test_a_schedule_that_breaks_limits_brought_in_since_cannot_be_recommended(clean_db):
    reference = submit()
    move(reference, "parent_confirmed")
    move(reference, "documents_received_otherwise", officer_actor(1))
    # The council adds stricter limits from today: the decision reads the rules in force.
    with db.transaction() as session:
        current = rules.value_in_force(session, rules.HOURS_BY_AGE, today())
        stricter = {"bands": [{**band, "max_at_venue_minutes": 240} for band in current["bands"]]}
        session.add(
            RuleVersion(
                rule_key=rules.HOURS_BY_AGE,
                effective_from=today(),
                value=stricter,
                source="Test: a stricter local version",
            )
        )

    with pytest.raises(
        IllegalTransition,
        match=r"breaks the rules: A \d+-year-old can be at the venue for at most 4 hours",
    ):
        move(reference, "recommend_grant", officer_actor(1))


# --- The officer's case page --------------------------------------------------------------------


def test_the_case_page_shows_the_first_performance_and_flags_short_notice(officer_factory):
    first = today() + timedelta(days=10)
    reference = submit(sample(first_day=first))
    officer = signed_in_officer(officer_factory, "licensing@northshire.example", [SERVICE.slug])

    page = text_of(officer.get(f"/backoffice/cases/{reference}").text)

    assert f"First performance: {long_date(first + timedelta(days=1))}" in page
    assert "Rehearsals start on" in page
    assert "Short notice: received 11 days before the first performance" in page
    assert "Within the limits" in page
    assert "Southshire Playhouse: Southshire Council (childperformance@southshire.example)" in page


def test_an_officer_without_the_authorising_role_is_not_offered_the_decision(officer_factory):
    reference = submit()
    _ready_for_decision(reference)
    officer = signed_in_officer(officer_factory, "licensing@northshire.example", [SERVICE.slug])
    authorised = signed_in_officer(
        officer_factory,
        "authoriser@northshire.example",
        [SERVICE.slug, f"{SERVICE.slug}:authorise"],
    )

    assert "Grant the licence" not in text_of(officer.get(f"/backoffice/cases/{reference}").text)
    assert "Grant the licence" in text_of(authorised.get(f"/backoffice/cases/{reference}").text)


# --- Demo data -----------------------------------------------------------------------------------


def test_the_demo_has_a_producer_with_a_licence_in_progress(clean_db):
    with db.transaction() as session:
        demo.seed(session)
        demo.seed(session)  # seeding again adds nothing

    with db.transaction() as session:
        person = session.scalars(select(Person).where(Person.email == demo.PRODUCER)).one()
        from casework import cases

        (case,) = cases.for_person(session, person.id)
        assert case.service == SERVICE.slug
        assert case.status == "awaiting_documents"
    assert parties  # the parent's part is answered through casework.parties


def test_granting_a_licence_for_a_venue_in_our_area_opens_its_inspection(clean_db):
    from casework.models import Case

    answers = sample()
    answers["venues"][0] |= {"venue_council": "northshire"}
    reference = submit(answers)
    _ready_for_decision(reference)

    move(reference, "grant", officer_actor(2, authorised=True))

    with db.transaction() as session:
        inspections = session.scalars(
            select(Case).where(Case.service == "performance-inspections")
        ).all()
        assert len(inspections) == 1
        assert inspections[0].channel == "council"
        assert inspections[0].answers["venues"][0]["venue_name"] == "Southshire Playhouse"


def test_a_licence_for_venues_elsewhere_opens_no_inspection_here(clean_db):
    from casework.models import Case

    reference = submit()  # the sample's venue is in Southshire
    _ready_for_decision(reference)
    move(reference, "grant", officer_actor(2, authorised=True))
    with db.transaction() as session:
        assert not session.scalars(
            select(Case).where(Case.service == "performance-inspections")
        ).all()
