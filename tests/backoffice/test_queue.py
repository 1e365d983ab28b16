"""The queue: the officer's services' cases, open ones by default, with filters and pages."""

from __future__ import annotations

from datetime import date, timedelta

from tests.backoffice.helpers import SCHOOL_URN, soup, text_of

HTMX = {"HX-Request": "true"}


def _references(html: str) -> list[str]:
    table = soup(html).find("table")
    if table is None:
        return []
    return [row.th.a.get_text(strip=True) for row in table.tbody.find_all("tr")]


def test_the_queue_lists_open_cases_with_their_status_and_due_date(fsm_client, make_case):
    due = date.today() + timedelta(days=10)
    reference = make_case("needs_review", due_on=due)
    closed = make_case("awarded")

    response = fsm_client.get("/backoffice/")

    assert response.status_code == 200
    assert _references(response.text) == [reference]
    row = soup(response.text).find("table").tbody.tr
    assert row.th.a["href"] == f"/backoffice/cases/{reference}"
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
    assert cells[0] == "Jane Smith Sam Smith"  # the applicant, then what it is about
    tag = row.find("strong", class_="govuk-tag")
    assert tag.get_text(strip=True) == "With an officer"
    assert "govuk-tag--purple" in tag["class"]
    assert cells[3] == f"{due.day} {due:%B %Y}"
    assert "Overdue" not in row.get_text()
    assert closed not in response.text


def test_filter_by_status(fsm_client, make_case):
    reviewing = make_case("needs_review")
    awarded = make_case("awarded")
    submitted = make_case("submitted")

    assert set(_references(fsm_client.get("/backoffice/?status=all").text)) == {
        reviewing,
        awarded,
        submitted,
    }
    assert _references(fsm_client.get("/backoffice/?status=awarded").text) == [awarded]
    assert _references(fsm_client.get("/backoffice/?status=needs_review").text) == [reviewing]
    # A status no workflow declares falls back to the default, open cases.
    assert set(_references(fsm_client.get("/backoffice/?status=bogus").text)) == {
        reviewing,
        submitted,
    }


def test_overdue_only_shows_open_cases_past_their_due_date(fsm_client, make_case):
    yesterday = date.today() - timedelta(days=1)
    late = make_case("needs_review", due_on=yesterday)
    make_case("needs_review", due_on=date.today())  # due today is not late yet
    make_case("awarded", due_on=yesterday)  # closed cases are never late

    for query in ("overdue=yes", "overdue=yes&status=all"):
        response = fsm_client.get(f"/backoffice/?{query}")
        assert _references(response.text) == [late]
        assert "Overdue" in soup(response.text).find("table").tbody.tr.get_text()
    assert _references(fsm_client.get("/backoffice/?overdue=yes&status=awarded").text) == []

    form = soup(fsm_client.get("/backoffice/?overdue=yes").text).find("form", method="get")
    assert form.find("input", attrs={"name": "overdue"}).has_attr("checked")


def test_the_queue_shows_only_the_officers_services(other_client, make_case):
    reference = make_case("needs_review")
    for url in ("/backoffice/", "/backoffice/?service=free-school-meals&status=all"):
        response = other_client.get(url)
        assert response.status_code == 200
        assert reference not in response.text


