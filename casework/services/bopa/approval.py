"""The approval the council grants a group: who, which performances, and the conditions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.clocks import long_date, today
from casework.issued import IssuedDocument, Paragraphs, Section, issue
from casework.models import Case, CaseEvent
from casework.questions import shapes as s
from casework.services.bopa.questions import GROUP_TYPES, parse_date
from casework.settings import get_settings
from casework.workflow import SYSTEM, Actor

TITLE = "Body of Persons Approval"

CONDITIONS = (
    "No child taking part, nor anyone on their behalf, may be paid more than their expenses.",
    "No child may miss school to take part.",
    "The approval covers only the performances and dates shown. Children taking part in "
    "anything else may need a licence each.",
    "The group must keep the children safe as it told us: each child must be supervised at "
    "all times by a suitable adult, and the group must follow its safeguarding policy.",
    "The council may inspect the performances and rehearsals.",
    "The council may withdraw this approval if its conditions are not kept.",
)


def document(case: Case) -> IssuedDocument:
    a = case.answers
    first, last = parse_date(a.get("first_date")), parse_date(a.get("last_date"))
    dates = f"{long_date(first)} to {long_date(last)}" if first and last else ""
    return IssuedDocument(
        title=TITLE,
        reference=case.reference,
        issued_on=today(),
        blocks=(
            Section(
                "The approval",
                (
                    ("Approval number", case.reference),
                    ("Granted on", long_date(today())),
                    ("Performances from", dates),
                ),
            ),
            Section(
                "The group",
                (
                    ("Group", str(a.get("group_name") or "")),
                    ("Kind of group", GROUP_TYPES.get(str(a.get("group_type")), "")),
                    ("Responsible person", f"{s.full_name(a)}, {a.get('role')}"),
                    ("Safeguarding lead", str(a.get("safeguarding_lead") or "")),
                    ("Address", ", ".join(s.address_lines(a))),
                ),
            ),
            Section(
                "The performances",
                (
                    ("Production", str(a.get("production_name") or "")),
                    ("Venue", f"{a.get('venue_name')}, {', '.join(s.address_lines(a, 'venue_'))}"),
                    ("Children taking part", str(a.get("children") or "")),
                ),
            ),
            Paragraphs("Conditions", CONDITIONS, numbered=True),
        ),
        footer=f"Granted by {get_settings().council_name} under the Children and Young Persons "
        f"Act 1963, section 37(3)(b). Quote approval number {case.reference}.",
    )


def issue_approval(session: Session, case: Case) -> None:
    """The approval's effect: the PDF, kept on the case for the group's account."""
    event = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "approve")
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    by = (
        Actor(kind="officer", label=event.actor_label, id=event.actor_id)
        if event is not None and event.actor_kind == "officer"
        else SYSTEM
    )
    issue(
        session,
        case,
        document(case),
        kind="bopa",
        filename=f"body-of-persons-approval-{case.reference}.pdf",
        issued_by=by,
    )
