"""Back-office routes, mounted at /backoffice by the app factory (``portal.app``).

Every page needs a signed-in officer (``portal.auth.require_officer``) and, for a case or
a service, a role that covers it. Each module holds one part of the officers' side.
"""

from __future__ import annotations

from backoffice import (
    assisted,
    calendars,
    case_documents,
    case_page,
    dashboard,
    decisions,
    message_preview,
    party_links,
    queue,
    sign_in,
)

routes: list = [
    *sign_in.routes,
    *queue.routes,
    *case_page.routes,
    *case_documents.routes,
    *decisions.routes,
    *assisted.routes,
    *message_preview.routes,
    *party_links.routes,
    *dashboard.routes,
    *calendars.routes,
]
