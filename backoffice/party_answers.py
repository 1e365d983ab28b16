"""Each party's link and answers, as the case page shows them (``casework.parties``)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from sqlalchemy.orm import Session

from casework import parties
from casework.declaration import ServiceDeclaration
from casework.models import Case
from casework.questions import FormContext


def rows(session: Session, service: ServiceDeclaration, case: Case) -> list[dict[str, Any]]:
    """Each party's latest link, for the case page: who, when, and what they answered."""
    latest: dict[str, Any] = {}
    for request in parties.requests(session, case.id):
        latest[request.party] = request  # in id order, so the newest wins
    context = FormContext(session)
    shown = []
    for party in service.parties:
        request = latest.get(party.name)
        if request is None:
            continue
        found = parties.Found(request, case, party, service)
        answers = request.answers or {}
        shown.append(
            {
                "label": party.label,
                "name": request.name,
                "reached_by": ", ".join(filter(None, (request.email, request.mobile))),
                "requested_at": request.requested_at,
                "answered_at": request.answered_at,
                "expires_on": request.expires_at.astimezone(UTC).date(),
                "expired": found.expired,
                "answers": [
                    (question.title, question.display(answers.get(question.name), context))
                    for question in party.step.all_questions()
                ]
                if request.answered_at
                else [],
                # A new link only helps while the case still waits for this party.
                "can_resend": request.answered_at is None and case.status == party.requested_in,
                "party": party.name,
            }
        )
    return shown
