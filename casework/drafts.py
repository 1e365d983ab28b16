"""Save-and-return answers for the web journey."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casework.models import Draft


def get_or_create(session: Session, person_id: int, service: str) -> Draft:
    draft = session.scalars(
        select(Draft).where(Draft.person_id == person_id, Draft.service == service)
    ).first()
    if draft is None:
        draft = Draft(person_id=person_id, service=service, answers={}, submission_key=_key())
        session.add(draft)
        session.flush()
    return draft


def update(draft: Draft, values: dict[str, Any]) -> None:
    # Reassign rather than mutate so SQLAlchemy sees the JSON change.
    draft.answers = {**draft.answers, **values}


def discard(session: Session, person_id: int, service: str) -> None:
    session.execute(delete(Draft).where(Draft.person_id == person_id, Draft.service == service))


def unfinished(session: Session, person_id: int) -> list[Draft]:
    """The person's applications started but not sent, most recently changed first.

    A draft with no answers is only a page visited, not an application started."""
    found = session.scalars(
        select(Draft).where(Draft.person_id == person_id).order_by(Draft.updated_at.desc())
    )
    return [draft for draft in found if draft.answers]


def _key() -> str:
    return str(uuid.uuid4())
