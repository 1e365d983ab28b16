"""Parents send evidence from their case page: checked by content, kept, and the case moves on."""

from __future__ import annotations

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from casework import cases, db
from casework.catalogue import get_service
from casework.models import Document
from casework.workflow import SYSTEM, Actor, apply_transition
from portal.templating import LONDON
from tests.backoffice.helpers import error_summary
from tests.conftest import csrf_token
from tests.portal.journey import apply

OFFICER = Actor(kind="officer", label="Fiona Officer", id=1, roles=frozenset({"admin"}))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def waiting_case(citizen) -> str:
    """The citizen's own case, waiting for the evidence an officer asked for."""
    reference = apply(citizen)
    service = get_service("free-school-meals")
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        apply_transition(session, service, case.id, "refer_to_officer", SYSTEM)
        apply_transition(
            session, service, case.id, "request_evidence", OFFICER, reason="Send a UC letter"
        )
    return reference


def upload(client, reference: str, files, *, token: str | None = None):
    page = client.get(f"/account/applications/{reference}").text
    return client.post(
        f"/account/applications/{reference}/evidence",
        data={"csrf_token": token if token is not None else csrf_token(page)},
        files=files,
        follow_redirects=False,
    )


def status_and_documents(reference: str) -> tuple[str, list[Document]]:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        documents = list(session.scalars(select(Document).where(Document.case_id == case.id)))
        return case.status, documents


def test_the_upload_form_shows_only_while_evidence_is_wanted(citizen):
    reference = apply(citizen)
    assert "Send us evidence" not in citizen.get(f"/account/applications/{reference}").text


def test_the_upload_form_says_what_the_service_wants(citizen, waiting_case):
    page = BeautifulSoup(citizen.get(f"/account/applications/{waiting_case}").text, "html.parser")
    hint = " ".join(page.find(id="evidence-hint").get_text(" ").split())
    declared = get_service("free-school-meals").evidence
    assert declared is not None
    assert hint == (
        f"{declared.hint} You can choose up to 10 files at once. "
        "Use PDF, JPG or PNG files smaller than 10MB each."
    )
    # What the officer asked for stands above the upload.
    asked = page.find("h2", string="Send us evidence").find_next(class_="govuk-inset-text")
    assert asked.get_text(strip=True) == "Send a UC letter"
    # With the date to send it by: the service's working days from the day it was asked.
    send_by = declared.send_by(datetime.now(LONDON).date())
    assert send_by is not None
    text = " ".join(page.get_text(" ").split())
    assert f"Send it by {send_by.day} {send_by:%B %Y}." in text


def test_several_files_are_kept_in_one_upload(citizen, waiting_case):
    files = [
        ("evidence", ("award.png", PNG, "image/png")),
        ("evidence", ("payslip.pdf", b"%PDF-1.4 payslip", "application/pdf")),
    ]
    response = upload(citizen, waiting_case, files)

    assert response.status_code == 303
    status, documents = status_and_documents(waiting_case)
    assert status == "needs_review"
    assert sorted(document.filename for document in documents) == ["award.png", "payslip.pdf"]


def test_one_bad_file_among_several_is_named_and_nothing_is_kept(citizen, waiting_case):
    files = [
        ("evidence", ("award.png", PNG, "image/png")),
        ("evidence", ("empty.pdf", b"", "application/pdf")),
    ]
    response = upload(citizen, waiting_case, files)

    assert response.status_code == 400
    [(error, link)] = error_summary(response.text)
    assert (error, link) == ("empty.pdf is empty", "#evidence")
    assert status_and_documents(waiting_case) == ("awaiting_evidence", [])


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"evidence": ("letter.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")}, "must be a PDF"),
        ({"evidence": ("letter.pdf", b"", "application/pdf")}, "The selected file is empty"),
        ({"evidence": ("", b"", "application/octet-stream")}, "Select a file"),
        (
            {"evidence": ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")},
            "must be smaller than 10MB",
        ),
    ],
    ids=["renamed-executable", "empty", "no-file", "too-big"],
)
def test_a_bad_file_is_an_error_on_the_page_and_changes_nothing(
    citizen, waiting_case, files, message
):
    response = upload(citizen, waiting_case, files)

    assert response.status_code == 400
    [(error, link)] = error_summary(response.text)
    assert message in error and link == "#evidence"
    assert status_and_documents(waiting_case) == ("awaiting_evidence", [])


def test_a_good_file_is_kept_and_the_case_goes_back_to_the_officer(citizen, waiting_case):
    files = {"evidence": ("../../etc/UC award <letter>.png", PNG, "image/png")}
    response = upload(citizen, waiting_case, files)

    assert response.status_code == 303
    status, [document] = status_and_documents(waiting_case)
    assert status == "needs_review"
    assert (document.content_type, document.size) == ("image/png", len(PNG))
    assert "/" not in document.filename and "<" not in document.filename
    page = citizen.get(f"/account/applications/{waiting_case}").text
    assert "We have your evidence" in page and document.filename in page

    again = upload(citizen, waiting_case, files)
    assert again.status_code == 400
    assert "We are not waiting for evidence" in error_summary(again.text)[0][0]


def test_an_upload_needs_the_csrf_token(citizen, waiting_case):
    response = upload(citizen, waiting_case, {"evidence": ("a.png", PNG, "image/png")}, token="")
    assert response.status_code == 403
    assert status_and_documents(waiting_case) == ("awaiting_evidence", [])


def test_nobody_else_can_send_evidence_to_a_case(citizen_factory, waiting_case):
    stranger = citizen_factory("stranger@example.com")
    # The stranger's own, valid token: only ownership keeps them out.
    token = csrf_token(stranger.get("/apply/free-school-meals/name").text)
    response = stranger.post(
        f"/account/applications/{waiting_case}/evidence",
        data={"csrf_token": token},
        files={"evidence": ("a.png", PNG, "image/png")},
        follow_redirects=False,
    )
    assert response.status_code in (403, 404)
    assert status_and_documents(waiting_case) == ("awaiting_evidence", [])
