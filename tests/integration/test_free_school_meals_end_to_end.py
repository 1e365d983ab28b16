"""Whole journeys on the real stack: PostgreSQL, a Celery worker on Redis, the DfE fake and
the Notify sandbox over HTTP. The browser side is driven like a browser without JavaScript.
"""

import re

import httpx
import pytest
from sqlalchemy import select

from casework import db
from casework.models import Case, EligibilityCheck, OutboxMessage
from tests.backoffice.deciding import decide
from tests.conftest import csrf_token, wait_for
from tests.portal.journey import apply

pytestmark = pytest.mark.integration


def case_status(reference: str) -> str:
    with db.transaction() as session:
        return session.scalars(select(Case.status).where(Case.reference == reference)).one()


def test_eligible_parent_is_awarded_automatically_and_told(
    citizen, celery_worker, sandbox_messages
):
    reference = apply(citizen, email="parent@example.com", mobile="07700900111")

    wait_for(lambda: case_status(reference) == "awarded", message="the check did not award")

    def awarded_messages():
        found = sandbox_messages(to="parent@example.com")
        return [m for m in found if m["subject"] and "awarded" in m["subject"]]

    email = wait_for(awarded_messages, message="no award email reached the sandbox")[0]
    assert reference in email["subject"] and "Bo Smith" in email["body"]
    assert wait_for(lambda: sandbox_messages(to="07700900111"))
    school = wait_for(lambda: sandbox_messages(to="office@northshire-primary.example"))
    assert "Bo Smith" in school[0]["body"]

    page = citizen.get(f"/account/applications/{reference}").text
    assert "Awarded" in page
    with db.transaction() as session:
        check = session.scalars(select(EligibilityCheck)).one()
        assert (check.outcome, check.service_status) == ("eligible", "eligible")
        assert check.rule_version_id is not None
        sent = session.scalars(select(OutboxMessage).where(OutboxMessage.status == "sent")).all()
        # The row id is Notify's reference, and Notify's id is recorded.
        assert all(row.notify_id for row in sent)
    assert {m["reference"] for m in sandbox_messages()} <= {row.id for row in sent}


def test_not_eligible_goes_to_an_officer_who_asks_for_evidence_then_awards(
    citizen, officer, celery_worker, sandbox_messages
):
    reference = apply(
        citizen,
        parent={
            "name": {"first_name": "Jo", "last_name": "Jones"},
            "identifier": {"identifier_type": "nino", "national_insurance_number": "AB123456D"},
        },
    )
    wait_for(lambda: case_status(reference) == "needs_review")
    wait_for(lambda: any("looking at" in (m["subject"] or "") for m in sandbox_messages()))

    queue = officer.get("/backoffice/").text
    assert reference in queue
    case_page = officer.get(f"/backoffice/cases/{reference}").text
    assert "Not eligible" in case_page

    response = decide(
        officer, reference, "Request evidence", "A copy of your Universal Credit award letter"
    )
    assert response.status_code == 303
    assert case_status(reference) == "awaiting_evidence"
    request = wait_for(
        lambda: [m for m in sandbox_messages() if "need evidence" in (m["subject"] or "")]
    )[0]
    assert "Universal Credit award letter" in request["body"]

    # The parent uploads a PDF from their case page.
    page = citizen.get(f"/account/applications/{reference}").text
    upload = citizen.post(
        f"/account/applications/{reference}/evidence",
        data={"csrf_token": csrf_token(page)},
        files={"evidence": ("award letter.pdf", b"%PDF-1.4 award letter", "application/pdf")},
    )
    assert upload.status_code == 200
    assert case_status(reference) == "needs_review"

    case_page = officer.get(f"/backoffice/cases/{reference}").text
    assert "award_letter.pdf" in case_page or "award letter.pdf" in case_page
    decide(officer, reference, "Award free school meals", "Saw the award letter")
    assert case_status(reference) == "awarded"
    wait_for(lambda: [m for m in sandbox_messages() if "awarded" in (m["subject"] or "")])
    timeline = officer.get(f"/backoffice/cases/{reference}").text
    for action in ("request_evidence", "evidence_received", "award"):
        assert re.search(action.replace("_", "[ _]"), timeline, re.IGNORECASE), action


def test_checker_outage_is_retried_and_never_read_as_not_eligible(
    citizen, celery_worker, eligibility_service
):
    httpx.post(f"{eligibility_service}/_fake/outage", json={"enabled": True})
    try:
        reference = apply(citizen)
        wait_for(lambda: case_status(reference) == "check_unavailable")
    finally:
        httpx.post(f"{eligibility_service}/_fake/outage", json={"enabled": False})
    with db.transaction() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        assert case.next_check_at is not None
        check = session.scalars(select(EligibilityCheck)).one()
        assert check.outcome == "unavailable"

    # The periodic sweep retries the check once it is due.
    from portal.worker import celery_app

    with db.transaction() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        case.next_check_at = case.submitted_at
    celery_app.send_task("free_school_meals.recheck_due")
    wait_for(lambda: case_status(reference) == "awarded")
