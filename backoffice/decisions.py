"""An officer's decision on a case: the one decision form, its check step, the move itself.

A decision that sends the applicant a message is shown on a check page first ("Check your
decision"); "Confirm and send" makes it, "Change" goes back to the form with the choice and
the words kept. The check page carries the decision in hidden fields, not in the session,
so it works without JavaScript and two tabs cannot mix their decisions up. A decision that
sends nothing is made straight away.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice import decision_check
from backoffice.case_page import load_case, render_case
from backoffice.decision_form import (
    CHANGE,
    CONFIRM,
    Decision,
    chosen,
    not_allowed_now,
    problems,
    read,
)
from backoffice.pages import page, state_of
from casework import cases, db
from casework.declaration import ServiceDeclaration
from casework.models import Case
from casework.workflow import Actor, IllegalTransition, Transition, apply_transition, lock_case
from portal.auth import require_officer
from portal.csrf import checked_form

# The error summary links a problem that is not about one box to the decision section.
ACTIONS_ANCHOR = "actions"


class _StaleView(Exception):
    """The case moved on after the officer opened it; they must look again before acting."""


def _stale(service: ServiceDeclaration, case: Case, decision: Decision) -> str | None:
    # Two officers on one case: the second must see what the first did before their own
    # decision lands on a case that is no longer what they read.
    if decision.seen_status and case.status != decision.seen_status:
        now = state_of(service, case.status).label.lower()
        return (
            f"Someone else changed this case while you were looking at it: it is now {now}. "
            "Check the timeline before you decide."
        )
    return None


def _already_made(
    session, case: Case, transition: Transition, decision: Decision, officer: Actor
) -> bool:
    """The same form sent twice (a double click, a refreshed page): the first one counted.

    The same words too: a move that keeps the case where it is (recording a second visit)
    may rightly be made twice in a row, each time with its own account of what happened."""
    events = cases.events(session, case.id)
    last = events[-1] if events else None
    return (
        last is not None
        and last.action == transition.name
        and last.actor_kind == "officer"
        and last.actor_id == officer.id
        and last.from_status == decision.seen_status
        and case.status == transition.target
        and (last.reason or "") == decision.reason
        and (last.data or {}).get("note", "") == decision.note
    )


def _decided(request: Request, case: Case, transition: Transition, new_state: str) -> Response:
    request.session["flash"] = {
        "title": "Success",
        "text": f"{transition.label}: case {case.reference} is now {new_state}.",
        "type": "success",
    }
    return _back_to_case(case.reference)


def _back_to_case(reference: str) -> Response:
    return RedirectResponse(f"/backoffice/cases/{reference}", status_code=303)


async def decide(request: Request) -> Response:
    officer = require_officer(request)
    form = await checked_form(request)
    reference = request.path_params["reference"]
    decision = read(form)
    if decision.step == CHANGE:
        # Back from the check page: the form again, with what they chose and wrote.
        return render_case(request, officer, reference, values=decision.values())

    with db.transaction() as session:
        case, service = load_case(session, officer, reference)
        transition = chosen(service, decision)
        errors = problems(transition, decision)
        conflict = None
        if not errors:
            assert transition is not None  # no errors means a move was chosen
            if _already_made(session, case, transition, decision, officer):
                return _back_to_case(case.reference)
            conflict = _stale(service, case, decision) or not_allowed_now(service, case, transition)
            if not conflict and transition.messages and decision.step != CONFIRM:
                context = decision_check.check_context(service, case, transition, decision)
                return page(request, decision_check.TEMPLATE, context, officer=officer)
    if errors:
        return render_case(
            request, officer, reference, errors=errors, values=decision.values(), status_code=400
        )
    if conflict:
        return render_case(
            request, officer, reference, errors={ACTIONS_ANCHOR: conflict}, status_code=409
        )
    assert transition is not None

    try:
        with db.transaction() as session:
            locked = lock_case(session, case.id)
            # Checked again under the lock: a second click that raced the first, or another
            # officer who decided meanwhile.
            if _already_made(session, locked, transition, decision, officer):
                return _back_to_case(case.reference)
            stale = _stale(service, locked, decision)
            if stale:
                raise _StaleView(stale)
            moved = apply_transition(
                session,
                service,
                case.id,
                transition.name,
                officer,
                reason=decision.reason or None,
                # A note is for the case record: kept on the event, never in a message.
                data={"note": decision.note} if decision.note else None,
            )
            new_state = state_of(service, moved.status).label.lower()
    except (IllegalTransition, _StaleView) as exc:
        # Illegal here means the case's state does not allow it (any more): a conflict.
        return render_case(
            request, officer, reference, errors={ACTIONS_ANCHOR: str(exc)}, status_code=409
        )
    return _decided(request, case, transition, new_state)


routes = [
    Route("/cases/{reference}/decision", decide, methods=["POST"]),
]
