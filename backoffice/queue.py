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
from casework import cases, db
from casework.declaration import ServiceDeclaration
from casework.workflow import Actor
from portal.auth import require_officer
from portal.templating import LONDON, is_htmx

PER_PAGE = 50
SEARCH_MAX = 100  # longer than any name, reference or postcode
MAX_PAGE = 100_000
OPEN = "open"  # the default: every state that still needs someone
ALL = "all"


@dataclass(frozen=True)
class Filters:
    service: str  # "" for all the officer's services
    status: str  # OPEN, ALL or a state name
    overdue: bool
    page: int
    search: str = ""  # a name, reference, NI number or postcode

    def query(self, **changes: Any) -> str:
        """The URL query for these filters, leaving out defaults so links stay short."""
        values = {
            "service": self.service,
            "status": self.status,
            "overdue": "yes" if self.overdue else "",
            "page": str(self.page),
            "search": self.search,
            **changes,
        }
        defaults = {"service": "", "status": OPEN, "overdue": "", "page": "1", "search": ""}
        return urlencode({key: value for key, value in values.items() if value != defaults[key]})


def _filters(request: Request, services: list[ServiceDeclaration]) -> Filters:
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
    return Filters(service, status, params.get("overdue") == "yes", max(number, 1), search)


def _statuses(filters: Filters, services: list[ServiceDeclaration]) -> list[str] | None:
    """The states to show; None means no state filter at all."""
    open_states = sorted({name for s in services for name in s.workflow.open_states})
    if filters.status == ALL:
        # Overdue means past its date *and* still open: closed cases are never late.
        return open_states if filters.overdue else None
    if filters.status == OPEN:
        return open_states
    if filters.overdue and filters.status not in open_states:
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


def _rows(
    visible: list,
    by_slug: dict[str, ServiceDeclaration],
    today: date,
    arrivals: dict[int, set[str]],
) -> list[dict]:
    rows = []
    for case in visible:
        service = by_slug[case.service]
        state = state_of(service, case.status)
        rows.append(
            {
                "case": case,
                "service": service,
                "name": service.contacts(case).name,
                "description": service.describe(case.answers),
                "state": state,
                # The day it arrived in the council's time zone, not UTC's.
                "submitted_on": _local(case.submitted_at).date(),
                "overdue": state.open and case.due_on is not None and case.due_on < today,
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
    filters = _filters(request, services)
    chosen = [s for s in services if not filters.service or s.slug == filters.service]
    today = datetime.now(LONDON).date()  # "overdue" by the council's calendar
    statuses = _statuses(filters, chosen)
    rows: list[dict] = []
    total = 0
    if chosen and statuses != []:
        with db.transaction() as session:
            found, total = cases.queue(
                session,
                [s.slug for s in chosen],
                statuses=statuses,
                overdue_on=today if filters.overdue else None,
                search=filters.search,
                limit=PER_PAGE,
                offset=(filters.page - 1) * PER_PAGE,
            )
            arrived = cases.arrivals(session, [case.id for case in found])
            rows = _rows(found, {s.slug: s for s in chosen}, today, arrived)
    return {
        "services": services,
        "filters": filters,
        "status_options": _status_options(filters, chosen),
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
