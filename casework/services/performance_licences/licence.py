"""The licence the council grants: what it says, as data (``casework.issued``), and issuing
it on the case when an authorised officer grants it.

The licence is the conditions the child may perform under (SI 2014/3309): the days and
times, the venues, who has care of the child, their education, and the licence number
the school, the venue's council and any inspector quote.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.clocks import long_date, today
from casework.issued import IssuedDocument, Paragraphs, Photo, PhotoError, Section, Table, issue
from casework.models import Case, CaseEvent, Document
from casework.questions import FormContext
from casework.questions import shapes as s
from casework.services.performance_licences import councils
from casework.services.performance_licences import schedule_answers as sa
from casework.services.performance_licences.question_kinds import shown
from casework.services.performance_licences.questions import (
    DAY_TYPES,
    PRODUCTION_TYPES,
    school_name,
)
from casework.services.performance_licences.wording import clock
from casework.settings import get_settings
from casework.workflow import SYSTEM, Actor

KIND = "licence"
TITLE = "Child performance licence"


def days_rows(answers: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """Each day as the licence's table shows it, in date order."""
    rows = []
    for day in sorted(answers.get(sa.DAYS) or [], key=lambda d: str(d.get("date"))):
        on = sa.parse_date(day.get("date"))
        education = (
            f"{float(day['education_hours']):g} hours"
            if day.get("school_day")
            else "Not a school day"
        )
        rows.append(
            (
                f"{on:%a} {long_date(on)}" if on else "",
                DAY_TYPES.get(str(day.get("day_type")), ""),
                str(day.get("venue") or ""),
                f"{clock(day['arrive'])} to {clock(day['leave'])}",
                shown(day.get("performing")),
                education,
            )
        )
    return tuple(rows)


def care_of(answers: dict[str, Any]) -> str:
    if sa.in_care_of_chaperone(answers):
        name = s.full_name(answers, "chaperone_")
        number = answers.get("chaperone_approval_number", "")
        tutor = " (also the child's tutor)" if answers.get("chaperone_is_tutor") else ""
        return f"{name}, approved chaperone, approval number {number}{tutor}"
    return f"{s.full_name(answers, 'parent_')}, the child's parent"


def education(answers: dict[str, Any]) -> str:
    if answers.get("tutor") == "yes":
        return f"Taught by {answers.get('tutor_name')} on days the child misses school"
    return "The child is taught at school"


def production_type(answers: dict[str, Any]) -> str:
    if answers.get("production_type") == "other":
        return str(answers.get("production_type_other") or "Other")
    return PRODUCTION_TYPES.get(str(answers.get("production_type")), "")


def details_text(session: Session | None, case: Case) -> str:
    """The licence in plain text, for an email: what the venue's council needs to inspect."""
    a = case.answers
    lines = [
        f"Licence number: {case.reference}",
        f"Child: {s.full_name(a, 'child_')}",
        f"Licence holder: {s.full_name(a)}, {a.get('job_title')}, {a.get('company_name')}",
        f"Production: {a.get('production_name')} ({production_type(a)})",
        f"Looked after by: {care_of(a)}",
        f"Education: {education(a)}",
        "",
        "Days and times:",
    ]
    for date_text, kind, venue, at_venue, performing, school in days_rows(a):
        lines.append(
            f"- {date_text}, {kind.lower()} at {venue}: at the venue {at_venue}, performing "
            f"{performing}. {school}"
        )
    lines += ["", "Venues:"]
    for venue in a.get(sa.VENUES) or []:
        address = ", ".join(s.address_lines(venue, "venue_"))
        lines.append(f"- {venue.get('venue_name')}, {address}")
    return "\n".join(lines)


