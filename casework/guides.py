"""How to apply for each children's service, in plain language, with its key dates.

A guide per service the council offers or will offer. Services already in the catalogue
take their summary, who-qualifies and key dates from their declaration; the others say how
to apply today (by phone or form) until their declaration arrives. The assistant and any
other channel read these through the API, so no channel keeps its own dates or rules.

School admissions dates are the national closing and offer dates (School Admissions Code,
Co-ordination Regulations), moved to the next working day when they fall on a weekend or
bank holiday.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from casework.catalogue import KeyDate, find_service
from casework.clocks import is_working_day

CONTACT = "Call us on 0300 123 4567 (Monday to Friday, 9am to 5pm)"


@dataclass(frozen=True)
class Guide:
    slug: str
    name: str
    summary: str
    # May contain {apply_url}, filled in by the channel with the council's own address.
    how_to_apply: str
    who_qualifies: str = ""
    # Key dates worked out for a given day (e.g. the next closing date).
    dates: Callable[[date], tuple[KeyDate, ...]] = lambda today: ()


@dataclass(frozen=True)
class GuideAnswer:
    slug: str
    name: str
    summary: str
    how_to_apply: str
    eligibility_summary: str
    key_dates: tuple[KeyDate, ...]
    apply_online: bool


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


GUIDES: dict[str, Guide] = {
    guide.slug: guide
    for guide in (
        Guide(
            "free-school-meals",
            "Free school meals",
            "",
            "Apply online at {apply_url}. You need your National Insurance number (or asylum "
            "support reference) and your children's dates of birth and schools. We check "
            "eligibility straight away in most cases.",
        ),
        Guide(
            "school-places",
            "School places",
            "Apply to your home council for a place at a primary or secondary school, or to "
            "move school during the year. You can name at least 3 schools, in order.",
            f"Apply through the council's school admissions service. {CONTACT} for a form "
            "or help. If you are refused a place, you can appeal.",
            "Every child of school age who lives in the area can apply.",
            admissions_dates,
        ),
        Guide(
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
        Guide(
            "child-employment",
            "Child employment permits",
            "Children of school age who work part time (such as a paper round) need a permit "
            "from the council.",
            f"The employer applies, with the parent's consent, within a week of the job "
            f"starting. {CONTACT} for the form.",
            "Children aged 13 (light work only) to the end of year 11. There are limits on "
            "hours and on the kinds of work.",
        ),
        Guide(
            "performance-licences",
            "Child performance licences",
            "A child needs a licence to take part in paid performances, broadcasts, films, "
            "paid sport or modelling.",
            f"The producer applies to the child's home council at least 21 days before the "
            f"first performance. {CONTACT} for the form.",
            "Any child of school age or younger. Some performances are exempt if nothing "
            "beyond expenses is paid.",
        ),
        Guide(
            "chaperones",
            "Chaperone approval",
            "Adults who look after children performing under a licence must be approved "
            "chaperones, unless they are the child's parent or teacher.",
            f"Apply to the council where you live. {CONTACT} for the form. We need an "
            "enhanced DBS check, 2 references, an interview and safeguarding training. "
            "Approval lasts 3 years.",
            "Adults aged 18 or over.",
        ),
        Guide(
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


def find_guide(slug: str) -> Guide | None:
    return GUIDES.get(slug)


def answer(session: Session, guide: Guide, today: date | None = None) -> GuideAnswer:
    """The guide for today: a declared service's own summary, rules and dates first."""
    today = today or date.today()
    service = find_service(guide.slug)
    if service is not None:
        return GuideAnswer(
            slug=guide.slug,
            name=service.name,
            summary=service.summary,
            how_to_apply=guide.how_to_apply,
            eligibility_summary=service.eligibility_summary(session),
            key_dates=service.key_dates + guide.dates(today),
            apply_online=service.apply_online,
        )
    return GuideAnswer(
        slug=guide.slug,
        name=guide.name,
        summary=guide.summary,
        how_to_apply=guide.how_to_apply,
        eligibility_summary=guide.who_qualifies,
        key_dates=guide.dates(today),
        apply_online=False,
    )
