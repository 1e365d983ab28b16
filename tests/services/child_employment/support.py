"""What the child employment permit tests share: the sample application, cases moved through
the workflow, officers with and without the authorising role, the parent's link, and
reading pages."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from bs4 import BeautifulSoup
from sqlalchemy import select

from casework import applications, cases, db
from casework.models import Case, OutboxMessage
from casework.services.child_employment import messages, samples
from casework.services.child_employment.declaration import CHILD_EMPLOYMENT as SERVICE
from casework.workflow import SYSTEM, Actor, apply_transition, authoriser_role

SLUG = SERVICE.slug


def sample(**changes: Any) -> dict[str, Any]:
    with db.transaction() as session:
        answers = copy.deepcopy(samples.application(session))
    answers.update(changes)
    return answers


def born_for_age(age: int, on: date) -> str:
    """A date of birth giving ``age`` on ``on``, about half a year after a birthday."""
    return (date(on.year - age, on.month, 1) - timedelta(days=180)).isoformat()


def start_in(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def submit(
    answers: dict[str, Any] | None = None,
    *,
    applicant_id: int | None = None,
    received_on: date | None = None,
) -> str:
    with db.transaction() as session:
        application = SERVICE.validate(session, answers or sample())
        case, _ = applications.submit(
            session,
            SERVICE,
            application,
            channel="officer" if received_on else "api",
            actor=SYSTEM,
            applicant_id=applicant_id,
            received_on=received_on,
        )
        return case.reference


def officer(number: int, authorised: bool = False) -> Actor:
    roles = {SLUG, authoriser_role(SLUG)} if authorised else {SLUG}
    return Actor(kind="officer", label=f"Officer {number}", id=number, roles=frozenset(roles))


def move(reference: str, transition: str, actor: Actor = SYSTEM, reason: str | None = None) -> Case:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        moved = apply_transition(session, SERVICE, case.id, transition, actor, reason=reason)
        session.flush()
        session.expunge(moved)
        return moved


def load(reference: str) -> Case:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        session.expunge(case)
        return case


def sent(reference: str, name: str | None = None) -> list[OutboxMessage]:
    """The case's queued messages (of one name), oldest first."""
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        query = select(OutboxMessage).where(OutboxMessage.case_id == case.id)
        if name:
            query = query.where(OutboxMessage.message_name == name)
        found = list(session.scalars(query.order_by(OutboxMessage.id)))
        session.expunge_all()
        return found


def parent_token(reference: str) -> str:
    """The token in the latest link sent to the parent."""
    links = sent(reference, messages.PARENT_LINK.name)
    assert links, f"no link was sent to the parent of {reference}"
    return links[-1].personalisation["link"].rsplit("/", 1)[1]


CONSENTS = {"details_correct": "yes", "fit_to_work": "yes", "consent": "yes"}


def with_an_officer(answers: dict[str, Any] | None = None) -> str:
    """A case whose parent has consented through the link."""
    from casework import parties

    reference = submit(answers)
    with db.transaction() as session:
        found = parties.find(session, parent_token(reference), lock=True)
        assert found is not None
        read = SERVICE.validate_step(session, found.party.step, CONSENTS)
        parties.answer(session, found, read)
    return reference


def granted(answers: dict[str, Any] | None = None) -> str:
    reference = with_an_officer(answers)
    move(reference, "recommend_grant", officer(1))
    move(reference, "grant", officer(2, authorised=True))
    return reference


def errors_on(html: str) -> dict[str, str]:
    """The error summary: field id → message."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        a["href"].lstrip("#"): a.get_text(" ", strip=True)
        for a in soup.select(".govuk-error-summary__list a")
    }


def inline_error(html: str, field_id: str) -> str:
    """The error message shown by the field itself."""
    soup = BeautifulSoup(html, "html.parser")
    # A date input's message belongs to its fieldset ("<id>-date-error").
    found = soup.find(id=f"{field_id}-error") or soup.find(id=f"{field_id}-date-error")
    assert found is not None, f"no error message on {field_id}"
    return found.get_text(" ", strip=True).removeprefix("Error:").strip()
