"""The part of the officer's case page only chaperone cases have: what the referees flag,
the photo the card will print, and the approval as the register gives it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework import clocks
from casework.declaration import CaseSection
from casework.models import Case
from casework.services.chaperones import approvals, references
from casework.services.chaperones.register import status_on


def _load(session: Session, case: Case) -> dict[str, Any]:
    asked = references.answered(session, case.id)
    photo = approvals.card_photo(session, case.id)
    sent = approvals.uploads(session, case.id)
    approval = approvals.for_case(session, case.id)
    return {
        "reference": case.reference,
        "flagged": [(referee["name"], flag) for referee in asked for flag in referee["flags"]],
        "waiting_for": [referee["name"] for referee in asked if not referee["answered_at"]],
        "referees_asked": len(asked),
        "photo": photo,
        # Files were sent, but none is a photo the card can print (a PDF, a damaged image).
        "no_printable_photo": bool(sent) and photo is None,
        "approval": approval,
        "register_status": (
            status_on(case.status, approval.approved_until, clocks.today()) if approval else None
        ),
    }


CHAPERONE_CHECKS = CaseSection("Chaperone checks", "chaperone_checks", _load)
SECTIONS = (CHAPERONE_CHECKS,)
