"""Working days for any year: England's bank holidays (with substitute days) from a
maintained library, and the council's own closure days as rule data."""

from datetime import date

import pytest

from casework import db
from casework.calendars import (
    COUNCIL_CLOSURES,
    WorkingCalendar,
    add_days,
    add_working_days,
    days_between,
    is_working_day,
    working_calendar,
    working_days_between,
)
from casework.models import RuleVersion


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day (substitute)
    assert is_working_day(date(2026, 11, 23))


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Christmas on a Friday: Fri 25 and the substitute for Boxing Day, Mon 28.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # Christmas on a Saturday: substitutes on Mon 27 and Tue 28.
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        # New Year's Day on a Saturday: its substitute is Monday 3 January.
        (date(2027, 12, 31), 1, date(2028, 1, 4)),
        # Past 2028, where the old hand-kept list ended.
        (date(2030, 4, 18), 1, date(2030, 4, 23)),  # Good Friday 19, Easter Monday 22 April
        (date(2032, 12, 24), 1, date(2032, 12, 29)),  # Christmas on a Saturday again
        (date(2033, 12, 30), 1, date(2034, 1, 3)),  # New Year's Day 2034 is a Sunday
        (date(2035, 3, 22), 2, date(2035, 3, 28)),  # Easter 2035: 23 and 26 March
        (date(2026, 11, 20), 10, date(2026, 12, 4)),
    ],
)
def test_adding_working_days_across_christmas_easter_and_substitute_days(start, days, expected):
    assert add_working_days(start, days) == expected
    assert working_days_between(start, expected) == days


def test_working_days_between_counts_both_ways():
    assert working_days_between(date(2026, 11, 20), date(2026, 12, 4)) == 10
    assert working_days_between(date(2026, 12, 4), date(2026, 11, 20)) == -10
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 4)) == 0


def test_council_closure_days_are_not_working_days():
    closed = WorkingCalendar(frozenset({date(2026, 12, 29), date(2026, 12, 30)}))
    assert not closed.counts(date(2026, 12, 29))
    assert add_days(closed, date(2026, 12, 24), 1) == date(2026, 12, 31)
    assert days_between(closed, date(2026, 12, 24), date(2027, 1, 4)) == 2  # 31 Dec, 4 Jan


def test_the_councils_closure_days_are_rule_data_read_from_the_database(database, clean_db):
    with db.transaction() as session:
        assert working_calendar(session).closures == frozenset()  # the default: none
        session.add(
            RuleVersion(
                rule_key=COUNCIL_CLOSURES,
                effective_from=date(2026, 1, 1),
                value=[{"date": "2026-12-29", "name": "Council offices closed"}],
                source="Council decision",
            )
        )
        session.flush()
        calendar = working_calendar(session, date(2026, 12, 1))
    assert calendar.closures == {date(2026, 12, 29)}
    assert add_days(calendar, date(2026, 12, 24), 1) == date(2026, 12, 30)
