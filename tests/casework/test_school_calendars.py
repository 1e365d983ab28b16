"""School calendars: school-day arithmetic on imported term dates, the CSV import and its
checks, officers' one-at-a-time edits, the council's closure days, and running clocks
moving when the days they count change. On the real database (``clean_db``: schools
100001, which follows the council's term dates, and 100004, Northshire Academy)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from casework import applications, clocks, db
from casework import council_closures as council
from casework import school_calendars as calendars
from casework.calendars import add_days, days_between, school_calendar, working_calendar
from casework.catalogue import get_service
from casework.clocks import Clock
from casework.demo_calendars import CSV as DEMO_CSV
from casework.models import Case, CaseClock, RuleVersion, SchoolClosure, SchoolTerm
from casework.school_calendar_csv import MAX_FILE_BYTES, MAX_ROWS, read, write
from casework.school_calendar_views import summaries, years_of
from casework.school_calendars import CalendarProblems
from casework.settings import PROJECT_ROOT
from casework.workflow import SYSTEM
from tests.backoffice.helpers import valid_answers

ACADEMY = "100004"  # sets its own term dates in the demo file
PRIMARY = "100001"  # follows the council's
HEADINGS = "calendar,type,name,first_day,last_day\n"


def import_text(text: str) -> calendars.Imported:
    with db.transaction() as session:
        return calendars.import_csv(session, text.encode())


def problems_of(text: str | bytes) -> list[calendars.Problem]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(CalendarProblems) as caught, db.transaction() as session:
        calendars.import_csv(session, data)
    return caught.value.problems


def stored() -> set[tuple]:
    with db.transaction() as session:
        terms = session.execute(
            select(SchoolTerm.calendar, SchoolTerm.name, SchoolTerm.starts_on, SchoolTerm.ends_on)
        ).all()
        closures = session.execute(
            select(SchoolClosure.calendar, SchoolClosure.reason, SchoolClosure.day)
        ).all()
    return {("term", *row) for row in terms} | {("closure", *row) for row in closures}


@pytest.fixture
def demo(clean_db) -> None:
    import_text(DEMO_CSV)


# --- Counting school days -------------------------------------------------------------


def test_twenty_school_days_skip_the_october_half_term_both_ways(demo):
    with db.transaction() as session:
        council_days = school_calendar(session)
    # Mon 20 to Fri 24 Oct are 5; half-term week 27-31 Oct is not counted; 15 more in November.
    assert add_days(council_days, date(2025, 10, 17), 20) == date(2025, 11, 21)
    assert days_between(council_days, date(2025, 10, 17), date(2025, 11, 21)) == 20
    assert days_between(council_days, date(2025, 11, 21), date(2025, 10, 17)) == -20
    # The half-term week itself holds no school days.
    assert days_between(council_days, date(2025, 10, 24), date(2025, 11, 2)) == 0


def test_an_inset_day_is_not_a_school_day_both_ways(demo):
    with db.transaction() as session:
        council_days = school_calendar(session)
    # Spring term starts Mon 5 Jan 2026 with an INSET day: school days are 6, 7, 8, 9, 12 Jan.
    assert not council_days.counts(date(2026, 1, 5))
    assert add_days(council_days, date(2025, 12, 19), 5) == date(2026, 1, 12)
    assert days_between(council_days, date(2025, 12, 19), date(2026, 1, 12)) == 5
    # Taking the INSET day away makes it a school day: the same count ends a day sooner.
    with db.transaction() as session:
        inset = session.scalars(
            select(SchoolClosure)
            .where(SchoolClosure.calendar == "council")
            .where(SchoolClosure.day == date(2026, 1, 5))
        ).one()
        calendars.remove_closure(session, "council", inset.id)
        assert add_days(school_calendar(session), date(2025, 12, 19), 5) == date(2026, 1, 9)


def test_a_school_with_its_own_calendar_counts_its_own_days(demo):
    with db.transaction() as session:
        academy = school_calendar(session, ACADEMY)
        primary = school_calendar(session, PRIMARY)
        unknown = school_calendar(session, "999999")
    assert (academy.key, primary.key, unknown.key) == (ACADEMY, "council", "council")
    # The academy's half-term is two weeks (20-31 Oct) and 3 Nov is its INSET day.
    assert add_days(academy, date(2025, 10, 17), 20) == date(2025, 12, 1)
    assert add_days(primary, date(2025, 10, 17), 20) == date(2025, 11, 21)
    # Its polling day is a school day for the council's schools, not for the academy.
    assert not academy.counts(date(2026, 5, 7)) and primary.counts(date(2026, 5, 7))


def test_beyond_the_last_term_entered_every_working_day_counts(demo):
    with db.transaction() as session:
        council_days = school_calendar(session)
        academy = school_calendar(session, ACADEMY)
    assert council_days.known_until == date(2028, 7, 21)
    # 17-20 Jul 2028 are 4 (21 Jul is an INSET day); then the projection: 24-28 Jul and 31 Jul.
    assert add_days(council_days, date(2028, 7, 14), 10) == date(2028, 7, 31)
    # The projection still skips bank holidays (Monday 28 August 2028).
    assert add_days(council_days, date(2028, 8, 25), 1) == date(2028, 8, 29)
    # The academy's entered dates end sooner, so its projection starts in July 2027.
    assert academy.known_until == date(2027, 7, 21)
    assert add_days(academy, date(2027, 7, 21), 1) == date(2027, 7, 22)


def test_each_demo_year_has_190_school_days_and_five_inset_days(demo):
    with db.transaction() as session:
        years = years_of(session, "council")
    assert [year.label for year in years] == ["2025 to 2026", "2026 to 2027", "2027 to 2028"]
    for year in years:
        assert year.school_days == 190, (year.label, year.school_days)
        assert len(year.closures) == 5
        assert len(year.terms) == 6
    # Autumn term 1 of 2025: 38 weekdays from Wednesday 3 September, less 2 INSET days.
    assert years[0].terms[0].school_days == 36


# --- Importing a file -------------------------------------------------------------------


def test_a_good_file_is_imported_and_says_what_it_changed(clean_db):
    imported = import_text(DEMO_CSV)
    assert imported.summary() == [
        "The council's term dates: 18 terms and 15 closure days for 2025 to 2026, "
        "2026 to 2027, 2027 to 2028",
        "Northshire Academy (100004): 12 terms and 11 closure days for 2025 to 2026, 2026 to 2027",
    ]
    with db.transaction() as session:
        council_summary, schools = summaries(session)
    assert council_summary.known_until == date(2028, 7, 21)
    assert [school.key for school in schools] == [ACADEMY]


def test_importing_the_same_file_twice_changes_nothing(clean_db):
    import_text(DEMO_CSV)
    first = stored()
    import_text(DEMO_CSV)
    assert stored() == first
    # Downloading and importing again changes nothing either.
    with db.transaction() as session:
        downloaded = write(session, "council")
    import_text(downloaded)
    assert stored() == first


def test_a_file_replaces_only_the_years_it_covers_for_the_calendars_in_it(demo):
    before = stored()
    # A new 2026-27 for the council: one term, one closure day.
    import_text(
        HEADINGS + "council,term,Whole year,2026-09-01,2027-07-22\n"
        "council,closure,Polling day,06/05/2027,\n"
    )
    after = stored()
    council_2026 = {row for row in before if row[1] == "council" and _year(row) == 2026}
    assert council_2026 and not council_2026 & after
    assert {
        ("term", "council", "Whole year", date(2026, 9, 1), date(2027, 7, 22)),
        ("closure", "council", "Polling day", date(2027, 5, 6)),
    } <= after
    # Other years, and the academy's calendar, are as they were.
    assert {row for row in before if row not in council_2026} <= after


def _year(row: tuple) -> int:
    return calendars.academic_year(row[3])


GOOD_TERM = "council,term,Autumn term 1,2026-09-01,2026-10-23\n"


@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        ("council,term,Autumn term 2,2 Nov 2026,2026-12-18", "first_day", "is not a date we can"),
        ("council,term,Autumn term 2,31/11/2026,2026-12-18", "first_day", "is not a real date"),
        ("council,term,Autumn term 2,2026-11-02,", "last_day", "Enter the term's last day"),
        (
            "council,term,Autumn term 2,2026-12-18,2026-11-02",
            "last_day",
            "The last day, 2 November 2026, is before the first day, 18 December 2026",
        ),
        ("council,term,Late summer,2026-10-19,2026-11-20", "first_day", "overlaps Autumn term 1"),
        ("council,closure,INSET day,2026-10-28,", "first_day", "is not in any term"),
        ("council,closure,INSET day,2026-09-05,", "first_day", "5 September 2026 is a Saturday"),
        ("council,closure,INSET day,2026-09-01,2026-09-02", "last_day", "A closure is one day"),
        ("999999,term,Autumn term 1,2026-09-01,2026-10-23", "calendar", "no school with the URN"),
        ("council,holiday,Half term,2026-10-26,2026-10-30", "type", "must be term or closure"),
        ("council,term,,2026-11-02,2026-12-18", "name", "Enter the term's name"),
        ("council,term,=HYPERLINK(1),2026-11-02,2026-12-18", "name", "start with a letter"),
        ("council,term,Autumn term 2,2026-11-02,2026-12-18,extra", None, "there are 5 headings"),
    ],
)
def test_each_kind_of_bad_row_is_reported_by_row_and_column_and_nothing_is_saved(
    clean_db, bad_row, column, words
):
    problems = problems_of(HEADINGS + GOOD_TERM + bad_row + "\n")
    assert [(p.row, p.column) for p in problems] == [(3, column)], problems
    assert words in problems[0].message
    assert str(problems[0]).startswith(f"Row 3, column {column}: " if column else "Row 3: ")
    assert stored() == set()


def test_a_closure_on_a_bank_holiday_or_twice_is_refused(clean_db):
    problems = problems_of(
        HEADINGS + "council,term,Summer term 1,2027-04-12,2027-05-28\n"
        "council,closure,INSET day,2027-05-03,\n"
        "council,closure,INSET day,2027-04-12,\n"
        "council,closure,Training,12/04/2027,\n"
    )
    assert [(p.row, p.column) for p in problems] == [(3, "first_day"), (5, "first_day")]
    assert "bank holiday (May Day)" in problems[0].message
    assert "already a closure day on row 4" in problems[1].message


def test_every_problem_in_a_file_is_reported_at_once(clean_db):
    problems = problems_of(
        HEADINGS + "council,term,Autumn term 1,2026-09-01,2026-10-23\n"
        "council,closure,,2026-09-05,\n"
        "123,term,Spring,2027-01-04,2027-02-12\n"
        "council,term,Spring,04/01/2027,2027-02-30\n"
    )
    assert [(p.row, p.column) for p in problems] == [
        (3, "first_day"),
        (4, "calendar"),
        (5, "last_day"),
    ]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "The file is empty"),
        (b"\n\n", "The file is empty"),
        (HEADINGS.encode(), "has the headings but no terms"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is an Excel workbook, not a CSV file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "must be a CSV file"),
        ((HEADINGS + "council,term,Été,2026-09-01,2026-10-23\n").encode("latin-1"), "UTF-8"),
        (b"calendar;type;name;first_day;last_day\n", "separated by commas, not semicolons"),
        (b"calendar,kind,name,first_day\n", "no type and last_day columns; kind is not a"),
        (b"x" * (MAX_FILE_BYTES + 1), "must be smaller than 2MB"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(clean_db, data, words):
    problems = problems_of(data)
    assert len(problems) == 1 and problems[0].row is None
    assert words in problems[0].message, problems[0].message


def test_a_file_with_too_many_rows_is_refused(clean_db):
    rows = "council,closure,INSET day,2026-09-01,\n" * (MAX_ROWS + 1)
    (problem,) = problems_of(HEADINGS + rows)
    assert f"It can have at most {MAX_ROWS:,}" in problem.message


def test_a_file_from_excel_with_a_byte_order_mark_and_uk_dates_is_read(clean_db):
    data = (
        "\ufeff" + HEADINGS.upper() + "COUNCIL,Term,Autumn term 1,01/09/2026,23/10/2026\r\n"
        "council,closure,,1/9/2026,\r\n,,,,\r\n"
    ).encode()
    reading = read(data)
    assert reading.problems == [] and reading.file_problem is None
    assert [(e.calendar, e.kind, e.name, e.first_day) for e in reading.entries] == [
        ("council", "term", "Autumn term 1", date(2026, 9, 1)),
        ("council", "closure", "INSET day", date(2026, 9, 1)),
    ]


# --- One term or closure day at a time ------------------------------------------------------


def test_adding_a_term_is_checked_as_a_file_row_would_be(demo):
    with db.transaction() as session:
        term = calendars.add_term(
            session, PRIMARY, "Autumn term 1", date(2026, 9, 3), date(2026, 10, 23)
        )
        assert term.id and school_calendar(session, PRIMARY).key == PRIMARY
    with pytest.raises(CalendarProblems) as caught, db.transaction() as session:
        calendars.add_term(session, PRIMARY, "Extra", date(2026, 10, 20), date(2026, 10, 30))
    (problem,) = caught.value.problems
    assert problem.column == "first_day"
    assert "overlaps Autumn term 1 (3 September 2026 to 23 October 2026)" in problem.message
    with pytest.raises(CalendarProblems), db.transaction() as session:
        calendars.add_term(session, "999999", "Term", date(2026, 9, 3), date(2026, 10, 23))


def test_removing_a_term_takes_its_closure_days_with_it(demo):
    with db.transaction() as session:
        term = session.scalars(
            select(SchoolTerm).where(
                SchoolTerm.calendar == "council", SchoolTerm.starts_on == date(2025, 9, 3)
            )
        ).one()
        removed = calendars.remove_term(session, "council", term.id)
        assert removed is not None and removed[1] == 2
        # Another calendar's term is not found under this one.
        other = session.scalars(select(SchoolTerm).where(SchoolTerm.calendar == ACADEMY)).first()
        assert calendars.remove_term(session, "council", other.id) is None
    council_closures = {row[-1] for row in stored() if row[:2] == ("closure", "council")}
    assert date(2025, 9, 3) not in council_closures and date(2025, 9, 4) not in council_closures
    assert date(2026, 1, 5) in council_closures


def test_adding_a_closure_day_needs_a_weekday_in_term(demo):
    with db.transaction() as session:
        added = calendars.add_closure(session, "council", date(2026, 10, 9), "")
        assert added.reason == "INSET day"
        assert not school_calendar(session).counts(date(2026, 10, 9))
    for day, words in [
        (date(2026, 10, 28), "not in any term"),  # half-term
        (date(2026, 10, 10), "is a Saturday"),
        (date(2026, 10, 9), "already a closure day (INSET day)"),
    ]:
        with pytest.raises(CalendarProblems) as caught, db.transaction() as session:
            calendars.add_closure(session, "council", day, "Training")
        assert words in caught.value.problems[0].message


# --- The council's closure days ----------------------------------------------------------


def test_council_closure_days_are_a_new_rule_version_from_today(clean_db):
    christmas_week = date(2030, 12, 27)  # a Friday
    with db.transaction() as session:
        assert working_calendar(session).counts(christmas_week)
        council.add_council_closure_day(session, christmas_week, "", by="Priya Shah")
        council.add_council_closure_day(session, date(2030, 12, 30), "Office move", by="Priya")
    with db.transaction() as session:
        assert not working_calendar(session).counts(christmas_week)
        assert [(d.day, d.name) for d in council.council_closure_days(session)] == [
            (christmas_week, "Council closure day"),
            (date(2030, 12, 30), "Office move"),
        ]
        versions = session.scalars(
            select(RuleVersion).where(RuleVersion.rule_key == "calendar.council_closure_days")
        ).all()
        # The default (no days) stays on record; today's changes make one new version.
        assert [v.effective_from for v in versions] == [date(2020, 1, 1), clocks.today()]
        assert "Priya" in versions[1].source
        council.remove_council_closure_day(session, christmas_week, by="Priya Shah")
        assert working_calendar(session).counts(christmas_week)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2030, 12, 28), "is a Saturday"),
        (date(2030, 12, 25), "is a bank holiday (Christmas Day)"),
    ],
)
def test_a_council_closure_day_must_be_a_working_day(clean_db, day, words):
    with pytest.raises(CalendarProblems) as caught, db.transaction() as session:
        council.add_council_closure_day(session, day, "", by="Priya Shah")
    assert words in caught.value.problems[0].message
    assert caught.value.problems[0].column == "day"


# --- Running clocks move with the calendar -------------------------------------------------


def _submit(service, received_on: date) -> int:
    with db.transaction() as session:
        application = service.validate(session, valid_answers())
        case, _ = applications.submit(
            session, service, application, channel="web", actor=SYSTEM, received_on=received_on
        )
        return case.id


def _clock(case_id: int) -> CaseClock:
    with db.transaction() as session:
        return session.scalars(select(CaseClock).where(CaseClock.case_id == case_id)).one()


def test_adding_an_inset_day_moves_a_running_school_day_clock(demo):
    fsm = get_service("free-school-meals")
    # The same service with its decision counted in the child's school's days.
    in_school_days = dataclasses.replace(
        fsm,
        clocks=(
            Clock(
                "decision",
                "Decision",
                15,
                "school_days",
                rule="A test clock of 15 school days",
                school=lambda case: case.answers["children"][0]["school_urn"],
            ),
        ),
    )
    case_id = _submit(
        in_school_days, date(2026, 9, 4)
    )  # a Friday, after the INSET days of 2 and 3 September
    assert _clock(case_id).due_on == date(2026, 9, 25)
    with db.transaction() as session:
        calendars.add_closure(session, "council", date(2026, 9, 14), "Polling day")
        moved = clocks.reschedule_running(
            session, units=("school_days",), services={fsm.slug: in_school_days}
        )
        assert moved == 1
        # The first clock is the promise: the case's due date moves with it.
        assert session.get(Case, case_id).due_on == date(2026, 9, 28)
    assert _clock(case_id).due_on == date(2026, 9, 28)


def test_adding_a_council_closure_day_moves_a_running_working_day_clock(clean_db):
    case_id = _submit(get_service("free-school-meals"), date(2030, 3, 4))  # a Monday
    assert _clock(case_id).due_on == date(2030, 3, 18)
    with db.transaction() as session:
        council.add_council_closure_day(session, date(2030, 3, 6), "Office move", by="Tom Evans")
    assert _clock(case_id).due_on == date(2030, 3, 19)
    with db.transaction() as session:
        council.remove_council_closure_day(session, date(2030, 3, 6), by="Tom Evans")
    assert _clock(case_id).due_on == date(2030, 3, 18)


def test_the_published_example_file_imports(clean_db):
    example = PROJECT_ROOT / "docs" / "school-calendar-example.csv"
    imported = import_text(example.read_text())
    assert [(c.key, c.years, c.terms, c.closures) for c in imported.calendars] == [
        ("council", (2026,), 6, 6),
        (ACADEMY, (2026,), 6, 5),
    ]
