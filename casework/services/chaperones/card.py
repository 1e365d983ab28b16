"""The approval card: a wallet card with the chaperone's photo, name, approval number and
last valid day, printed at home from the PDF, with a covering letter under it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework.clocks import long_date
from casework.issued import CardFace, IssuedDocument, Paragraphs, Photo, Section
from casework.models import Case, ChaperoneApproval
from casework.questions import shapes as s
from casework.rules import rule_in_force
from casework.services.performance_licences import rules as licence_rules
from casework.settings import get_settings

KIND = "approval_card"
TITLE = "Chaperone approval"


def _children_rule(session: Session, approval: ChaperoneApproval) -> str:
    """How many children a chaperone may look after, from the performance rule in force."""
    try:
        limits = rule_in_force(session, licence_rules.CHAPERONE, approval.approved_on).value
        return (
            f"You may look after at most {limits['max_children']} children at a time, or "
            f"{limits['max_children_if_tutor']} if you are also their tutor."
        )
    except LookupError:  # no such rule (KeyError is one too): say it in general terms
        return "You may look after only as many children as each licence allows."


def approval_card(
    session: Session, case: Case, approval: ChaperoneApproval, photo: bytes
) -> IssuedDocument:
    council = get_settings().council_name
    name = s.full_name(case.answers).strip()
    until = long_date(approval.approved_until)
    check = (
        f"To check this approval, contact {council} with the approval number, the "
        "chaperone’s surname and date of birth."
    )
    return IssuedDocument(
        title=TITLE,
        reference=approval.approval_number,
        issued_on=approval.approved_on,
        photo=Photo(photo, f"Photo of {name}"),
        card=CardFace(
            rows=(
                ("Name", name),
                ("Approval number", approval.approval_number),
                ("Valid until", until),
            ),
            back=(
                f"{name} is approved by {council} as a chaperone for children taking part in "
                "performances and activities under a licence (Children (Performances and "
                "Activities) (England) Regulations 2014).",
                check,
                "This card is not valid after the date on the front, or if the approval has "
                "been suspended or revoked.",
            ),
        ),
        blocks=(
            Section(
                "Your approval",
                (
                    ("Name", name),
                    ("Approval number", approval.approval_number),
                    ("Approved on", long_date(approval.approved_on)),
                    ("Valid until", until),
                ),
            ),
            Paragraphs(
                "When you chaperone",
                (
                    "Carry this card and show it to the licence holder and to any officer "
                    "who inspects the performance.",
                    _children_rule(session, approval),
                    "You must be with the children in your care at all times, not take part "
                    "in the production, and report any illness or injury to the licence "
                    "holder straight away.",
                    f"Tell us if anything changes that could affect your approval, such as a "
                    f"new caution or conviction. We will remind you before {until} so you "
                    "can apply again.",
                ),
                numbered=True,
            ),
        ),
        footer=check,
    )


def filename(approval: ChaperoneApproval) -> str:
    return f"chaperone-approval-{approval.approval_number}.pdf"
