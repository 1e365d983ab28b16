"""The case page: everything an officer needs to decide, and only for their services."""

from __future__ import annotations

from sqlalchemy import select

from casework import db, documents
from casework.models import Case, Document, EligibilityCheck, School
from casework.workflow import Actor
from tests.backoffice.deciding import checked_choice, decision_form, question, revealed
from tests.backoffice.helpers import (
    SCHOOL_NAME,
    error_summary,
    load_case,
    soup,
    submit_enquiry,
    text_of,
)
from tests.conftest import SCHOOLS

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _store_document(reference: str, filename: str = "payslip.pdf") -> int:
    with db.transaction() as session:
        case = session.get(Case, load_case(reference).id)
        parent = Actor(kind="citizen", label="jane.smith@example.com")
        return documents.store(session, case, filename, PDF, parent).id


def test_the_case_page_shows_the_application_and_its_history(fsm_client, make_case):
    reference = make_case("needs_review")

    response = fsm_client.get(f"/backoffice/cases/{reference}")

    assert response.status_code == 200
    page = soup(response.text)
    assert page.h1.get_text(strip=True) == f"Case {reference}"
    text = text_of(response.text)
    for expected in (
        "With an officer",
        "Jane Smith",
        "National Insurance number AB 12 34 56 C",
        "1 High Street, Northtown, NT1 1AA",
        f"Sam Smith 27 March 2016 {SCHOOL_NAME}",
        "No eligibility checks have been made yet.",
        "Refer to an officer",
        "From checking eligibility to with an officer",
        "by Portal (automatic)",
    ):
        assert expected in text
    messages = page.find("caption", string="Messages sent").find_parent("table")
    rows = [row.get_text(" ", strip=True) for row in messages.tbody.find_all("tr")]
    # Officers read what each message was and how it went, not template names.
    under_review = "Sent when the automatic check could not confirm eligibility"
    assert any(under_review in row and "jane.smith@example.com" in row for row in rows)
    assert any(row.startswith(under_review) and "Text message" in row for row in rows)
    assert not any("fsm_" in row or "Sms" in row for row in rows)
    assert all("Queued" in row for row in rows)


def test_the_decision_is_one_question_listing_the_officers_moves_from_the_state(
    fsm_client, make_case
):
    reference = make_case("needs_review")

    page = fsm_client.get(f"/backoffice/cases/{reference}").text

    assert question(page) == (
        "What do you want to do?",
        ["Request evidence", "Award free school meals", "Refuse"],
    )
    # Each choice reveals its reason, or a note for the case record.
    assert revealed(page, "Request evidence") == ("What evidence do you need?", "")
    assert revealed(page, "Award free school meals") == (
        "What evidence did you see? (optional)",
        "",
    )
    assert revealed(page, "Refuse") == ("Why are you refusing?", "")
    assert checked_choice(page) is None
    form = decision_form(page)
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "csrf_token"})
    assert [b.get_text(strip=True) for b in form.find_all("button")] == ["Continue"]
    # One form for the decision: no other button on the page moves the case.
    assert soup(page).find("form", action=lambda a: a and "/actions/" in a) is None


def test_the_choices_say_what_each_sends(fsm_client, make_case):
    reference = make_case("needs_review")
    hints = [
        hint.get_text(" ", strip=True)
        for hint in decision_form(fsm_client.get(f"/backoffice/cases/{reference}").text).select(
            ".govuk-radios__hint"
        )
    ]
    assert hints == [
        "Sends the applicant a message: you can check it before it is sent.",
        "Sends the applicant a message: you can check it before it is sent. This closes the case.",
        "Sends the applicant a message: you can check it before it is sent. This closes the case.",
    ]


def test_a_closed_case_offers_no_actions(fsm_client, make_case):
    reference = make_case("awarded")
    response = fsm_client.get(f"/backoffice/cases/{reference}")
    assert "There is nothing for an officer to decide while the case is awarded." in text_of(
        response.text
    )
    assert soup(response.text).find("form", action=lambda a: a and "/decision" in a) is None


def test_an_officer_without_the_role_cannot_see_the_case(other_client, make_case):
    reference = make_case("needs_review")
    response = other_client.get(f"/backoffice/cases/{reference}")
    assert response.status_code == 403
    assert "Jane" not in response.text
    assert reference not in response.text