def _conditions(answers: dict[str, Any]) -> tuple[str, ...]:
    school_days = any(day.get("school_day") for day in answers.get(sa.DAYS) or [])
    conditions = [
        "The child may take part only on the days, at the venues and within the times shown "
        "in this licence.",
        f"The child must be in the care of {care_of(answers)} at all times while taking part, "
        "and while travelling to and from the venue, unless with their parent.",
    ]
    if school_days:
        conditions.append(
            "On each school day shown the child must receive the hours of education shown, "
            "and at least 3 hours. " + education(answers) + "."
        )
    conditions += [
        "The licence holder must keep a record of each day the child takes part (times at "
        "the venue and performing, breaks, education, any injury or illness, and earnings) "
        "and keep it for 6 months after the last performance. The council may inspect it.",
        "The licence holder must tell the council at once if the child is ill or injured.",
        "The council for each venue may inspect the performances without notice.",
        "The council may vary or revoke this licence if its conditions are not kept.",
    ]
    return tuple(conditions)


def _photo(session: Session, case: Case) -> Photo | None:
    """The first photo the producer sent of the child, if one prints."""
    uploads = session.scalars(
        select(Document)
        .where(
            Document.case_id == case.id,
            Document.issued_kind.is_(None),
            Document.content_type.in_(("image/jpeg", "image/png")),
        )
        .order_by(Document.id)
    )
    for upload in uploads:
        try:
            return Photo(upload.content, f"Photo of {s.full_name(case.answers, 'child_')}")
        except PhotoError:
            continue
    return None


def document(session: Session, case: Case, on: date) -> IssuedDocument:
    a = case.answers
    context = FormContext(session)
    first, last = sa.first_day(a), sa.last_day(a)
    born = sa.parse_date(a.get(sa.DATE_OF_BIRTH))
    venues = tuple(
        (
            str(venue.get("venue_name") or ""),
            ", ".join(s.address_lines(venue, "venue_")),
            councils.council_name(session, venue),
        )
        for venue in a.get(sa.VENUES) or []
    )
    return IssuedDocument(
        title=TITLE,
        reference=case.reference,
        issued_on=on,
        photo=_photo(session, case),
        blocks=(
            Section(
                "The licence",
                (
                    ("Licence number", case.reference),
                    ("Granted on", long_date(on)),
                    (
                        "Valid for",
                        f"{long_date(first)} to {long_date(last)}" if first and last else "",
                    ),
                ),
            ),
            Section(
                "The child",
                (
                    ("Name", s.full_name(a, "child_")),
                    ("Date of birth", long_date(born) if born else ""),
                    ("Address", ", ".join(s.address_lines(a, "child_"))),
                    ("School", school_name(a, context)),
                ),
            ),
            Section(
                "The licence holder",
                (
                    ("Name", s.full_name(a)),
                    ("Role", str(a.get("job_title") or "")),
                    ("Company", str(a.get("company_name") or "")),
                    ("Address", ", ".join(s.address_lines(a))),
                ),
            ),
            Section(
                "The production",
                (
                    ("Production", str(a.get("production_name") or "")),
                    ("Type", production_type(a)),
                    ("The child's part", str(a.get("child_part") or "")),
                ),
            ),
            Table(
                "Days and times",
                ("Date", "Type", "Venue", "At the venue", "Performing", "Education"),
                days_rows(a),
            ),
            Table("Venues", ("Venue", "Address", "Council"), venues),
            Section(
                "Care and education",
                (("Looked after by", care_of(a)), ("Education", education(a))),
            ),
            Paragraphs("Conditions", _conditions(a), numbered=True),
        ),
        footer=f"To check this licence is genuine, contact {get_settings().council_name} "
        f"quoting licence number {case.reference}.",
    )


def _granted_by(session: Session, case: Case) -> Actor:
    """The officer whose decision the licence follows (the grant event, just recorded)."""
    event = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "grant")
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    if event is None or event.actor_kind != "officer":
        return SYSTEM
    return Actor(kind="officer", label=event.actor_label, id=event.actor_id)


def issue_licence(session: Session, case: Case) -> None:
    """The grant's effect: the licence PDF, kept on the case for the producer's account."""
    issue(
        session,
        case,
        document(session, case, today()),
        kind=KIND,
        filename=f"performance-licence-{case.reference}.pdf",
        issued_by=_granted_by(session, case),
    )
