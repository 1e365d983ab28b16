"""An officer's decision on a case: one POST per workflow transition, then back to the case."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.case_page import REASON_MAX, load_case, reason_field, render_case
from backoffice.pages import state_of
from casework import db
from casework.fields import clean_text
from casework.workflow import IllegalTransition, apply_transition, lock_case
from portal.auth import require_officer
from portal.csrf import checked_form

# The error summary links a non-field problem to the actions section of the case page.
ACTIONS_ANCHOR = "actions"


class _StaleView(Exception):
    """The case moved on after the officer opened it; they must look again before acting."""


async def act(request: Request) -> Response:
    officer = require_officer(request)
    form = await checked_form(request)
    reference = request.path_params["reference"]
    name = request.path_params["transition"]
    raw_reason = form.get("reason")
    reason = clean_text(raw_reason) if isinstance(raw_reason, str) else ""
    field = reason_field(name)
    seen_status = str(form.get("status") or "")

    with db.transaction() as session:
        case, service = load_case(session, officer, reference)
        try:
            transition = service.workflow.transition(name)
        except IllegalTransition:
            raise HTTPException(404) from None
    # Checked here, not only in casework, so the message sits by the box it is about.
    if transition.needs_reason and not reason:
        error = transition.missing_reason
    elif len(reason) > REASON_MAX:
        error = f"Reason must be {REASON_MAX} characters or fewer"
    else:
        error = None
    if error:
        return render_case(
            request,
            officer,
            reference,
            errors={field: error},
            values={field: reason},
            status_code=400,
        )

    try:
        with db.transaction() as session:
            locked = lock_case(session, case.id)
            # Two officers on one case: the second must see what the first did before
            # their own decision lands on a case that is no longer what they read.
            if seen_status and locked.status != seen_status:
                now = state_of(service, locked.status).label.lower()
                raise _StaleView(
                    f"Someone else changed this case while you were looking at it: it is now "
                    f"{now}. Check the timeline before you decide."
                )
            moved = apply_transition(
                session,
                service,
                case.id,
                name,
                officer,
                reason=reason or None,
            )
            new_state = state_of(service, moved.status).label.lower()
    except (IllegalTransition, _StaleView) as exc:
        # Illegal here means the case's state does not allow it (any more): a conflict.
        return render_case(
            request,
            officer,
            reference,
            errors={ACTIONS_ANCHOR: str(exc)},
            status_code=409,
        )

    request.session["flash"] = {
        "title": "Success",
        "text": f"{transition.label}: case {case.reference} is now {new_state}.",
        "type": "success",
    }
    return RedirectResponse(f"/backoffice/cases/{case.reference}", status_code=303)


routes = [
    Route("/cases/{reference}/actions/{transition}", act, methods=["POST"]),
]
