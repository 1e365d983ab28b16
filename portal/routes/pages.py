"""The start page and the static pages every council service needs."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from casework import guides
from casework.catalogue import all_services
from portal.templating import render


async def home(request: Request) -> Response:
    services = [
        {"name": s.name, "summary": s.summary, "start_url": f"/apply/{s.slug}"}
        for s in all_services()
        if s.apply_online
    ]
    topics = [name[:1].lower() + name[1:] for name in guides.names()]
    return render(request, "portal/home.html", {"services": services, "topics": topics})


async def privacy(request: Request) -> Response:
    notices = [
        {"name": s.name, "notice": s.privacy_notice} for s in all_services() if s.privacy_notice
    ]
    return render(request, "portal/pages/privacy.html", {"notices": notices})


def _static_page(template: str):
    async def page(request: Request) -> Response:
        return render(request, template)

    return page


routes = [
    Route("/", home, name="home"),
    Route("/accessibility", _static_page("portal/pages/accessibility.html")),
    Route("/privacy", privacy),
    Route("/contact", _static_page("portal/pages/contact.html")),
]
