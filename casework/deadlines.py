"""Which open cases are overdue or due soon, as SQL conditions on ``cases``.

The queue's filters, the daily digest and the team manager's dashboard all ask this
question; they share these conditions so a count on the dashboard is exactly the number of
cases its link shows in the queue, and the digest lists the same cases.

A case is *overdue* when a running clock (not paused, not stopped) is past its due date, or
when its promised date (``Case.due_on``) has passed: a service without clocks still has
a due date. It is *due soon* when a running clock has crossed 80% of its time
(``warn_on``) and is not yet past its due date, and the case is not overdue by another
clock: the two never overlap, so counts add up. These mirror ``ClockView.overdue`` and
``ClockView.near`` (``casework.clocks``), which say the same thing about rows in Python.
Both conditions expect the caller to keep to open states: a closed case is never late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from casework.models import Case, CaseClock

if TYPE_CHECKING:
    from casework.declaration import ServiceDeclaration


def _running_clock(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    # IN (an uncorrelated subquery), not a correlated EXISTS: under the OR with the promised
    # date, PostgreSQL hashes the running clocks once instead of probing them per case,
    # which keeps the dashboard's counts over a year's cases in milliseconds.
    return Case.id.in_(
        select(CaseClock.case_id).where(
            CaseClock.stopped_on.is_(None),
            CaseClock.paused_since.is_(None),
            *conditions,
        )
    )


def _promised_before(today: date) -> ColumnElement[bool]:
    # Spelled out so a case with no promised date is false here, not NULL: NOT NULL is
    # NULL, which would drop it from ``due_soon`` too.
    return and_(Case.due_on.is_not(None), Case.due_on < today)


def overdue(today: date) -> ColumnElement[bool]:
    return or_(_promised_before(today), _running_clock(CaseClock.due_on < today))


def due_soon(today: date) -> ColumnElement[bool]:
    return and_(
        _running_clock(CaseClock.warn_on <= today, CaseClock.due_on >= today),
        ~overdue(today),
    )


def overdue_or_due_soon(today: date) -> ColumnElement[bool]:
    # A running clock past its warning day is either near or past its due date.
    return or_(_promised_before(today), _running_clock(CaseClock.warn_on <= today))


def open_in(services: Iterable[ServiceDeclaration]) -> ColumnElement[bool]:
    """Cases of these services in one of their open states (each service its own)."""
    conditions = [
        and_(Case.service == service.slug, Case.status.in_(service.workflow.open_states))
        for service in services
    ]
    return or_(*conditions) if conditions else false()


@dataclass(frozen=True)
class Counts:
    overdue: int = 0
    due_soon: int = 0


def counts_by_assignee(
    session: Session,
    services: Iterable[ServiceDeclaration],
    today: date,
    assignee_ids: Iterable[int | None] | None = None,
) -> dict[int | None, Counts]:
    """Open cases overdue and due soon, by assignee (None: not assigned), in one query.

    ``assignee_ids`` keeps to those assignees (None among them for unassigned cases);
    assignees with nothing near or past a clock are left out.
    """
    query = select(
        Case.assignee_id,
        func.count(Case.id).filter(overdue(today)),
        func.count(Case.id).filter(due_soon(today)),
    ).where(open_in(services), overdue_or_due_soon(today))
    if assignee_ids is not None:
        wanted = list(assignee_ids)
        ids = [i for i in wanted if i is not None]
        query = query.where(
            or_(
                Case.assignee_id.in_(ids),
                Case.assignee_id.is_(None) if None in wanted else false(),
            )
        )
    rows = session.execute(query.group_by(Case.assignee_id)).all()
    return {assignee: Counts(late or 0, soon or 0) for assignee, late, soon in rows}
