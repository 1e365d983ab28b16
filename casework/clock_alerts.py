"""The daily digest: each officer's email of cases near or past a clock.

Each working morning (the worker's beat, ``portal.worker``) every active officer with
something to report gets one email listing the open cases assigned to them and the
unassigned cases of the services they work on (an administrator works on all) that are
overdue or due soon (``casework.deadlines``). An officer with nothing to report gets
nothing.

Once a day, however many times the task runs (two beats, a retry, two workers at the same
moment): each digest is a ``ClockDigest`` row, unique per officer and day, inserted with
ON CONFLICT DO NOTHING in the same transaction as its outbox row. A second run's insert
waits for the first's transaction and then inserts nothing, so it queues nothing; had the
first rolled back, the second sends instead. Checking first and inserting after would let
two runs both see "not sent yet".
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casework import clocks, db, deadlines, outbox, teams
from casework.calendars import working_calendar
from casework.catalogue import all_services
from casework.clocks import ClockView, long_date
from casework.declaration import ServiceDeclaration
from casework.messages import CLOCK_DIGEST
from casework.models import Case, ClockDigest, Officer
from casework.settings import get_settings

log = logging.getLogger(__name__)

TASK = "clocks.send_daily_digest"
# An administrator of a large council could have hundreds; the email lists this many of
# each and sends them to the queue for the rest.
LIST_LIMIT = 50


@dataclass(frozen=True)
class Line:
    """One case in a digest."""

    reference: str
    service: str  # the service's name
    text: str  # e.g. "decision overdue by 2 working days"
    assigned: bool  # to the officer (else to no one)

    def markdown(self, base_url: str) -> str:
        who = "" if self.assigned else ", not assigned"
        url = f"{base_url}/backoffice/cases/{self.reference}"
        return f"* {self.reference} ({self.service}{who}): {self.text} – {url}"


@dataclass
class Digest:
    officer_id: int
    officer_name: str
    email: str
    overdue: list[Line] = field(default_factory=list)
    due_soon: list[Line] = field(default_factory=list)

    def personalisation(self, today: date) -> dict[str, str]:
        base_url = get_settings().public_base_url.rstrip("/")
        return {
            "officer_name": self.officer_name,
            "date": long_date(today),
            "overdue_count": str(len(self.overdue)),
            "due_soon_count": str(len(self.due_soon)),
            "overdue_list": _listed(self.overdue, base_url, "No cases are overdue."),
            "due_soon_list": _listed(self.due_soon, base_url, "No cases are due soon."),
            "queue_url": f"{base_url}/backoffice/?overdue=yes&due_soon=yes",
        }


def _listed(lines: list[Line], base_url: str, none: str) -> str:
    if not lines:
        return none
    shown = [line.markdown(base_url) for line in lines[:LIST_LIMIT]]
    if len(lines) > LIST_LIMIT:
        shown.append(f"* and {len(lines) - LIST_LIMIT} more: see the queue")
    return "\n".join(shown)


@dataclass(frozen=True)
class LateCase:
    """An open case near or past a clock, as the digest tells it."""

    case: Case
    service: ServiceDeclaration
    overdue: bool
    text: str


def _text(case: Case, views: list[ClockView], overdue: bool) -> str:
    """The words for the clock that puts the case in the digest."""
    for view in views:
        if (view.overdue if overdue else view.near) and view.remaining is not None:
            words = view.text[0].lower() + view.text[1:]
            return f"{view.clock.label.lower()} {words}"
    # No clock says so: the case's own promised date has passed.
    return f"due on {long_date(case.due_on)}" if case.due_on else "overdue"


def late_cases(
    session: Session, services: Sequence[ServiceDeclaration], today: date
) -> list[LateCase]:
    """Every open case of these services that is overdue or due soon, soonest due first."""
    rows = session.execute(
        select(Case, deadlines.overdue(today))
        .where(deadlines.open_in(services), deadlines.overdue_or_due_soon(today))
        .order_by(Case.due_on.asc().nulls_last(), Case.id)
    ).all()
    by_slug = {service.slug: service for service in services}
    found = [case for case, _ in rows]
    views = clocks.views(session, by_slug, found, today)
    return [
        LateCase(case, by_slug[case.service], bool(late), _text(case, views.get(case.id, []), late))
        for case, late in rows
    ]


def digests(session: Session, today: date) -> list[Digest]:
    """What each active officer would be sent today; officers with nothing are left out."""
    services = all_services()
    late = late_cases(session, services, today)
    result = []
    officers = session.scalars(select(Officer).where(Officer.active.is_(True)).order_by(Officer.id))
    for officer in officers:
        covered = set(teams.covers(officer.roles or [], (s.slug for s in services)))
        digest = Digest(officer.id, officer.name, officer.email)
        for item in late:
            case = item.case
            if case.service not in covered or case.assignee_id not in (None, officer.id):
                continue
            line = Line(case.reference, item.service.name, item.text, case.assignee_id is not None)
            (digest.overdue if item.overdue else digest.due_soon).append(line)
        if digest.overdue or digest.due_soon:
            result.append(digest)
    return result


def _claim(session: Session, digest: Digest, today: date) -> int | None:
    """Record today's digest for the officer; None if one is already recorded (or being
    recorded by a transaction not yet committed, which this waits for)."""
    values = {
        "officer_id": digest.officer_id,
        "day": today,
        "overdue": len(digest.overdue),
        "due_soon": len(digest.due_soon),
    }
    # PostgreSQL in production, SQLite for a local run: both say ON CONFLICT DO NOTHING.
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(ClockDigest)
        .values(values)
        .on_conflict_do_nothing(index_elements=["officer_id", "day"])
        .returning(ClockDigest.id)
    )
    return session.scalar(statement)


def send_one(session: Session, digest: Digest, today: date) -> bool:
    """Queue the officer's digest for today, unless it went already. True if queued."""
    claimed = _claim(session, digest, today)
    if claimed is None:
        return False
    message = outbox.queue(
        session, CLOCK_DIGEST.name, "email", digest.email, digest.personalisation(today)
    )
    session.execute(
        update(ClockDigest).where(ClockDigest.id == claimed).values(outbox_message_id=message.id)
    )
    return True


def send_daily_digest(today: date | None = None) -> int:
    """Send today's digests; returns how many were queued by this run.

    Each officer's digest has its own transaction, so one that fails leaves the others
    sent; the failure is raised at the end, and a rerun sends only what is missing.
    """
    today = today or clocks.today()
    with db.transaction() as session:
        if not working_calendar(session, today).counts(today):
            return 0  # the council is closed: the beat runs on weekdays, bank holidays too
        planned = digests(session, today)
    sent = 0
    failed: list[int] = []
    for digest in planned:
        try:
            with db.transaction() as session:
                sent += send_one(session, digest, today)
        except Exception:
            log.exception("The clock digest for officer %s was not queued", digest.officer_id)
            failed.append(digest.officer_id)
    if failed:
        raise RuntimeError(f"Clock digests not queued for officers {failed}")
    return sent


def daily_digest_task() -> int:
    """The worker's task (``TASK``): today's digests."""
    return send_daily_digest()
