"""Opening an inspection for a performance licence the council granted itself.

The performance licences service calls ``open_inspection(session, licence_case)`` from its
grant's effect, in the grant's transaction. For the licence's venues in the council's own
area it opens an inspection case with the same answers a notifying council gives (so one
form, one workflow, one queue), made by the "council" channel, and links the licence to it.

A production licenses each child separately, but is inspected once per period: a second
licence for the same production, holder and venues, within the dates already covered,
joins the open inspection rather than opening another.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import applications
from casework.clocks import today
from casework.fields import errors_from
from casework.models import Case
from casework.questions import shapes as s
from casework.services.performance_inspections import links, rules
from casework.services.performance_inspections.questions import PRODUCTION_TYPES, VENUES
from casework.settings import get_settings
from casework.workflow import SYSTEM, record_event

logger = logging.getLogger(__name__)

SLUG = "performance-inspections"
COUNCIL_CHANNEL = "council"
# On the licence case's timeline.
INSPECTION_OPENED = "inspection_opened"


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _in_our_area(session: Session, venue: dict[str, Any]) -> bool:
    # The licences service knows which council each venue is in (its own rule data); read
    # here, at call time, so neither service imports the other at import time.
    from casework.services.performance_licences import councils

    return councils.council_name(session, venue) == get_settings().council_name


def _venue_answers(licence: dict[str, Any], venue: dict[str, Any]) -> dict[str, Any] | None:
    """One venue of the licence as an inspection's venue: its first and last day from the
    licence's days at that venue (all the days, if none names it)."""
    name = str(venue.get("venue_name") or "").strip()
    days = licence.get("days") or []
    at_venue = [d for d in days if str(d.get("venue") or "").strip().casefold() == name.casefold()]
    dates = [day for d in (at_venue or days) if (day := _day(d.get("date"))) is not None]
    if not dates:
        return None
    return {
        "venue_name": name,
        "venue_address": ", ".join(
            str(venue[key])
            for key in ("venue_address_line_1", "venue_address_line_2", "venue_town")
            if venue.get(key)
        )
        or name,
        "venue_postcode": venue.get("venue_postcode") or "",
        "first_day": min(dates).isoformat(),
        "last_day": max(dates).isoformat(),
        "times": "",
    }


def inspection_answers(
    session: Session, licence_case: Case, venues: list[dict[str, Any]]
) -> dict[str, Any]:
    licence = licence_case.answers
    team = rules.value(session, rules.TEAM, today())
    kind = str(licence.get("production_type") or "")
    return {
        "notifier_name": team["name"],
        "notifier_role": "",
        "email": team["email"],
        "phone": "",
        "licence_number": licence_case.reference,
        "issuing_council": get_settings().council_name,
        "children_count": 1,
        "production_name": licence.get("production_name") or "",
        "production_type": kind if kind in PRODUCTION_TYPES else "other",
        "licence_holder": licence.get("company_name") or s.full_name(licence).strip(),
        "holder_phone": "",
        "chaperone": "",
        VENUES: venues,
    }


def _covers(inspection: Case, answers: dict[str, Any]) -> bool:
    """Whether an open inspection already covers these venues and days (same production)."""
    held = inspection.answers
    same = all(
        str(held.get(key) or "").casefold() == str(answers.get(key) or "").casefold()
        for key in ("production_name", "licence_holder")
    )
    if not same:
        return False
    periods = {
        str(v.get("venue_postcode")): (v.get("first_day"), v.get("last_day"))
        for v in held.get(VENUES) or []
    }
    for venue in answers[VENUES]:
        period = periods.get(str(venue["venue_postcode"]))
        if period is None or not (
            period[0] <= venue["first_day"] <= venue["last_day"] <= period[1]
        ):
            return False
    return True


def _open_inspections(session: Session) -> list[Case]:
    from casework.services.performance_inspections.workflow import OPEN

    return list(
        session.scalars(
            select(Case).where(
                Case.service == SLUG,
                Case.channel == COUNCIL_CHANNEL,
                Case.status.in_(OPEN),
            )
        )
    )


def open_inspection(
    session: Session,
    licence_case: Case,
    *,
    venues: list[dict[str, Any]] | None = None,
) -> Case | None:
    """The inspection case for a licence the council granted, opened or joined; None when
    no venue of the licence is in the council's area, or its days are over.

    ``venues``: the licence's venue answers in our area, if the caller knows them better;
    by default those whose council is this council.
    """
    from casework.catalogue import get_service

    service = get_service(SLUG)
    licence = licence_case.answers
    ours = (
        venues
        if venues is not None
        else [v for v in licence.get(VENUES) or [] if _in_our_area(session, v)]
    )
    periods = [p for v in ours if (p := _venue_answers(licence, v)) is not None]
    periods = [p for p in periods if p["last_day"] >= today().isoformat()]
    if not periods:
        return None
    answers = inspection_answers(session, licence_case, periods)

    for inspection in _open_inspections(session):
        if _covers(inspection, answers):
            links.link(session, inspection, licence_case)
            _opened(session, licence_case, inspection, joined=True)
            return inspection

    try:
        application = service.validate(session, answers)
    except ValidationError as exc:
        # Never block the grant: the licence is granted, and an officer opens the
        # inspection by hand from what the licence says.
        problems = "; ".join(errors_from(exc).values())
        logger.warning("No inspection opened for %s: %s", licence_case.reference, problems)
        licence_case.attention = (
            f"Open an inspection for this licence by hand (paper form): {problems}"
        )
        return None
    inspection, created = applications.submit(
        session,
        service,
        application,
        channel=COUNCIL_CHANNEL,
        actor=SYSTEM,
        idempotency_key=f"inspection:{licence_case.reference}",
    )
    if not created:
        return inspection  # opened for this licence already
    links.link(session, inspection, licence_case)
    _opened(session, licence_case, inspection, joined=False)
    return inspection


def _opened(session: Session, licence_case: Case, inspection: Case, *, joined: bool) -> None:
    how = "added to" if joined else "opened as"
    record_event(
        session,
        licence_case,
        SYSTEM,
        INSPECTION_OPENED,
        reason=f"Inspection of the venues in our area {how} {inspection.reference}",
        data={"inspection": inspection.reference},
    )
