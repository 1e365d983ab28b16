"""An officer adds a document to a case (a visit's photo or statement): it is checked by
its content, listed on the case with the officer's name, and only officers of the service
may add one."""

from __future__ import annotations

from casework import cases, db
from casework.catalogue import get_service
from tests.conftest import csrf_token, error_messages
from tests.services.helpers import load_case, submit_sample, text_of

SERVICE = get_service("illegal-employment")
PDF = b"%PDF-1.4 a signed statement"


def _add(client, reference: str, name: str, content: bytes):
    page = client.get(f"/backoffice/cases/{reference}")
    return client.post(
        f"/backoffice/cases/{reference}/documents",
        data={"csrf_token": csrf_token(page.text)},
        files={"document": (name, content, "application/octet-stream")},
        follow_redirects=False,
    )


def test_an_officer_adds_a_statement_to_a_case(officer_factory):
    officer = officer_factory(SERVICE.slug)
    reference = submit_sample(SERVICE)

    response = _add(officer, reference, "statement from the manager.pdf", PDF)

    assert response.status_code == 303
    page = text_of(officer.get(f"/backoffice/cases/{reference}").text)
    assert "statement from the manager.pdf" in page
    with db.transaction() as session:
        stored = cases.documents(session, load_case(reference).id)
        assert [(d.filename, d.uploaded_by) for d in stored] == [
            ("statement from the manager.pdf", f"{SERVICE.slug} officer")
        ]


def test_a_file_that_is_not_a_pdf_or_an_image_is_refused_on_its_field(officer_factory):
    officer = officer_factory(SERVICE.slug)
    reference = submit_sample(SERVICE)

    response = _add(officer, reference, "notes.pdf", b"<html>not a pdf</html>")

    assert response.status_code == 400
    assert error_messages(response.text) == ["The selected file must be a PDF, JPG or PNG"]


def test_no_file_chosen_says_so(officer_factory):
    officer = officer_factory(SERVICE.slug)
    reference = submit_sample(SERVICE)

    response = _add(officer, reference, "", b"")

    assert response.status_code == 400
    assert error_messages(response.text) == ["Select a file"]


def test_an_officer_of_another_service_cannot_add_one(officer_factory):
    other = officer_factory("free-school-meals")
    reference = submit_sample(SERVICE)
    token = csrf_token(other.get("/backoffice/").text)

    response = other.post(
        f"/backoffice/cases/{reference}/documents",
        data={"csrf_token": token},
        files={"document": ("statement.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )

    assert response.status_code == 403
    with db.transaction() as session:
        assert cases.documents(session, load_case(reference).id) == []
