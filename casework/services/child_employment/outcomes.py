"""What the workflow's moves do besides telling the employer: tell the parent and the school,
issue the permit, and flag a late application. Each runs in the move's transaction, so the
messages are queued only if the move happens.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import outbox
from casework.models import Case, CaseEvent
from casework.services.child_employment import facts, late, permit, schedules

Effect = Callable[[Session, Case], None]


def _reason(session: Session, case: Case) -> str | None:
    """The reason given for the move just made (the event it wrote)."""
    event = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.to_status == case.status)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    return event.reason if event is not None else None


def _personalisation(session: Session, case: Case, message: str) -> dict:
    from casework.catalogue import get_service  # the catalogue imports our declaration

    service = get_service(case.service)
    return outbox.message_personalisation(service, case, message, reason=_reason(session, case))


def tell_parent(message: str) -> Effect:
    """An effect sending ``message`` to the child's parent, by the email address and mobile
    number the employer gave for them."""

    def send(session: Session, case: Case) -> None:
        personalisation = _personalisation(session, case, message)
        answers = case.answers
        for channel, recipient in (
            ("email", answers.get("parent_email")),
            ("sms", answers.get("parent_mobile")),
        ):
            if recipient:
                outbox.queue(session, message, channel, recipient, personalisation, case_id=case.id)

    return send


def tell_school(message: str) -> Effect:
    """An effect sending ``message`` to the child's school, at the address the schools
    table holds for it (a school without one is not told)."""

    def send(session: Session, case: Case) -> None:
        school = facts.school(session, case.answers)
        if school is None or not school.email:
            return
        personalisation = {
            **_personalisation(session, case, message),
            "school_name": school.name,
        }
        outbox.queue(session, message, "email", school.email, personalisation, case_id=case.id)

    return send


def issue_permit(session: Session, case: Case) -> None:
    permit.issue_permit(session, case)


def flag_if_late(session: Session, case: Case) -> None:
    late.flag(session, case)


def hours_within_the_law(case: Case) -> str | None:
    """A guard: no permit for hours or a job the law does not allow (the rules may have
    changed since the employer applied). Why not, in words, or None."""
    result = schedules.check(facts.session_of(case), case.answers)
    if result is None or (result.legal and not schedules.over_school_age(result)):
        return None
    return (
        "The hours or the job break the law for the child's age (see “Working hours against "
        "the law”): ask the employer for changes, or recommend refusing the permit"
    )
