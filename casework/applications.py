"""Submitting an application: one case, one event, its messages, in one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casework import clocks, followups, outbox, parties, search_text
from casework.declaration import ServiceDeclaration
from casework.models import Case
from casework.references import new_reference
from casework.workflow import Actor, record_event

# "council": made by the council's own casework (e.g. an inspection for a licence it granted).
CHANNELS = ("web", "api", "assistant", "officer", "council")


def submit(
    session: Session,
    service: ServiceDeclaration,
    application: BaseModel,
    *,
    channel: str,
    actor: Actor,
    applicant_id: int | None = None,
    idempotency_key: str | None = None,
    received_on: date | None = None,
) -> tuple[Case, bool]:
    """Create the case for a validated application. Returns (case, created).

    ``received_on`` is the day a paper application reached the council: the clock for its
    due date starts then, not on the day an officer keyed it in.

    A repeated idempotency key returns the case it made the first time, so a double click
    or a retried API call never makes two cases.
    """
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel}")
    if idempotency_key:
        existing = session.scalars(
            select(Case).where(Case.idempotency_key == idempotency_key)
        ).first()
        if existing is not None:
            return existing, False

    answers: dict[str, Any] = application.model_dump(mode="json")
    case = Case(
        service=service.slug,
        status=service.workflow.initial,
        channel=channel,
        applicant_id=applicant_id,
        answers=answers,
        idempotency_key=idempotency_key,
        search_text=search_text.search_text(service, answers),
    )
    # Who may claim the case on signing in: the email the service's contacts give.
    case.contact_email = service.contacts(case).email
    stored = _insert_with_unique_reference(session, case, service.reference_prefix)
    if stored is not case:
        return stored, False
    # The clocks start on the day the council received it; the promise clock sets due_on,
    # which the messages below may give.
    clocks.start(session, service, case, received_on or clocks.today())
    record_event(
        session,
        case,
        actor,
        "submitted",
        to_status=case.status,
        data={"channel": channel}
        | ({"received_on": received_on.isoformat()} if received_on else {}),
    )
    for message_name in service.submitted_messages:
        outbox.queue_for_case(session, service, case, message_name)
    parties.after_move(session, service, case, case.status)
    for task_name in service.after_submit_tasks:
        followups.after_commit(session, task_name, case.id)
    session.flush()
    return case, True


def _insert_with_unique_reference(session: Session, case: Case, prefix: str) -> Case:
    """Insert the case, or return the case a concurrent submit with the same key made."""
    # 29^8 references per prefix make a clash rare; a savepoint lets us simply try again.
    for _ in range(10):
        case.reference = new_reference(prefix)
        try:
            with session.begin_nested():
                session.add(case)
                session.flush()
            return case
        except IntegrityError:
            if case.idempotency_key:
                winner = session.scalars(
                    select(Case).where(Case.idempotency_key == case.idempotency_key)
                ).first()
                if winner is not None:
                    return winner
    raise RuntimeError("Could not find a free case reference")
