"""Guides for services the council offers but has not yet taken online.

Each says how to apply today (by phone or form) until the service's own folder and
declaration arrive, when its declaration's guide takes over. School admissions dates are
the national closing and offer dates (School Admissions Code, Co-ordination Regulations),
moved to the next working day when they fall on a weekend or bank holiday.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from casework.calendars import is_working_day
from casework.declaration import KeyDate

CONTACT = "Call us on 0300 123 4567 (Monday to Friday, 9am to 5pm)"


@dataclass(frozen=True)
class UpcomingGuide:
    slug: str
    name: str
    summary: str
    how_to_apply: str
    who_qualifies: str = ""
    # Key dates worked out for a given day (e.g. the next closing date).
    dates: Callable[[date], tuple[KeyDate, ...]] = lambda today: ()


def _working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _next(today: date, month: int, day: int) -> date:
    """The next occurrence of a day of the year, on or after today (before moving it)."""
    this_year = date(today.year, month, day)
    return (
        this_year
        if _working_day_on_or_after(this_year) >= today
        else this_year.replace(year=today.year + 1)
    )


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def admissions_dates(today: date) -> tuple[KeyDate, ...]:
    secondary_close = _next(today, 10, 31)
    secondary_offer = date(secondary_close.year + 1, 3, 1)
    primary_close = _next(today, 1, 15)
    primary_offer = date(primary_close.year, 4, 16)
    return (
        KeyDate(
            "Secondary school (year 7) closing date",
            _long(_working_day_on_or_after(secondary_close)),
        ),
        KeyDate("Secondary offer day", _long(_working_day_on_or_after(secondary_offer))),
        KeyDate(
            "Primary school (reception and junior) closing date",
            _long(_working_day_on_or_after(primary_close)),
        ),
        KeyDate("Primary offer day", _long(_working_day_on_or_after(primary_offer))),
        KeyDate("Moving school during the year", "Apply at any time"),
    )


def early_years_dates(today: date) -> tuple[KeyDate, ...]:
    return (
        KeyDate(
            "When funding starts",
            "The term after your child reaches the age: born 1 January to 31 March, from "
            "1 April; 1 April to 31 August, from 1 September; 1 September to 31 December, "
            "from 1 January",
        ),
        KeyDate(
            "Code deadlines",
            "Get your code by 31 March, 31 August or 31 December for the term after, and "
            "reconfirm it every 3 months",
        ),
    )


UPCOMING: dict[str, UpcomingGuide] = {
    guide.slug: guide
    for guide in (
        UpcomingGuide(
            "school-places",
            "School places",
            "Apply to your home council for a place at a primary or secondary school, or to "
            "move school during the year. You can name at least 3 schools, in order.",
            f"Apply through the council's school admissions service. {CONTACT} for a form "
            "or help. If you are refused a place, you can appeal.",
            "Every child of school age who lives in the area can apply.",
            admissions_dates,
        ),
        UpcomingGuide(
            "school-transport",
            "Home to school transport",
            "Free transport for children who live beyond walking distance of their nearest "
            "suitable school, or who cannot walk there safely.",
            f"{CONTACT} to apply. Apply when you accept a school place, or when you move.",
            "Children under 8 who live more than 2 miles, or 8 and over who live more than "
            "3 miles, from their nearest suitable school; children who cannot walk because "
            "of special educational needs, a disability or mobility problems, or because the "
            "route is not safe; and children from low-income families, for longer distances.",
        ),
        UpcomingGuide(
            "early-years-funding",
            "Early years funding (free childcare)",
            "Funded childcare hours at nurseries, childminders and schools.",
            "Working parents get a code from the government's childcare service and give it "
            "to their provider. For 15 hours for 2-year-olds on some benefits, and the "
            f"universal 15 hours for 3 and 4-year-olds, ask your provider or {CONTACT}. "
            "Providers claim funding from us each term.",
            "15 hours for all 3 and 4-year-olds; 15 hours for 2-year-olds in families who "
            "get some benefits; up to 30 hours for working parents of children aged 9 months "
            "and over.",
            early_years_dates,
        ),
    )
}
