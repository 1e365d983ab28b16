"""A permit from application to revocation: the parent's link and answer, the clock that
stands still while the council waits, the officer who prepares and the authorised officer
who decides, the permit issued as a PDF, and who is told what at each step."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casework import db, issued, parties
from casework.clocks import long_date, today
from casework.models import CaseClock, CaseEvent
from casework.services.child_employment import messages as m
from casework.services.child_employment import permit
from casework.workflow import IllegalTransition
from tests.services.child_employment.support import (
    CONSENTS,
    SERVICE,
    granted,
    load,
    move,
    officer,
    parent_token,
    sample,
    sent,
    submit,
    with_an_officer,
)
from tests.services.helpers import text_of


def _answer_link(reference: str, answers: dict[str, str]) -> None:
    with db.transaction() as session:
        found = parties.find(session, parent_token(reference), lock=True)
        assert found is not None
        parties.answer(session, found, SERVICE.validate_step(session, found.party.step, answers))


def _clock(reference: str) -> CaseClock:
    with db.transaction() as session:
        row = session.scalars(
            select(CaseClock).where(CaseClock.case_id == load(reference).id)
        ).one()
        session.expunge(row)
        return row


# --- The application and the parent -----------------------------------------------------


def test_an_application_tells_the_employer_and_sends_the_parent_a_link(clean_db):
    reference = submit()

    case = load(reference)
    assert case.status == "awaiting_parent"
    received = sent(reference, m.RECEIVED.name)
    assert {(r.channel, r.recipient) for r in received} == {
        ("email", "priya.patel@example.com"),
        ("sms", "07700900123"),
    }
    links = sent(reference, m.PARENT_LINK.name)
    assert {(r.channel, r.recipient) for r in links} == {
        ("email", "alex.taylor@example.com"),
        ("sms", "07700900456"),
    }
    assert links[0].personalisation["party_name"] == "Alex Taylor"
    # The council's week has not started: it waits for the parent.
    assert _clock(reference).paused_since is not None
    assert case.due_on is None


def test_the_parents_page_shows_the_child_the_job_and_the_hours(anonymous, clean_db):
    reference = submit()

    page = anonymous.get(f"/respond/{parent_token(reference)}")

    assert page.status_code == 200
    text = text_of(page.text)
    for words in (
        "Sam Taylor",
        "Northtown News",
        "Delivering newspapers, magazines and leaflets",
        "Monday 4pm to 5:30pm",
        "Saturday 9am to midday and 1pm to 2pm",
        "Is your child fit to do this work?",
        "Do you consent to your child doing this job at these times?",
    ):
        assert words in text, words


def test_the_parents_consent_sends_the_case_to_an_officer_and_starts_the_clock(anonymous, clean_db):
    from tests.conftest import csrf_token

    reference = submit()
    url = f"/respond/{parent_token(reference)}"
    page = anonymous.get(url)

    response = anonymous.post(
        url, data={**CONSENTS, "csrf_token": csrf_token(page.text)}, follow_redirects=False
    )

    assert response.status_code == 303
    case = load(reference)
    assert case.status == "with_officer"
    clock = _clock(reference)
    assert clock.paused_since is None
    assert case.due_on == clock.due_on
    assert clock.due_on >= today() + timedelta(days=7) - timedelta(days=1)


def test_wrong_details_with_consent_still_reach_the_officer_with_the_corrections(clean_db):
    reference = submit()

    _answer_link(
        reference,
        {
            "details_correct": "no",
            "corrections": "Sam's surname is Taylor-Brown",
            "fit_to_work": "yes",
            "consent": "yes",
        },
    )

    assert load(reference).status == "with_officer"


def test_a_parent_who_does_not_consent_closes_the_case_and_the_employer_is_told(clean_db):
    reference = submit()

    _answer_link(reference, {"details_correct": "yes", "fit_to_work": "yes", "consent": "no"})

    assert load(reference).status == "parent_declined"
    declined = sent(reference, m.PARENT_DECLINED.name)
    assert {r.channel for r in declined} == {"email", "sms"}
    assert all(r.recipient in ("priya.patel@example.com", "07700900123") for r in declined)


def test_a_child_the_parent_says_is_not_fit_gets_no_permit(clean_db):
    reference = submit()

    _answer_link(reference, {"details_correct": "yes", "fit_to_work": "no", "consent": "yes"})

    assert load(reference).status == "parent_declined"


# --- The late application -----------------------------------------------------------------


def test_a_late_application_is_flagged_to_officers_not_refused(clean_db):
    started = date.today() - timedelta(days=8)
    reference = submit(sample(start_date=started.isoformat()))

    with_officer = _consented(reference)

    assert with_officer.status == "with_officer"
    assert with_officer.attention is not None
    assert with_officer.attention.startswith("Late application: received on")
    assert f"the job started on {long_date(started)}" in with_officer.attention
    # The decision is still the officers' to make.
    assert "grant" in {t.name for t in SERVICE.workflow.transitions}


def test_an_application_on_the_7th_day_is_in_time(clean_db):
    reference = submit(sample(start_date=(date.today() - timedelta(days=7)).isoformat()))

    assert _consented(reference).attention is None


def test_a_paper_form_is_late_by_the_day_it_reached_the_council(clean_db):
    started = date.today() - timedelta(days=5)
    # Received 5 days after the job started: in time. Received 10 days after: late, by the
    # day it reached the council, not the day an officer keyed it in.
    in_time = submit(sample(start_date=started.isoformat()), received_on=date.today())
    late = submit(
        sample(start_date=(date.today() - timedelta(days=20)).isoformat()),
        received_on=date.today() - timedelta(days=10),
    )

    assert _consented(in_time).attention is None
    assert "received on" in (_consented(late).attention or "")
    assert f"received on {long_date(date.today() - timedelta(days=10))}" in (
        load(late).attention or ""
    )


def _consented(reference: str):
    _answer_link(reference, CONSENTS)
    return load(reference)


# --- Preparing and deciding ---------------------------------------------------------------


def test_only_another_authorised_officer_grants_the_permit(clean_db):
    reference = with_an_officer()
    move(reference, "recommend_grant", officer(1, authorised=True))

    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        move(reference, "grant", officer(2))
    with pytest.raises(IllegalTransition, match="You prepared this case"):
        move(reference, "grant", officer(1, authorised=True))
    move(reference, "grant", officer(3, authorised=True))

    with db.transaction() as session:
        event = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == load(reference).id, CaseEvent.action == "grant"
            )
        ).one()
        assert event.data["prepared_by"] == "Officer 1"
        assert event.data["authorised_by"] == "Officer 3"
    assert load(reference).status == "granted"


def test_no_permit_for_hours_the_rules_in_force_no_longer_allow(clean_db):
    from casework.models import RuleVersion
    from casework.services.child_employment import rules

    reference = with_an_officer()
    # The council's byelaws change after the employer applied: Saturdays of 2 hours at most.
    value = {**rules.DEFAULTS[0].value}
    value["age_bands"] = [{**band, "saturday_hours": 2} for band in value["age_bands"]]
    with db.transaction() as session:
        session.add(
            RuleVersion(
                rule_key=rules.HOURS,
                effective_from=date.today() - timedelta(days=1),
                value=value,
                source="New byelaws",
            )
        )

    with pytest.raises(IllegalTransition, match="break the law for the child's age"):
        move(reference, "recommend_grant", officer(1))
    move(reference, "request_changes", officer(1), reason="Saturdays are now 2 hours at most")


def test_a_grant_issues_the_permit_and_tells_the_employer_the_parent_and_the_school(clean_db):
    reference = granted()

    employer = sent(reference, m.GRANTED.name)
    assert {r.recipient for r in employer} == {"priya.patel@example.com", "07700900123"}
    assert f"/account/applications/{reference}" in employer[0].personalisation["case_url"]
    parent = sent(reference, m.PARENT_GRANTED.name)
    assert {r.recipient for r in parent} == {"alex.taylor@example.com", "07700900456"}
    school = sent(reference, m.SCHOOL_GRANTED.name)
    assert len(school) == 1 and school[0].channel == "email"
    assert "Monday 4pm to 5:30pm" in school[0].personalisation["permitted_hours"]
    assert "In the school holidays:" in school[0].personalisation["permitted_hours"]
    # Stopped in time: the council's week.
    assert _clock(reference).in_time is True


def test_the_permit_pdf_names_the_child_the_employer_and_the_permitted_hours(clean_db):
    reference = granted()

    with db.transaction() as session:
        case = load(reference)
        documents = issued.issued_documents(session, case.id, permit.KIND)
        assert len(documents) == 1
        assert documents[0].uploaded_by == "Officer 2"
        content = documents[0].content
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    )

    born = date.fromisoformat(load(reference).answers["child_date_of_birth"])
    for words in (
        "Child employment permit",
        reference,
        "Sam Taylor",
        long_date(born),
        "Northtown News",
        "Delivering newspapers, magazines and leaflets",
        "12 Market Street, Northtown, NT1 2AB",
        "Gary Hughes (Shop manager)",
        "Permitted hours in term time",
        "Monday 4pm to 5:30pm 1 hour 30 minutes",
        "Saturday 9am to midday 3 hours",
        "Permitted hours in the school holidays",
        "Saturday 9am to midday and 1pm to 2pm 4 hours",
        "Each week 6 hours",
        f"Issued on {long_date(today())}",
        "The child must not work before 7am or after 7pm",
        "at least 2 weeks in a row without work",
    ):
        assert words in text, words


def test_a_refusal_needs_an_authorised_officer_and_tells_the_employer_and_parent_why(clean_db):
    reference = with_an_officer()
    move(reference, "recommend_refusal", officer(1), reason="The job is in a kitchen")

    move(reference, "refuse", officer(2, authorised=True), reason="The work is in a kitchen.")

    assert load(reference).status == "refused"
    refused = [r for r in sent(reference, m.REFUSED.name) if r.channel == "email"]
    assert refused[0].personalisation["reason"] == "The work is in a kitchen."
    parent = [r for r in sent(reference, m.PARENT_REFUSED.name) if r.channel == "email"]
    assert parent[0].personalisation["reason"] == "The work is in a kitchen."


def test_changes_asked_for_stop_the_clock_until_the_employer_sends_them(clean_db):
    reference = with_an_officer()

    move(reference, "request_changes", officer(1), reason="Send your risk assessment")

    assert load(reference).status == "changes_requested"
    assert _clock(reference).paused_since is not None
    asked = [r for r in sent(reference, m.CHANGES_REQUESTED.name) if r.channel == "email"]
    assert asked[0].personalisation["reason"] == "Send your risk assessment"


def test_the_employer_sends_changes_from_their_account(citizen_factory, clean_db):
    from tests.conftest import csrf_token

    reference = with_an_officer()
    move(reference, "request_changes", officer(1), reason="Send your risk assessment")
    # Signing in with the address on the application makes the case theirs.
    employer = citizen_factory("priya.patel@example.com")

    page = employer.get(f"/account/applications/{reference}")
    assert page.status_code == 200
    response = employer.post(
        f"/account/applications/{reference}/evidence",
        data={"csrf_token": csrf_token(page.text)},
        files={"evidence": ("risk.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        follow_redirects=False,
    )

    assert response.status_code == 303, text_of(response.text)[:500]
    assert load(reference).status == "with_officer"
    assert _clock(reference).paused_since is None


def test_the_employer_downloads_the_permit_from_their_account(citizen_factory, clean_db):
    reference = granted()
    employer = citizen_factory("priya.patel@example.com")

    page = employer.get(f"/account/applications/{reference}")
    link = re.search(rf"/account/applications/{reference}/documents/\d+", page.text)
    assert link, text_of(page.text)[:800]
    download = employer.get(link[0])

    assert download.status_code == 200
    assert download.content.startswith(b"%PDF")


def test_an_authorised_officer_revokes_a_permit_and_everyone_is_told(clean_db):
    reference = granted()

    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        move(reference, "revoke", officer(4), reason="Working after 7pm")
    move(reference, "revoke", officer(4, authorised=True), reason="Working after 7pm")

    assert load(reference).status == "revoked"
    employer = [r for r in sent(reference, m.REVOKED.name) if r.channel == "email"]
    assert employer[0].personalisation["reason"] == "Working after 7pm"
    assert sent(reference, m.PARENT_REVOKED.name)
    assert len(sent(reference, m.SCHOOL_REVOKED.name)) == 1


def test_the_officers_case_page_shows_the_hours_the_timing_and_the_parents_answers(
    service_officer, clean_db
):
    reference = with_an_officer()

    page = text_of(service_officer(SERVICE).get(f"/backoffice/cases/{reference}").text)

    for words in (
        "Working hours against the law",
        "These hours and this job are within the law for the child's age.",
        "Saturday 9am to midday and 1pm to 2pm",
        "When the employer applied",
        "In time: received on",
        "Fit to do the work Yes",
        "Recommend granting the permit",
    ):
        assert words in page, words
