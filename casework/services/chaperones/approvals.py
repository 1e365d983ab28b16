"""Approvals: the number, the dates, and the photo the approval card prints.

An approval number reads "CH-2026-0042": the 42nd approval granted in 2026. It is what a
chaperone quotes to a licence holder or another council, so it is short, never reused
and says nothing about the person. Whether an approval stands is the case's status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casework.issued import photo_problem
from casework.models import Case, ChaperoneApproval, Document
from casework.rules import rule_in_force
from casework.services.chaperones.rules import APPROVAL, add_years

PREFIX = "CH"


def approval_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year}-{sequence:04d}"


def approved_until(approved_on: date, years: int) -> date:
    """The last day an approval granted on ``approved_on`` is valid: the day before its
    anniversary ``years`` later (granted 5 March 2026 for 3 years: valid to 4 March 2029)."""
    return add_years(approved_on, years) - timedelta(days=1)


def for_case(session: Session, case_id: int) -> ChaperoneApproval | None:
    return session.scalars(
        select(ChaperoneApproval).where(ChaperoneApproval.case_id == case_id)
    ).first()


def grant(session: Session, case: Case, on: date) -> ChaperoneApproval:
    """The approval for ``case``, granted on ``on`` with the next number of that year.

    Two officers approving at the same moment may pick the same number; the unique
    constraint refuses the second, which takes the next one (a savepoint keeps the rest of
    the decision's transaction)."""
    rule = rule_in_force(session, APPROVAL, on)
    until = approved_until(on, int(rule.value["approval_years"]))
    for _ in range(10):
        last = session.scalar(
            select(func.max(ChaperoneApproval.sequence)).where(ChaperoneApproval.year == on.year)
        )
        sequence = (last or 0) + 1
        approval = ChaperoneApproval(
            case_id=case.id,
            approval_number=approval_number(on.year, sequence),
            year=on.year,
            sequence=sequence,
            approved_on=on,
            approved_until=until,
            rule_version_id=rule.id,
        )
        try:
            with session.begin_nested():
                session.add(approval)
                session.flush()
            return approval
        except IntegrityError:
            continue
    raise RuntimeError("Could not find a free approval number")


@dataclass(frozen=True)
class PhotoOnFile:
    document_id: int
    filename: str
    content: bytes


def uploads(session: Session, case_id: int) -> list[Document]:
    """What the applicant sent (not what the council issued), newest first."""
    return list(
        session.scalars(
            select(Document)
            .where(Document.case_id == case_id, Document.issued_kind.is_(None))
            .order_by(Document.id.desc())
        )
    )


def newest_upload_problem(session: Session, case_id: int) -> str | None:
    """Why the file the applicant sent last cannot be printed on a card, or None if it can
    (or they have sent nothing)."""
    sent = uploads(session, case_id)
    return photo_problem(sent[0].content) if sent else None


def card_photo(session: Session, case_id: int) -> PhotoOnFile | None:
    """The newest photo the applicant sent that a card can print, if any."""
    for document in uploads(session, case_id):
        if document.content_type in ("image/jpeg", "image/png") and not photo_problem(
            document.content
        ):
            return PhotoOnFile(document.id, document.filename, document.content)
    return None
