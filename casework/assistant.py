"""Queries for the assistant's web conversations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casework.models.assistant import AssistantTurn

# Enough to read back the conversation; older turns stay in Rasa's tracker store.
SHOWN_TURNS = 40
# A conversation no one has touched for this long is deleted by the sweep.
KEEP_FOR = timedelta(days=30)


def record(
    session: Session,
    sender_id: str,
    speaker: str,
    text: str,
    buttons: list[dict[str, Any]] | None = None,
) -> AssistantTurn:
    turn = AssistantTurn(sender_id=sender_id, speaker=speaker, text=text, buttons=buttons or [])
    session.add(turn)
    session.flush()
    return turn


def recent(session: Session, sender_id: str, limit: int = SHOWN_TURNS) -> list[AssistantTurn]:
    turns = session.scalars(
        select(AssistantTurn)
        .where(AssistantTurn.sender_id == sender_id)
        .order_by(AssistantTurn.id.desc())
        .limit(limit)
    ).all()
    return list(reversed(turns))


def forget_old(session: Session, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - KEEP_FOR
    result = session.execute(delete(AssistantTurn).where(AssistantTurn.at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
