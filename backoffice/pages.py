"""What every back-office page shares: the signed-in officer, the navigation, state labels."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from casework.catalogue import all_services
from casework.declaration import ServiceDeclaration
from casework.workflow import Actor, State
from portal.templating import render

HOME = "/backoffice/"


def services_for(officer: Actor) -> list[ServiceDeclaration]:
    """The services an officer's roles cover ("admin" covers them all)."""
    return [service for service in all_services() if officer.may_work_on(service.slug)]


def paper_form_template(service: ServiceDeclaration) -> str:
    """One template lays out every service's paper form from its declared steps."""
    return "backoffice/assisted/paper_form.html"


def has_paper_form(service: ServiceDeclaration) -> bool:
    return service.paper_form


def paper_services(officer: Actor) -> list[ServiceDeclaration]:
    return [service for service in services_for(officer) if has_paper_form(service)]


def new_paper_application_url(officer: Actor) -> str | None:
    services = paper_services(officer)
    if not services:
        return None
    if len(services) == 1:
        return f"/backoffice/services/{services[0].slug}/new"
    return "/backoffice/services/new"


def navigation(request: Request, officer: Actor | None) -> list[dict[str, Any]]:
    if officer is None:
        return []
    path = request.url.path
    items = [
        {
            "text": "Queue",
            "href": HOME,
            "active": path == HOME or path.startswith("/backoffice/cases"),
        },
        {
            "text": "Dashboard",
            "href": "/backoffice/dashboard",
            "active": path.startswith("/backoffice/dashboard"),
        },
    ]
    paper_url = new_paper_application_url(officer)
    if paper_url:
        items.append(
            {
                "text": "New paper application",
                "href": paper_url,
                "active": path.startswith("/backoffice/services"),
            }
        )
    # Term dates and closure days, which school-day and working-day deadlines count.
    items.append(
        {
            "text": "Calendars",
            "href": "/backoffice/calendars",
            "active": path.startswith("/backoffice/calendars"),
        }
    )
    # Where an officer sets up (or checks) the security code asked for after the password.
    items.append(
        {
            "text": "Security code",
            "href": "/backoffice/security-code",
            "active": path == "/backoffice/security-code",
        }
    )
    return items


def page(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    officer: Actor | None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a back-office page with the officer's navigation (and sign-out button)."""
    values = {
        "officer": officer,
        "navigation": navigation(request, officer),
        **(context or {}),
    }
    return render(request, template, values, status_code=status_code)


def state_of(service: ServiceDeclaration, status: str) -> State:
    """The declared state, or a plain stand-in if a case holds a state since removed."""
    try:
        return service.workflow.state(status)
    except KeyError:
        return State(status, status.replace("_", " ").capitalize(), "", "grey", open=True)
