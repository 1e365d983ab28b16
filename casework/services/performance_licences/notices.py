"""Whom a granted licence is sent to besides the producer, in the grant's transaction.

- The child's school: the days of absence the licence approves, so it can record them.
- The council where each venue is: a copy of the licence, in time to arrange an inspection
  (it inspects every licensed performance in its area, whoever licensed the child).
- The child's parent: the licence is granted, and for which days and times.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import outbox
from casework.clocks import long_date
from casework.models import Case, School
from casework.questions import shapes as s
from casework.services.performance_licences import councils, licence
from casework.services.performance_licences import messages as m
from casework.services.performance_licences import schedule_answers as sa


def absence_dates(case: Case) -> list[str]:
    """The school days the child is away, as "Monday 1 March 2027", in date order."""
    found = []
    for day in sorted(case.answers.get(sa.DAYS) or [], key=lambda d: str(d.get("date"))):
        on = sa.parse_date(day.get("date"))
        if day.get("school_day") and on is not None:
            found.append(f"{on:%A} {long_date(on)}")
    return found


def tell_school(session: Session, case: Case) -> None:
    dates = absence_dates(case)
    urn = case.answers.get("child_school")
    if not dates or not urn:
        return
    school = session.scalars(select(School).where(School.urn == urn)).first()
    if school is None or not school.email:
        return  # a school outside our area, or none: the officer tells it (case page)
    born = sa.parse_date(case.answers.get(sa.DATE_OF_BIRTH))
    outbox.queue(
        session,
        m.SCHOOL_TOLD.name,
        "email",
        school.email,
        {
            "school_name": school.name,
            "child_name": s.full_name(case.answers, "child_"),
            "child_date_of_birth": long_date(born) if born else "",
            "production_name": case.answers.get("production_name", ""),
            "absence_dates": dates,
            "reference": case.reference,
        },
        case_id=case.id,
    )


def tell_venue_councils(session: Session, case: Case) -> None:
    """One copy to each council, naming its venues (two venues in one council, one email)."""
    by_council: dict[tuple[str, str], list[str]] = {}
    for venue in case.answers.get(sa.VENUES) or []:
        recipient = councils.recipient_for(session, venue)
        names = by_council.setdefault((recipient.council_name, recipient.email), [])
        names.append(str(venue.get("venue_name") or "the venue"))
    details = licence.details_text(session, case)
    for (council_name, email), venues in by_council.items():
        outbox.queue(
            session,
            m.VENUE_COUNCIL_TOLD.name,
            "email",
            email,
            {
                "venue_council_name": council_name,
                "venue_name": " and ".join(venues),
                "reference": case.reference,
                "child_name": s.full_name(case.answers, "child_"),
                "production_name": case.answers.get("production_name", ""),
                "company_name": case.answers.get("company_name", ""),
                "licence_details": details,
            },
            case_id=case.id,
        )


def tell_parent(session: Session, case: Case) -> None:
    a = case.answers
    personalisation = {
        "parent_name": s.full_name(a, "parent_"),
        "child_name": s.full_name(a, "child_"),
        "production_name": a.get("production_name", ""),
        "company_name": a.get("company_name", ""),
        "reference": case.reference,
        "schedule": [
            f"{date_text}, {venue}: at the venue {at_venue}, performing {performing}"
            for date_text, _, venue, at_venue, performing, _ in licence.days_rows(a)
        ],
    }
    for channel, recipient in (("email", a.get("parent_email")), ("sms", a.get("parent_mobile"))):
        if recipient:
            outbox.queue(
                session, m.PARENT_GRANTED.name, channel, recipient, personalisation, case_id=case.id
            )


def open_inspections(session: Session, case: Case) -> None:
    """Every licensed performance in the council's area is inspected: a grant opens (or
    joins) an inspection case for the venues in our area (performance-inspections)."""
    # Imported here: each service reads the other only when a licence is granted.
    from casework.services.performance_inspections.opening import open_inspection

    open_inspection(session, case)
