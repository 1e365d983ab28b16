from datetime import date

from casework.clocks import add_working_days, is_working_day, working_days_between


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day (substitute)
    assert is_working_day(date(2026, 11, 23))


def test_adding_working_days_skips_christmas():
    # Thursday 24 Dec 2026 + 1 working day: Fri 25 and Mon 28 are bank holidays.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 11, 20), 10) == date(2026, 12, 4)


def test_working_days_between_counts_both_ways():
    assert working_days_between(date(2026, 11, 20), date(2026, 12, 4)) == 10
    assert working_days_between(date(2026, 12, 4), date(2026, 11, 20)) == -10
