"""The calendar pages: any officer reads term dates and closure days; an officer with the
calendars role adds and removes terms and closure days, uploads a file (every problem in
the error summary, nothing saved) and sets the council's closure days."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from casework import db
from casework.calendars import school_calendar, working_calendar
from casework.demo_calendars import CSV as DEMO_CSV
from casework.models import SchoolClosure, SchoolTerm
from casework.school_calendars import import_csv
from tests.backoffice.helpers import error_summary, soup, text_of
from tests.conftest import csrf_token

BASE = "/backoffice/calendars"
ACADEMY = "100004"
HEADINGS = "calendar,type,name,first_day,last_day\n"


@pytest.fixture
def editor(officer_factory) -> TestClient:
    return officer_factory("calendars")


@pytest.fixture
def demo(app) -> None:
    with db.transaction() as session:
        import_csv(session, DEMO_CSV.encode())


def post_form(client: TestClient, path: str, data: dict, **kwargs):
    token = csrf_token(client.get(path).text)
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False, **kwargs)


def date_parts(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def council_terms() -> list[tuple[str, date, date]]:
    with db.transaction() as session:
        rows = session.execute(
            select(SchoolTerm.name, SchoolTerm.starts_on, SchoolTerm.ends_on)
            .where(SchoolTerm.calendar == "council")
            .order_by(SchoolTerm.starts_on)
        ).all()
    return [tuple(row) for row in rows]


def test_any_officer_sees_the_calendars_but_cannot_change_them(officer, demo):
    page = officer.get(BASE)
    assert page.status_code == 200
    words = text_of(page.text)
    assert (
        "The council's term dates" in words and "2025 to 2026, 2026 to 2027, 2027 to 2028" in words
    )
    assert "Northshire Academy" in words
    assert "Upload term dates" not in words
    nav = [a.get_text(strip=True) for a in soup(page.text).select(".govuk-service-navigation a")]
    assert "Calendars" in nav

    council = officer.get(f"{BASE}/council")
    assert council.status_code == 200
    words = text_of(council.text)
    assert "Autumn term 1" in words and "3 September 2025" in words
    assert "Add a term" not in words and "Remove" not in words
    for path in (f"{BASE}/council/terms/new", f"{BASE}/upload", f"{BASE}/council-closure-days/new"):
        assert officer.get(path).status_code == 403
    refused = officer.post(f"{BASE}/council/terms/new", data={"name": "Sneaky"})
    assert refused.status_code == 403


def test_a_calendar_lists_terms_by_year_with_their_school_days(editor, demo):
    page = soup(editor.get(f"{BASE}/council").text)
    years = [h2.get_text(strip=True) for h2 in page.select("main h2.govuk-heading-m")]
    assert years == ["2025 to 2026", "2026 to 2027", "2027 to 2028"]
    first_row = [
        cell.get_text(" ", strip=True) for cell in page.select("tbody tr")[0].select("th, td")
    ]
    assert first_row[:4] == ["Autumn term 1", "3 September 2025", "24 October 2025", "36"]
    assert "190 school days in the terms entered." in text_of(str(page))
    assert "After 21 July 2028" in text_of(str(page))


def test_choosing_a_school_shows_its_calendar_or_the_councils(editor, demo):
    response = editor.get(BASE, params={"school": ACADEMY}, follow_redirects=False)
    assert response.headers["location"] == f"{BASE}/{ACADEMY}"
    primary = editor.get(f"{BASE}/100001")
    assert "follows the council's term dates" in text_of(primary.text)
    assert editor.get(f"{BASE}/999999").status_code == 404
    unknown = editor.get(BASE, params={"school": "nonsense"})
    assert unknown.status_code == 400
    assert error_summary(unknown.text) == [("Select a school", "#school")]


def test_adding_a_term(editor, app):
    path = f"{BASE}/council/terms/new"
    data = {"name": "Autumn term 1", **date_parts("first_day", date(2026, 9, 2))}
    data |= date_parts("last_day", date(2026, 10, 23))
    response = post_form(editor, path, data)
    assert response.status_code == 303 and response.headers["location"] == f"{BASE}/council"
    assert council_terms() == [("Autumn term 1", date(2026, 9, 2), date(2026, 10, 23))]
    page = editor.get(f"{BASE}/council")
    assert "Autumn term 1 (2 September 2026 to 23 October 2026) added." in text_of(page.text)

    # An overlapping term is refused on the form, with the dates as typed kept.
    data = {"name": "Extra", **date_parts("first_day", date(2026, 10, 19))}
    data |= date_parts("last_day", date(2026, 10, 30))
    refused = post_form(editor, path, data)
    assert refused.status_code == 400
    ((message, link),) = error_summary(refused.text)
    assert link == "#first_day" and "overlaps Autumn term 1" in message
    assert soup(refused.text).find(id="first_day")["value"] == "19"
    assert len(council_terms()) == 1


def test_a_term_form_with_missing_and_wrong_dates(editor, app):
    data = {"name": "", "first_day-day": "31", "first_day-month": "2", "first_day-year": "2027"}
    refused = post_form(editor, f"{BASE}/council/terms/new", data)
    assert refused.status_code == 400
    assert error_summary(refused.text) == [
        ("Enter the term's name, like Autumn term 1", "#name"),
        ("First day must be a real date", "#first_day"),
        ("Enter the last day", "#last_day"),
    ]
    data = {"name": "Spring", **date_parts("first_day", date(2027, 2, 12))}
    data |= date_parts("last_day", date(2027, 1, 4))
    backwards = post_form(editor, f"{BASE}/council/terms/new", data)
    assert error_summary(backwards.text) == [
        ("The last day, 4 January 2027, is before the first day, 12 February 2027", "#last_day")
    ]


def test_removing_a_term_asks_first_and_takes_its_closure_days(editor, demo):
    with db.transaction() as session:
        term = session.scalars(
            select(SchoolTerm).where(
                SchoolTerm.calendar == "council", SchoolTerm.starts_on == date(2025, 9, 3)
            )
        ).one()
    path = f"{BASE}/council/terms/{term.id}/remove"
    ask = text_of(editor.get(path).text)
    assert "Are you sure you want to remove Autumn term 1?" in ask
    assert "3 September 2025 (INSET day)" in ask
    response = post_form(editor, path, {})
    assert response.status_code == 303
    assert ("Autumn term 1", date(2025, 9, 3), date(2025, 10, 24)) not in council_terms()
    done = text_of(editor.get(f"{BASE}/council").text)
    assert "with its 2 closure days" in done
    assert editor.get(path).status_code == 404


def test_adding_and_removing_a_closure_day(editor, demo):
    path = f"{BASE}/council/closures/new"
    response = post_form(
        editor, path, {"name": "Polling day", **date_parts("day", date(2026, 5, 7))}
    )
    assert response.status_code == 303
    with db.transaction() as session:
        assert not school_calendar(session).counts(date(2026, 5, 7))
        closure = session.scalars(
            select(SchoolClosure).where(
                SchoolClosure.calendar == "council", SchoolClosure.day == date(2026, 5, 7)
            )
        ).one()
    assert "7 May 2026 (Polling day) added as a closure day." in text_of(
        editor.get(f"{BASE}/council").text
    )

    weekend = post_form(editor, path, date_parts("day", date(2026, 5, 9)))
    assert weekend.status_code == 400
    assert error_summary(weekend.text) == [
        ("9 May 2026 is a Saturday. A closure day must be a weekday in term", "#day")
    ]
    holiday = post_form(editor, path, date_parts("day", date(2026, 8, 3)))
    assert "is not in any term of this calendar" in error_summary(holiday.text)[0][0]

    remove = f"{BASE}/council/closures/{closure.id}/remove"
    assert "the closure day on 7 May 2026" in text_of(editor.get(remove).text)
    assert post_form(editor, remove, {}).status_code == 303
    with db.transaction() as session:
        assert school_calendar(session).counts(date(2026, 5, 7))


def test_uploading_a_good_file_shows_what_was_imported(editor, app):
    path = f"{BASE}/upload"
    token = csrf_token(editor.get(path).text)
    response = editor.post(
        path,
        data={"csrf_token": token},
        files={"file": ("term-dates.csv", DEMO_CSV.encode(), "text/csv")},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == path
    page = editor.get(path)
    panel = soup(page.text).select_one(".govuk-panel")
    assert panel is not None and "Term dates imported" in panel.get_text()
    words = text_of(page.text)
    assert "The council's term dates: 18 terms and 15 closure days for 2025 to 2026" in words
    assert "Northshire Academy (100004): 12 terms and 11 closure days" in words
    # The panel is shown once, not on the next visit.
    assert soup(editor.get(path).text).select_one(".govuk-panel") is None
    assert len(council_terms()) == 18


def test_uploading_a_file_with_problems_lists_each_and_saves_nothing(editor, app):
    path = f"{BASE}/upload"
    bad = (
        HEADINGS + "council,term,Autumn term 1,2026-09-02,2026-10-23\n"
        "council,closure,INSET day,2026-09-05,\n"
        "999999,term,Autumn term 1,2026-09-02,2026-10-23\n"
        "council,term,Autumn term 2,2026-11-02,31/11/2026\n"
    )
    token = csrf_token(editor.get(path).text)
    response = editor.post(
        path,
        data={"csrf_token": token},
        files={"file": ("term-dates.csv", bad.encode(), "text/csv")},
    )
    assert response.status_code == 400
    assert error_summary(response.text) == [
        (
            "Row 3, column first_day: 5 September 2026 is a Saturday. A closure day must be a "
            "weekday in term",
            "#file",
        ),
        (
            "Row 4, column calendar: There is no school with the URN 999999. Use a school's "
            "URN, or council for the council's term dates",
            "#file",
        ),
        ("Row 5, column last_day: 31/11/2026 is not a real date", "#file"),
    ]
    summary = text_of(str(soup(response.text).select_one(".govuk-error-summary")))
    assert "The file has 3 problems. Nothing has been imported." in summary
    assert council_terms() == []


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a CSV file"),
        (
            ("dates.xlsx", b"PK\x03\x04", "application/vnd.ms-excel"),
            "The selected file must be a CSV file",
        ),
        (("dates.csv", b"", "text/csv"), "The file is empty"),
        (("dates.csv", b"date,what\n", "text/csv"), "The first row must be the headings"),
    ],
)
def test_uploading_no_file_or_the_wrong_file(editor, app, upload, message):
    path = f"{BASE}/upload"
    token = csrf_token(editor.get(path).text)
    files = {"file": upload} if upload else {"file": ("", b"", "application/octet-stream")}
    response = editor.post(path, data={"csrf_token": token}, files=files)
    assert response.status_code == 400
    ((text, link),) = error_summary(response.text)
    assert text.startswith(message) and link == "#file"


def test_downloading_a_calendar_gives_the_layout_back(officer, demo):
    response = officer.get(f"{BASE}/{ACADEMY}/download")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="term-dates-100004.csv"' in response.headers["content-disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[:3] == [
        "calendar,type,name,first_day,last_day",
        "100004,term,Autumn term 1,2025-09-03,2025-10-17",
        "100004,closure,INSET day,2025-09-03,",
    ]
    assert len(lines) == 1 + 12 + 11


def test_uploading_needs_the_csrf_token(editor, app):
    response = editor.post(
        f"{BASE}/upload", files={"file": ("dates.csv", DEMO_CSV.encode(), "text/csv")}
    )
    assert response.status_code == 403
    assert council_terms() == []


def test_the_councils_closure_days(editor, officer, app):
    listing = f"{BASE}/council-closure-days"
    assert "There are no council closure days." in text_of(officer.get(listing).text)
    new = f"{listing}/new"
    response = post_form(editor, new, {"name": "", **date_parts("day", date(2030, 12, 27))})
    assert response.status_code == 303 and response.headers["location"] == listing
    page = text_of(editor.get(listing).text)
    assert "27 December 2030 (Council closure day) added as a council closure day." in page
    assert "Friday 27 December 2030" in page
    with db.transaction() as session:
        assert not working_calendar(session).counts(date(2030, 12, 27))
    # Any officer can read the list, without the links to change it.
    words = text_of(officer.get(listing).text)
    assert "Friday 27 December 2030" in words and "Remove" not in words

    christmas = post_form(editor, new, date_parts("day", date(2030, 12, 25)))
    assert error_summary(christmas.text) == [
        (
            "25 December 2030 is a bank holiday (Christmas Day), which working days skip anyway",
            "#day",
        )
    ]
    again = post_form(editor, new, date_parts("day", date(2030, 12, 27)))
    assert error_summary(again.text) == [
        ("27 December 2030 is already a council closure day", "#day")
    ]

    remove = f"{listing}/2030-12-27/remove"
    assert "the council closure day on 27 December 2030" in text_of(editor.get(remove).text)
    assert post_form(editor, remove, {}).status_code == 303
    with db.transaction() as session:
        assert working_calendar(session).counts(date(2030, 12, 27))
    assert editor.get(remove).status_code == 404
    assert editor.get(f"{listing}/not-a-date/remove").status_code == 404


def test_an_administrator_may_change_calendars(officer_factory, app):
    admin = officer_factory("admin")
    assert admin.get(f"{BASE}/council/terms/new").status_code == 200
    assert "Upload term dates" in text_of(admin.get(BASE).text)