def test_an_unknown_reference_is_not_found(fsm_client):
    assert fsm_client.get("/backoffice/cases/FSM-ZZZZ-ZZZZ").status_code == 404


def test_pdfs_and_images_open_in_the_browser_in_a_sandbox(fsm_client, make_case):
    reference = make_case("needs_review")
    document_id = _store_document(reference, "Jane’s payslip.pdf")

    page = soup(fsm_client.get(f"/backoffice/cases/{reference}").text)
    link = page.find("a", href=f"/backoffice/cases/{reference}/documents/{document_id}")
    assert link is not None
    assert link.get_text(strip=True) == "Jane_s payslip.pdf"  # stored with a safe name
    assert not link.has_attr("download")
    row = link.find_parent("tr").get_text(" ", strip=True)
    assert "PDF" in row and "application/pdf" not in row  # a type in words
    response = fsm_client.get(link["href"])

    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("sandbox;")


def test_a_document_that_is_not_a_pdf_or_image_is_only_ever_a_download(fsm_client, make_case):
    reference = make_case("needs_review")
    with db.transaction() as session:
        # A row whose bytes are not what its type claims (e.g. stored before types were
        # checked): it must never be shown in our origin.
        stored = Document(
            case_id=load_case(reference).id,
            filename="letter.html",
            content_type="application/pdf",
            size=30,
            sha256="0" * 64,
            content=b"<script>alert(1)</script>",
            uploaded_by="jane.smith@example.com",
        )
        session.add(stored)
        session.flush()
        document_id = stored.id

    response = fsm_client.get(f"/backoffice/cases/{reference}/documents/{document_id}")

    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment;")


def test_a_document_is_only_served_through_its_own_case(fsm_client, other_client, make_case):
    reference = make_case("needs_review")
    other_reference = make_case("needs_review")
    document_id = _store_document(reference)

    wrong_case = fsm_client.get(f"/backoffice/cases/{other_reference}/documents/{document_id}")
    assert wrong_case.status_code == 404
    no_role = other_client.get(f"/backoffice/cases/{reference}/documents/{document_id}")
    assert no_role.status_code == 403
    assert no_role.content != PDF


def test_the_error_summary_is_empty_on_a_plain_view(fsm_client, make_case):
    reference = make_case("needs_review")
    assert error_summary(fsm_client.get(f"/backoffice/cases/{reference}").text) == []


def _table(html: str, caption: str) -> tuple[list[str], list[list[str]]]:
    """A table's column headings and its rows' cells, found by its caption."""
    table = soup(html).find("caption", string=caption).find_parent("table")
    headings = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.tbody("tr")]
    return headings, rows


def test_an_add_another_list_is_a_table_of_each_items_answers(fsm_client, make_case):
    children = [
        {"first_name": "Sam", "last_name": "Smith", "date_of_birth": "2016-03-27"},
        {"first_name": "Alex", "last_name": "Smith", "date_of_birth": "2012-11-05"},
    ]
    reference = make_case(
        "needs_review",
        children=[
            dict(children[0], school_urn=SCHOOLS[0][0]),
            dict(children[1], school_urn=SCHOOLS[1][0]),
        ],
    )
    with db.transaction() as session:
        # A school that closes after the application still shows by name.
        session.scalars(select(School).where(School.urn == SCHOOLS[1][0])).one().open = False

    response = fsm_client.get(f"/backoffice/cases/{reference}")

    assert soup(response.text).find("h2", string="Children") is not None
    headings, rows = _table(response.text, "Children on this application")
    assert headings == ["First name", "Last name", "Date of birth", "School"]
    assert rows == [
        ["Sam", "Smith", "27 March 2016", SCHOOLS[0][1]],
        ["Alex", "Smith", "5 November 2012", SCHOOLS[1][1]],
    ]


def test_a_school_the_council_does_not_know_is_shown_as_unknown(fsm_client, make_case):
    reference = make_case("needs_review")
    with db.transaction() as session:
        case = session.get(Case, load_case(reference).id)
        child = {**case.answers["children"][0], "school_urn": "999999"}
        case.answers = {**case.answers, "children": [child]}

    _, rows = _table(
        fsm_client.get(f"/backoffice/cases/{reference}").text, "Children on this application"
    )
    assert rows == [["Sam", "Smith", "27 March 2016", "Unknown (999999)"]]


