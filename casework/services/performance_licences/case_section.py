"""The licence's part of the officer's case page: the first performance (the date the
decision must come before), whether the application came at short notice, the schedule
checked against the limits in force today, the chaperone on the register, the documents
the producer must send, and who is told on grant.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import LONDON, long_date, today
from casework.declaration import CaseSection
from casework.models import Case
from casework.questions import FormContext
from casework.services.performance_licences import (
    chaperone_register,
    councils,
    licence_needed,
    notices,
    rules,
    schedule_answers,
)
from casework.services.performance_licences.questions import school_name


def documents_needed(answers: dict[str, Any]) -> list[str]:
    """The attachments the standard form asks for (RULES.md §5)."""
    needed = [
        "2 photos of the child taken in the last 6 months",
        "the child's birth certificate",
        "the contract, or a draft of it",
    ]
    if any(day.get("school_day") for day in answers.get(schedule_answers.DAYS) or []):
        needed.append("a letter from the head teacher about the days the child will miss school")
    return needed


def received_days_before(case: Case) -> int | None:
    first = schedule_answers.first_performance(case.answers)
    if first is None or case.submitted_at is None:
        return None
    return (first - case.submitted_at.astimezone(LONDON).date()).days


def _load(session: Session, case: Case) -> dict[str, Any]:
    answers = case.answers
    on = today()
    first = schedule_answers.first_performance(answers)
    first_day = schedule_answers.first_day(answers)
    notice_days = rules.value_in_force(session, rules.NOTICE, on)["days"]
    received = received_days_before(case)
    reading = schedule_answers.read(session, answers, on)
    entry = (
        chaperone_register.entry_for(session, answers, on)
        if schedule_answers.in_care_of_chaperone(answers)
        else None
    )
    needed = licence_needed.answer(
        session, answers, on, days_listed=len(answers.get(schedule_answers.DAYS) or [])
    )
    return {
        "first_performance": long_date(first) if first else None,
        "first_day": long_date(first_day) if first_day and first_day != first else None,
        "days_to_go": (first_day - on).days if first_day else None,
        "received_days_before": received,
        "short_notice": received is not None and received < notice_days,
        "notice_days": notice_days,
        "licence_needed": needed.extra["explanation"] if needed else None,
        "age": reading.age,
        "breaches": [b.message for b in reading.result.breaches] if reading.result else [],
        "problems": [] if reading.result else list(reading.errors.values()),
        "chaperone": schedule_answers.in_care_of_chaperone(answers),
        "register": entry.as_dict() if entry else None,
        "documents": documents_needed(answers),
        "school": school_name(answers, FormContext(session)),
        "absences": notices.absence_dates(case),
        "venue_councils": [
            (venue.get("venue_name"), councils.recipient_for(session, venue))
            for venue in answers.get(schedule_answers.VENUES) or []
        ],
    }


SECTION = CaseSection("Performance licence", "performance_licence", _load)
