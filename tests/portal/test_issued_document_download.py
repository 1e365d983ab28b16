"""Applicants download what the council issued on their own cases, from their account;
nobody else can, and officers see who issued it on the case page."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from casework import cases, db, documents, issued
from casework.workflow import SYSTEM, Actor
from tests.portal.journey import apply

CHILD = "Zoë Łukasz-Nguyễn"
OFFICER = Actor(kind="officer", label="Fiona Officer", id=1, roles=frozenset({"admin"}))


def issue_permit(reference: str, filename: str = "Permit for Zoë.pdf") -> int:
    permit = issued.IssuedDocument(
        title="Child employment permit",
        reference=reference,
        issued_on=date(2026, 12, 3),
        blocks=(
            issued.Section("The child", (("Name", CHILD),)),
            issued.Table("Permitted hours", ("Day", "Hours"), (("Saturday", "9am to 1pm"),)),
        ),
    )
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        return issued.issue(
            session, case, permit, kind="permit", filename=filename, issued_by=OFFICER
        ).id


@pytest.fixture
def permit(citizen) -> tuple[str, str]:
    """The signed-in citizen's case with a permit issued on it: (reference, download path)."""
    reference = apply(citizen)
    document_id = issue_permit(reference)
    return reference, f"/account/applications/{reference}/documents/{document_id}"


def test_the_owner_finds_the_permit_on_their_application_and_downloads_it(citizen, permit):
    reference, path = permit
    page = BeautifulSoup(citizen.get(f"/account/applications/{reference}").text, "html.parser")
    heading = page.find("h2", string="Documents")
    assert heading is not None
    link = heading.find_next("a")
    assert link["href"] == path
    assert re.fullmatch(r"Child employment permit \(PDF, [\d.]+ kB\)", link.get_text(strip=True))
    # The history says it was issued; what people sent stays listed apart.
    assert "Child employment permit issued" in page.get_text(" ")
    assert page.find("h2", string="Documents you have sent") is None

    response = citizen.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"Permit for Zo_.pdf\"; filename*=UTF-8''Permit%20for%20Zo%C3%AB.pdf"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert CHILD in text
    assert "Saturday 9am to 1pm" in text


def test_a_filename_cannot_break_out_of_its_header(citizen):
    reference = apply(citizen)
    document_id = issue_permit(reference, filename='permit";\r\nX-Evil: 1.pdf')
    response = citizen.get(f"/account/applications/{reference}/documents/{document_id}")
    assert response.status_code == 200
    assert "x-evil" not in response.headers
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="permit____X-Evil_ 1.pdf"')


def test_another_citizen_gets_not_found(citizen_factory, citizen, permit):
    _, path = permit
    stranger = citizen_factory("stranger@example.com")
    response = stranger.get(path)
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_signed_out_people_are_sent_to_sign_in(anonymous, permit):
    _, path = permit
    response = anonymous.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next={path}"


def test_only_issued_documents_of_that_case_can_be_downloaded(citizen, permit):
    reference, path = permit
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        sent = documents.store(session, case, "payslip.pdf", b"%PDF-1.4 payslip", SYSTEM).id
    # What people sent about the case is for officers, even to the case's owner.
    assert citizen.get(f"/account/applications/{reference}/documents/{sent}").status_code == 404
    assert citizen.get(f"/account/applications/{reference}/documents/999999").status_code == 404
    # An issued document asked for under another of the owner's cases is not found either.
    other = apply(citizen)
    document_id = path.rsplit("/", 1)[1]
    elsewhere = f"/account/applications/{other}/documents/{document_id}"
    assert citizen.get(elsewhere).status_code == 404


def test_officers_see_who_issued_it_on_the_case_page_and_can_open_it(officer, citizen, permit):
    reference, path = permit
    page = BeautifulSoup(officer.get(f"/backoffice/cases/{reference}").text, "html.parser")
    row = page.find("a", string="Permit for Zoë.pdf").find_parent("tr")
    cells = [cell.get_text(strip=True) for cell in row.find_all("td")]
    assert cells[1] == "PDF"
    assert cells[3] == "Issued by Fiona Officer"
    response = officer.get(row.find("a")["href"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert CHILD in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
