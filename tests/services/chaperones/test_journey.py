"""A chaperone's whole journey through the pages people use, without JavaScript: the
application (with an age error on the way), both referees' pages, the photo from the
applicant's account, two officers' decisions in the back office, and the approval card
downloaded from the account."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from bs4 import BeautifulSoup
from pypdf import PdfReader
from sqlalchemy import select
from starlette.testclient import TestClient

from casework import db
from casework.models import Officer
from casework.services.chaperones import samples
from casework.services.chaperones.declaration import CHAPERONES
from casework.services.chaperones.rules import add_years
from casework.services.chaperones.sample_photo import silhouette
from casework.workflow import authoriser_role
from tests.backoffice.deciding import choose, decide
from tests.conftest import csrf_token, error_messages
from tests.services.chaperones.cases import links, load
from tests.services.helpers import (
    answer_every_step,
    apply_url,
    post_form,
    submit_check_answers,
    text_of,
)


def officer(officer_factory, email: str) -> TestClient:
    """An officer who works on chaperones and is authorised to decide."""
    client = officer_factory(CHAPERONES.slug, email)
    with db.transaction() as session:
        found = session.scalars(select(Officer).where(Officer.email == email)).one()
        found.roles = [CHAPERONES.slug, authoriser_role(CHAPERONES.slug)]
    return client


def answer_as_referee(anonymous: TestClient, token: str, **changes: str) -> str:
    page = anonymous.get(f"/respond/{token}")
    assert page.status_code == 200
    data = {
        "known_for": "over_5_years",
        "capacity": "I manage them at the library.",
        "concerns": "no",
        "recommend": "yes",
        "confirm": "yes",
        "csrf_token": csrf_token(page.text),
        **changes,
    }
    response = anonymous.post(f"/respond/{token}", data=data, follow_redirects=True)
    assert response.status_code == 200, error_messages(response.text)
    return text_of(page.text)


def test_a_17_year_old_is_told_why_and_keeps_what_they_typed(citizen):
    seventeen = add_years(date.today(), -18) + timedelta(days=1)
    fields = {
        "date_of_birth-day": str(seventeen.day),
        "date_of_birth-month": str(seventeen.month),
        "date_of_birth-year": str(seventeen.year),
    }

    response = post_form(citizen, apply_url(CHAPERONES, "date-of-birth"), fields)

    assert response.status_code == 400
    assert error_messages(response.text) == ["You must be 18 or over to be approved as a chaperone"]
    page = BeautifulSoup(response.text, "html.parser")
    assert page.find("input", {"name": "date_of_birth-year"})["value"] == str(seventeen.year)


def test_a_chaperone_applies_is_approved_by_two_officers_and_downloads_the_card(
    app, citizen, officer_factory
):
    answer_every_step(citizen, CHAPERONES, samples.application())
    reference = submit_check_answers(citizen, CHAPERONES)

    # The referees answer on their own pages: no account, the link is the key.
    tokens = links(reference)
    for token in tokens.values():
        page = answer_as_referee(TestClient(app), token)
        assert "Amara Dupré" in page
    assert load(reference).status == "awaiting_photo"

    # The applicant sends their photo from their account.
    account = citizen.get(f"/account/applications/{reference}").text
    assert "Send a recent photo of your face" in text_of(account)
    sent = citizen.post(
        f"/account/applications/{reference}/evidence",
        data={"csrf_token": csrf_token(account)},
        files={"evidence": ("me.jpg", silhouette(), "image/jpeg")},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert load(reference).status == "checks"

    # One officer prepares the case...
    mei = officer(officer_factory, "mei.lin@northshire.example")
    assert (
        decide(
            mei, reference, "Record the DBS check", "Update service: no information."
        ).status_code
        == 303
    )
    assert (
        decide(
            mei, reference, "Record the interview", "Interviewed 3 December: suitable."
        ).status_code
        == 303
    )
    assert decide(mei, reference, "Recommend approval", "All checks clear.").status_code == 303
    # ...and cannot also approve it.
    refused = choose(mei, reference, "Approve as a chaperone")
    assert refused.status_code == 409
    assert "another authorised officer must approve as a chaperone" in text_of(refused.text)

    owen = officer(officer_factory, "owen.price@northshire.example")
    assert decide(owen, reference, "Approve as a chaperone").status_code == 303
    case_page = text_of(owen.get(f"/backoffice/cases/{reference}").text)
    number = re.search(r"CH-\d{4}-\d{4}", case_page)
    assert number is not None
    assert "The register says Approved" in case_page

    # The applicant downloads the card from their account.
    account = BeautifulSoup(citizen.get(f"/account/applications/{reference}").text, "html.parser")
    link = account.find("a", href=re.compile(rf"/account/applications/{reference}/documents/\d+"))
    assert link is not None
    pdf = citizen.get(link["href"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Amara Dupré" in text
    assert f"Approval number {number.group()}" in text
    assert "Valid until " in text
