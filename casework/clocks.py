"""Working days and the statutory clocks built on them.

Bank holidays are rule data (England and Wales), kept in ``data/bank_holidays.json`` so a
council can extend the list without a code change.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "bank_holidays.json"


@lru_cache
def bank_holidays() -> frozenset[date]:
    return frozenset(date.fromisoformat(day) for day in json.loads(_DATA.read_text()))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the start day itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def long_date(day: date) -> str:
    """A date as people read it, "14 December 2026": the one way pages and messages write
    a date, so a date promised on a page and in a message reads the same in both."""
    return f"{day.day} {day:%B %Y}"


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
