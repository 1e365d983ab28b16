"""Which of the council's own licences an inspection is for, kept as events on the case.

An inspection opened for a licence the council granted (``opening``) names the licence case
in a ``licence_linked`` event, never in the answers: the answers are what a notifying
council may send, and only the council's own casework may tie an inspection to a licence.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import Case, CaseEvent
from casework.workflow import SYSTEM, record_event

LICENCE_LINKED = "licence_linked"
# What the licence case's timeline records when one of its inspections found concerns.
INSPECTION_CONCERNS = "inspection_concerns"


def link(session: Session, inspection: Case, licence: Case) -> None:
    record_event(
        session,
        inspection,
        SYSTEM,
        LICENCE_LINKED,
        reason=f"Inspection of licence {licence.reference}",
        data={"licence": licence.reference},
    )


def licences(session: Session, inspection: Case) -> list[Case]:
    references = session.scalars(
        select(CaseEvent.data).where(
            CaseEvent.case_id == inspection.id, CaseEvent.action == LICENCE_LINKED
        )
    )
    wanted = [data["licence"] for data in references if data and data.get("licence")]
    if not wanted:
        return []
    found = {
        case.reference: case
        for case in session.scalars(select(Case).where(Case.reference.in_(wanted)))
    }
    return [found[ref] for ref in dict.fromkeys(wanted) if ref in found]


def flag_licences(session: Session, inspection: Case, why: str) -> None:
    """Put the concern in front of the officers of each licence the inspection is for."""
    for licence in licences(session, inspection):
        licence.attention = f"{why}: see inspection {inspection.reference}"
        record_event(
            session,
            licence,
            SYSTEM,
            INSPECTION_CONCERNS,
            reason=f"{why} (inspection {inspection.reference})",
            data={"inspection": inspection.reference},
        )