def test_htmx_gets_just_the_results(fsm_client, make_case):
    reference = make_case("needs_review")

    fragment = fsm_client.get("/backoffice/?status=needs_review", headers=HTMX)

    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert _references(fragment.text) == [reference]
    assert "HX-Request" in fragment.headers["vary"]
    # Going back in history asks htmx for the whole page again.
    restore = fsm_client.get(
        "/backoffice/?status=needs_review", headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.text


def test_the_filter_form_works_with_and_without_javascript(fsm_client):
    form = soup(fsm_client.get("/backoffice/").text).find("form", method="get")
    assert form["action"] == "/backoffice/"
    assert form["hx-get"] == "/backoffice/"
    assert form["hx-target"] == "#queue-results"
    assert form["hx-push-url"] == "true"
    assert {field["name"] for field in form.find_all(["select", "input"])} == {
        "service",
        "status",
        "overdue",
        "due_soon",
        "assignee",
        "search",
    }
    status_options = [o.get_text(strip=True) for o in form.find("select", id="status")("option")]
    assert status_options[:2] == ["Open cases", "All cases"]
    assert "Evidence needed" in status_options


def test_fifty_cases_a_page(fsm_client, make_case):
    for _ in range(51):
        make_case("needs_review")

    first = fsm_client.get("/backoffice/")
    assert len(_references(first.text)) == 50
    assert "51 cases" in text_of(first.text)
    next_link = soup(first.text).find("a", rel="next")
    assert next_link["href"] == "/backoffice/?page=2"

    second = fsm_client.get(next_link["href"])
    assert len(_references(second.text)) == 1
    assert soup(second.text).find("a", rel="prev")["href"] == "/backoffice/"
    assert not set(_references(first.text)) & set(_references(second.text))


def test_nonsense_page_numbers_are_harmless(fsm_client, make_case):
    make_case("needs_review")
    for page in ("0", "abc", "-1", "9" * 40):
        response = fsm_client.get(f"/backoffice/?page={page}")
        assert response.status_code == 200


def _queue_rows(html: str) -> dict[str, str]:
    """Each row's reference and its visible text."""
    table = soup(html).find("table")
    if table is None:
        return {}
    return {
        row.th.a.get_text(strip=True): row.get_text(" ", strip=True)
        for row in table.tbody.find_all("tr")
    }


def test_search_finds_a_case_by_name_reference_ni_number_or_postcode(fsm_client, make_case):
    jane = make_case("needs_review")
    other = make_case(
        "needs_review",
        first_name="Priya",
        last_name="Patel",
        national_insurance_number="PW654321A",
        postcode="NT2 9ZZ",
        email="priya@example.com",
        children=[
            {
                "first_name": "Ravi",
                "last_name": "Patel",
                "date_of_birth": "2016-03-27",
                "school_urn": SCHOOL_URN,
            }
        ],
    )

    for search in (
        "jane smith",
        "SMITH",
        "AB 12 34 56 C",
        "ab123456c",
        "nt1 1aa",
        "NT11AA",
        jane.lower().replace("-", " "),
    ):
        response = fsm_client.get("/backoffice/", params={"search": search})
        assert _references(response.text) == [jane], search
        # The search stays in the box, so the officer sees what they asked.
        box = soup(response.text).find("input", attrs={"name": "search"})
        assert box["value"] == " ".join(search.split())
    assert _references(fsm_client.get("/backoffice/?search=patel").text) == [other]
    # A child's name finds the case too.
    assert set(_references(fsm_client.get("/backoffice/?search=sam+smith").text)) == {jane}

    nothing = fsm_client.get("/backoffice/?search=nobody+at+all")
    assert "There are no cases that match ‘nobody at all’" in text_of(nothing.text)
    # Wildcards are searched for as text, not as patterns.
    assert _references(fsm_client.get("/backoffice/?search=%25").text) == []
    assert _references(fsm_client.get("/backoffice/?search=_").text) == []


def test_the_search_works_with_htmx_and_keeps_the_filters_in_page_links(fsm_client, make_case):
    reference = make_case("needs_review")
    response = fsm_client.get("/backoffice/?search=jane", headers=HTMX)
    assert _references(response.text) == [reference]


def test_a_tag_shows_when_evidence_or_a_reply_arrived_since_an_officer_acted(fsm_client, make_case):
    from casework import db, documents
    from casework.models import Case, InboundText
    from casework.workflow import Actor, record_event
    from tests.backoffice.helpers import load_case

    quiet = make_case("needs_review")
    with_evidence = make_case("needs_review")
    with_reply = make_case("needs_review")
    parent = Actor(kind="citizen", label="jane.smith@example.com")
    with db.transaction() as session:
        case = session.get(Case, load_case(with_evidence).id)
        documents.store(session, case, "payslip.pdf", b"%PDF-1.7\n%%EOF\n", parent)
        session.add(
            InboundText(
                id="inbound-1",
                source_number="07700900982",
                content="I have sent it",
                case_id=load_case(with_reply).id,
                routed_to="case",
            )
        )

    rows = _queue_rows(fsm_client.get("/backoffice/").text)
    assert "New" not in rows[quiet]
    assert "New evidence" in rows[with_evidence]
    assert "New reply" not in rows[with_evidence]
    assert "New reply" in rows[with_reply]

    # Once an officer acts on the case, what came before it is no longer new.
    officer = Actor(kind="officer", label="Fiona Officer", id=1)
    with db.transaction() as session:
        case = session.get(Case, load_case(with_evidence).id)
        record_event(session, case, officer, "attention_cleared")
    rows = _queue_rows(fsm_client.get("/backoffice/").text)
    assert "New evidence" not in rows[with_evidence]
