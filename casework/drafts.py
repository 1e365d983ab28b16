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


def _key() -> str:
    return str(uuid.uuid4())
