"""The queue: the cases of the officer's services, filtered, oldest deadline first.

The filter form is a plain GET form, so it works without JavaScript and every view has a
URL. With htmx the form asks for the results only (``HX-Request``) and swaps them in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backoffice.pages import page, services_for, state_of
from casework import cases, clocks, db, teams
from casework.clocks import ClockView
from casework.declaration import ServiceDeclaration
from casework.workflow import Actor
from portal.auth import require_officer
from portal.templating import LONDON, is_htmx

PER_PAGE = 50
SEARCH_MAX = 100  # longer than any name, reference or postcode
MAX_PAGE = 100_000
OPEN = "open"  # the default: every state that still needs someone
ALL = "all"
UNASSIGNED = "none"  # the assignee filter's value for cases no officer has taken


@dataclass(frozen=True)
class Filters:
    service: str  # "" for all the officer's services
    status: str  # OPEN, ALL or a state name
    overdue: bool
    page: int
    search: str = ""  # a name, reference, NI number or postcode
    due_soon: bool = False  # past 80% of a clock, not yet overdue
    assignee: str = ""  # "" anyone, UNASSIGNED, or an officer's id

    @property
    def late(self) -> bool:
        return self.overdue or self.due_soon

    def query(self, **changes: Any) -> str:
        """The URL query for these filters, leaving out defaults so links stay short."""
        values = {
            "service": self.service,
            "status": self.status,
            "overdue": "yes" if self.overdue else "",
            "due_soon": "yes" if self.due_soon else "",
            "assignee": self.assignee,
            "page": str(self.page),
            "search": self.search,
            **changes,
        }
        defaults = {
            "service": "",
            "status": OPEN,
            "overdue": "",
            "due_soon": "",
            "assignee": "",
            "page": "1",
            "search": "",
        }
        return urlencode({key: value for key, value in values.items() if value != defaults[key]})


def _filters(request: Request, services: list[ServiceDeclaration], assignees: set[str]) -> Filters:
    params = request.query_params
    # Values not offered by the form (tampered or stale links) fall back to the default
    # rather than failing: a filter is a convenience, not a question.
    slugs = {service.slug for service in services}
    service = params.get("service", "")
    if service not in slugs:
        service = ""
    states = {state.name for s in services for state in s.workflow.states}
    status = params.get("status", OPEN)
    if status not in states | {OPEN, ALL}:
        status = OPEN
    page_number = params.get("page", "1")
    # Capped so a silly page number is an empty page, not a database overflow.
    number = min(int(page_number), MAX_PAGE) if page_number.isdigit() else 1
    search = " ".join(params.get("search", "").split())[:SEARCH_MAX]
    assignee = params.get("assignee", "")
    if assignee not in assignees:
        assignee = ""
    return Filters(
        service,
        status,
        params.get("overdue") == "yes",
        max(number, 1),
        search,
        due_soon=params.get("due_soon") == "yes",
        assignee=assignee,
    )


def _statuses(filters: Filters, services: list[ServiceDeclaration]) -> list[str] | None:
    """The states to show; None means no state filter at all."""
    open_states = sorted({name for s in services for name in s.workflow.open_states})
    if filters.status == ALL:
        # Overdue (or due soon) means past its date *and* still open: closed cases are
        # never late.
        return open_states if filters.late else None
    if filters.status == OPEN:
        return open_states
    if filters.late and filters.status not in open_states:
        return []  # a closed state is never overdue, so nothing matches
    return [filters.status]


def _status_options(filters: Filters, services: list[ServiceDeclaration]) -> list[dict]:
    options = [
        {"value": OPEN, "text": "Open cases"},
        {"value": ALL, "text": "All cases"},
    ]
    seen: set[str] = set()
    for service in services:
        for state in service.workflow.states:
            if state.name not in seen:
                seen.add(state.name)
                options.append({"value": state.name, "text": state.label})
    for option in options:
        option["selected"] = option["value"] == filters.status
    return options


# The tags for what arrived since an officer last acted, in the order they show.
ARRIVAL_TAGS = {"evidence": "New evidence", "reply": "New reply"}


def _assignee_options(officer: Actor, team: list, filters: Filters) -> list[dict]:
    options = [
        {"value": "", "text": "Anyone"},
        {"value": str(officer.id), "text": "You"},
        {"value": UNASSIGNED, "text": "Not assigned"},
        *({"value": str(o.id), "text": o.name} for o in team if o.id != officer.id),
    ]
    for option in options:
        option["selected"] = option["value"] == filters.assignee
    return options


def _deadline(
    state_open: bool, due_on: date | None, views: list[ClockView], today: date
) -> dict[str, Any]:
    """The words and tag the Deadline column shows: the promise clock's state, and the most
    pressing tag of any clock (the same test as the filters, ``casework.deadlines``)."""
    overdue = any(v.overdue for v in views) or (
        state_open and due_on is not None and due_on < today
    )
    tag: tuple[str, str] | None
    if overdue:
        tag = ("Overdue", "red")
    elif any(v.near for v in views):
        tag = ("Due soon", "orange")
    elif views and views[0].state == "paused":
        tag = ("Paused", "grey")
    else:
        tag = None
    return {
        "overdue": overdue,
        "clock_text": views[0].text if views else "",
        "clock_label": views[0].clock.label if views else "",
        "tag": tag,
    }


def _rows(
    visible: list,
    by_slug: dict[str, ServiceDeclaration],
    today: date,
    arrivals: dict[int, set[str]],
    clock_views: dict[int, list[ClockView]],
) -> list[dict]:
    rows = []
    for case in visible:
        service = by_slug[case.service]
        state = state_of(service, case.status)
        deadline = _deadline(state.open, case.due_on, clock_views.get(case.id, []), today)
        rows.append(
            {
                "case": case,
                "service": service,
                "name": service.contacts(case).name,
                "description": service.describe(case.answers),
                "state": state,
                # The day it arrived in the council's time zone, not UTC's.
                "submitted_on": _local(case.submitted_at).date(),
                **deadline,
                "arrived": [
                    label
                    for kind, label in ARRIVAL_TAGS.items()
                    if kind in arrivals.get(case.id, ())
                ],
            }
        )
    return rows


def _local(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(LONDON)


def _pagination(filters: Filters, total: int) -> dict[str, Any] | None:
    pages = max(1, math.ceil(total / PER_PAGE))
    if pages == 1:
        return None

    def href(number: int) -> str:
        query = filters.query(page=str(number))
        return f"/backoffice/?{query}" if query else "/backoffice/"

    items: list[dict[str, Any]] = []
    for number in range(1, pages + 1):
        # First, last and the neighbours of the current page; gaps become an ellipsis.
        if number in (1, pages) or abs(number - filters.page) <= 1:
            items.append(
                {"number": number, "href": href(number), "current": number == filters.page}
            )
        elif items and not items[-1].get("ellipsis"):
            items.append({"ellipsis": True})
    return {
        "items": items,
        "previous": {"href": href(filters.page - 1)} if filters.page > 1 else None,
        "next": {"href": href(filters.page + 1)} if filters.page < pages else None,
    }


def _context(officer: Actor, request: Request) -> dict[str, Any]:
    services = services_for(officer)
    today = clocks.today()  # "overdue" by the council's calendar
    rows: list[dict] = []
    total = 0
    with db.transaction() as session:
        team = teams.team(session, [s.slug for s in services]) if services else []
        # The dashboard links to anyone with cases, including officers who have left.
        asked = request.query_params.get("assignee", "")
        if asked not in {str(o.id) for o in team} and (gone := teams.officer(session, asked)):
            team.append(gone)
        # The officer's own id is always offered, so "You" works for anyone.
        assignees = {str(officer.id), UNASSIGNED, *(str(o.id) for o in team)}
        filters = _filters(request, services, assignees)
        chosen = [s for s in services if not filters.service or s.slug == filters.service]
        statuses = _statuses(filters, chosen)
        if chosen and statuses != []:
            found, total = cases.queue(
                session,
                [s.slug for s in chosen],
                statuses=statuses,
                overdue_on=today if filters.overdue else None,
                due_soon_on=today if filters.due_soon else None,
                assignee_id=int(filters.assignee) if filters.assignee.isdigit() else None,
                unassigned=filters.assignee == UNASSIGNED,
                search=filters.search,
                limit=PER_PAGE,
                offset=(filters.page - 1) * PER_PAGE,
            )
            by_slug = {s.slug: s for s in chosen}
            arrived = cases.arrivals(session, [case.id for case in found])
            # Every clock on the page in one query, not one per row.
            clock_views = clocks.views(session, by_slug, found, today)
            rows = _rows(found, by_slug, today, arrived, clock_views)
    return {
        "services": services,
        "filters": filters,
        "status_options": _status_options(filters, chosen),
        "assignee_options": _assignee_options(officer, team, filters),
        "rows": rows,
        "total": total,
        "pagination": _pagination(filters, total),
    }


async def queue(request: Request) -> Response:
    officer = require_officer(request)
    context = _context(officer, request)
    # htmx's history restore asks for the whole page, so only a plain htmx request gets
    # the fragment. Vary keeps caches from mixing the two answers up.
    if is_htmx(request) and not request.headers.get("HX-History-Restore-Request"):
        response = page(request, "backoffice/_queue_results.html", context, officer=officer)
    else:
        response = page(request, "backoffice/queue.html", context, officer=officer)
    response.headers["Vary"] = "HX-Request"
    return response


routes = [Route("/", queue, methods=["GET"])]