def test_the_services_eligibility_checks_section_lists_each_check(fsm_client, make_case):
    reference = make_case("needs_review")
    with db.transaction() as session:
        session.add(
            EligibilityCheck(
                case_id=load_case(reference).id,
                outcome="not_found",
                service_status="notFound",
                detail="No record of benefits",
            )
        )

    response = fsm_client.get(f"/backoffice/cases/{reference}")

    headings, rows = _table(response.text, "Eligibility checks")
    assert headings == ["Checked", "Outcome", "Checking service said", "Detail"]
    assert [row[1:] for row in rows] == [["Not found", "Not found", "No record of benefits"]]
    assert "notFound" not in text_of(response.text)
    assert "No eligibility checks have been made yet." not in text_of(response.text)


def test_a_service_without_eligibility_checks_has_no_such_section(officer_factory):
    reference = submit_enquiry(question="Can I appeal a transport decision?")

    response = officer_factory("enquiry").get(f"/backoffice/cases/{reference}")

    assert response.status_code == 200
    text = text_of(response.text)
    assert "Eligibility checks" not in text
    headings = [h2.get_text(strip=True) for h2 in soup(response.text).find_all("h2")]
    assert "Children" not in headings
    assert "Documents" in headings
    for expected in (
        "Questions for the team",
        "Question Can I appeal a transport decision?",
        "Email sam@example.com",
        "Asked through The assistant (Web chat)",
        "Waiting for a reply",
    ):
        assert expected in text
    assert question(response.text) == (
        "What do you want to do?",
        ["Reply", "Close without a reply"],
    )
    assert revealed(response.text, "Reply") == ("Your reply", "")


def test_message_receipts_fold_under_the_event_that_sent_them(fsm_client, make_case):
    from datetime import UTC, datetime

    from casework import cases, message_status

    reference = make_case("needs_review")
    with db.transaction() as session:
        sent = cases.messages(session, load_case(reference).id)
        for message in sent:
            message_status.apply_receipt(
                session,
                reference=str(message.id),
                notify_id=None,
                status="delivered",
                at=datetime.now(UTC),
            )

    page = soup(fsm_client.get(f"/backoffice/cases/{reference}").text)
    items = page.select(".app-timeline__item")
    titles = [item.find(class_="app-timeline__title").get_text(strip=True) for item in items]
    # Only what people and the system decided: no entry of its own for each receipt.
    assert "Message delivered" not in titles
    referral = items[titles.index("Refer to an officer")]
    folded = referral.find("details")
    assert folded.summary.get_text(strip=True) == "2 message updates"
    text = folded.get_text(" ", strip=True)
    assert "Message delivered" in text
    assert "Sent when the automatic check could not confirm eligibility" in text
    assert "Text message" in text and "delivered" in text
    assert "fsm_" not in text and "Sms" not in text
    # Free school meals sends nothing on submission (the check's outcome is the news), so
    # the submission has no updates to fold.
    submitted = items[titles.index("Application submitted online")]
    assert submitted.find("details") is None
    assert len(sent) == 2


def test_an_enquiry_naming_a_case_links_to_it(officer_factory, make_case):
    reference = make_case("needs_review")
    spaced = reference.lower().replace("-", " ")
    enquiry = submit_enquiry(
        transcript=[
            {"speaker": "person", "text": f"when do the meals start? my ref is {spaced}"},
            {"speaker": "assistant", "text": "I'll pass you to a person."},
        ],
        question="When do the meals start?",
    )
    unrelated = submit_enquiry(question="About FSM-2222-2222, which does not exist")

    client = officer_factory("enquiry")
    page = soup(client.get(f"/backoffice/cases/{enquiry}").text)
    link = page.find("a", href=f"/backoffice/cases/{reference}")
    assert link is not None and link.get_text(strip=True) == reference
    assert f"About case {reference} (Free school meals)" in text_of(str(page))
    assert "About case" not in text_of(client.get(f"/backoffice/cases/{unrelated}").text)
