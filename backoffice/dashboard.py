"""The dashboard: what is overdue or due soon, and how often cases are decided in time.

A team manager ("manager" or "admin" role) sees the overdue and due-soon cases of their
services by officer, and those no one has taken; any other officer sees their own and the
unassigned ones (what their daily digest lists). Every count links to the queue filtered
the same way, and the counts come from the same conditions as the queue's filters
(``casework.deadlines``), so a count is exactly the number of cases its link shows.

The performance figures (``casework.performance``) are a chart of plain HTML and CSS (no
JavaScript; each bar has its percentage in words), a table of the same figures, and a CSV.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backoffice.pages import page, services_for
from backoffice.queue import UNASSIGNED
from casework import clocks, db, deadlines, performance, teams
from casework.deadlines import Counts
from casework.declaration import ServiceDeclaration
from casework.models import Officer
from casework.workflow import Actor
from portal.auth import require_officer

CSV_PATH = "/backoffice/dashboard/performance.csv"


def _queue_link(assignee: str, which: str) -> str:
    return "/backoffice/?" + urlencode({which: "yes", "assignee": assignee})


def _row(name: str, assignee: str, counts: Counts, whose: str) -> dict[str, Any]:
    """One line of the by-officer table; ``whose`` finishes the links' hidden text."""
    return {
        "name": name,
        "overdue": counts.overdue,
        "due_soon": counts.due_soon,
        "overdue_href": _queue_link(assignee, "overdue") if counts.overdue else None,
        "due_soon_href": _queue_link(assignee, "due_soon") if counts.due_soon else None,
        "whose": whose,
    }


def _team_rows(
    session: Session, officer: Actor, services: list[ServiceDeclaration], today: date
) -> list[dict[str, Any]]:
    counts = deadlines.counts_by_assignee(session, services, today)
    people = {o.id: (o.name, o.email) for o in teams.team(session, [s.slug for s in services])}
    # Cases may still be assigned to someone who has left the team or been disabled.
    missing = [i for i in counts if i is not None and i not in people]
    if missing:
        named = select(Officer.id, Officer.name, Officer.email).where(Officer.id.in_(missing))
        people.update(
            (officer_id, (name, email)) for officer_id, name, email in session.execute(named)
        )
    # Two officers may share a name: their email tells the manager which is which.
    names = [name for name, _ in people.values()]
    members = {
        officer_id: name if names.count(name) == 1 else f"{name} ({email})"
        for officer_id, (name, email) in people.items()
    }
    rows = [
        _row(
            "You" if officer_id == officer.id else name,
            str(officer_id),
            counts.get(officer_id, Counts()),
            "assigned to you" if officer_id == officer.id else f"assigned to {name}",
        )
        for officer_id, name in sorted(members.items(), key=lambda item: (item[1], item[0]))
    ]
    rows.append(_row("Not assigned", UNASSIGNED, counts.get(None, Counts()), "not assigned"))
    return rows


def _own_rows(
    session: Session, officer: Actor, services: list[ServiceDeclaration], today: date
) -> list[dict[str, Any]]:
    counts = deadlines.counts_by_assignee(session, services, today, [officer.id, None])
    return [
        _row("You", str(officer.id), counts.get(officer.id, Counts()), "assigned to you"),
        _row("Not assigned", UNASSIGNED, counts.get(None, Counts()), "not assigned"),
    ]


def _context(officer: Actor) -> dict[str, Any]:
    services = services_for(officer)
    today = clocks.today()
    manager = teams.manages_team(officer)
    rows: list[dict[str, Any]] = []
    figures: list[performance.ClockFigures] = []
    if services:
        with db.transaction() as session:
            rows = (_team_rows if manager else _own_rows)(session, officer, services, today)
            figures = performance.figures(session, services, today)
    return {
        "services": services,
        "manager": manager,
        "rows": rows,
        "totals": {
            "overdue": sum(row["overdue"] for row in rows),
            "due_soon": sum(row["due_soon"] for row in rows),
        },
        "figures": figures,
        "today": today,
        "csv_path": CSV_PATH,
    }


async def dashboard(request: Request) -> Response:
    officer = require_officer(request)
    return page(request, "backoffice/dashboard.html", _context(officer), officer=officer)


async def performance_csv(request: Request) -> Response:
    officer = require_officer(request)
    services = services_for(officer)
    today = clocks.today()
    with db.transaction() as session:
        body = performance.as_csv(performance.figures(session, services, today))
    filename = f"performance-{today:%Y-%m-%d}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


routes = [
    Route("/dashboard", dashboard, methods=["GET"]),
    Route("/dashboard/performance.csv", performance_csv, methods=["GET"]),
]
