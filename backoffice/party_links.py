"""Officers send a parent or referee a new link (the old one stops working) when they lost
theirs or it ran out; the case page shows each link and its answers (``party_answers``)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.case_page import load_case
from casework import db, parties
from portal.auth import require_officer
from portal.csrf import checked_form


async def resend(request: Request) -> Response:
    officer = require_officer(request)
    await checked_form(request)
    reference = request.path_params["reference"]
    with db.transaction() as session:
        case, service = load_case(session, officer, reference)
        party = service.party(request.path_params["party"])
        if party is None:
            raise HTTPException(404)
        # A page open since the case moved on sends nothing: the case no longer waits.
        if case.status == party.requested_in:
            parties.send(session, service, case, party)
    return RedirectResponse(f"/backoffice/cases/{reference}#parties", status_code=303)


routes = [
    Route("/cases/{reference}/parties/{party}/resend", resend, methods=["POST"]),
]
