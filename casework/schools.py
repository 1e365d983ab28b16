"""Queries about the council's schools, for every channel."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.models import School


def search_open(session: Session, text: str, limit: int = 10) -> list[School]:
    """Open schools whose name contains the text; an exact name match alone if there is one."""
    wanted = " ".join(text.split()).lower()
    if not wanted:
        return []
    escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matches = list(
        session.scalars(
            select(School)
            .where(School.open, func.lower(School.name).like(f"%{escaped}%", escape="\\"))
            .order_by(School.name)
            .limit(limit)
        )
    )
    exact = [school for school in matches if school.name.lower() == wanted]
    return exact or matches
