"""The inspection's own part of the officer's case page: the day the children must be
inspected by and how far off it is, each venue (each period) against the visits recorded,
and the council's own licences the inspection is for.

The "inspect by" date is the last day at any venue. It is shown here and flagged by
``tasks.flag_uninspected`` rather than kept as a clock: a ``Clock`` counts a fixed length
from a start, and this one's end comes from the answers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework import cases
from casework.clocks import long_date, today
from casework.declaration import CaseSection
from casework.models import Case
from casework.services.performance_inspections import links
from casework.services.performance_inspections.questions import VENUES, last_day
from casework.services.performance_inspections.workflow import VISITS


def _when(days: int) -> str:
    if days < 0:
        return f"ended {-days} {'day' if days == -1 else 'days'} ago"
    if days == 0:
        return "today"
    return f"in {days} {'day' if days == 1 else 'days'}"


def load(session: Session, case: Case) -> dict[str, Any]:
    last = last_day(case.answers)
    visits = sum(1 for event in cases.events(session, case.id) if event.action in VISITS)
    venues = case.answers.get(VENUES) or []
    return {
        "inspect_by": long_date(last) if last else "",
        "how_soon": _when((last - today()).days) if last else "",
        "over": last is not None and last < today(),
        "venues": [
            {
                "name": venue.get("venue_name") or "",
                "dates": " to ".join(
                    long_date(day)
                    for day in (_iso(venue.get("first_day")), _iso(venue.get("last_day")))
                    if day
                ),
            }
            for venue in venues
        ],
        "visits": visits,
        "licences": [licence.reference for licence in links.licences(session, case)],
    }


def _iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


INSPECTION = CaseSection("Inspection", "inspection", load)
