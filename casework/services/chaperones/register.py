"""The chaperone register: does this approval number belong to this person, and does the
approval stand?

Councils confirm a chaperone's approval and its expiry to other councils and licence
holders on request, and nothing else (RULES.md §6 [88][89]). So the register answers only
the number, the status and the last valid day, and only to someone who already knows the
chaperone's surname and date of birth: a wrong surname or date of birth gets exactly the
answer an unknown number gets (None), along the same path, so neither can be probed alone.
"""

from __future__ import annotations

import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import Case, ChaperoneApproval

Status = Literal["approved", "expired", "suspended", "revoked"]

# The case's status → what the register says. An approval whose last day has passed is
# expired, whether or not the daily run has moved its case yet.
_STATUSES: dict[str, Status] = {
    "approved": "approved",
    "suspended": "suspended",
    "expired": "expired",
    "revoked": "revoked",
}
# What an unknown number is compared with, so it takes the path a known one takes.
_NOBODY = ("\x00unknown", "0001-01-01")
_SEPARATORS = re.compile(r"[\s\-_.]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-"})


@dataclass(frozen=True)
class RegisterEntry:
    """What the register says about one approval: nothing about the person."""

    approval_number: str
    status: Status
    approved_until: date

    def as_dict(self) -> dict[str, str]:
        return {
            "approval_number": self.approval_number,
            "status": self.status,
            "approved_until": self.approved_until.isoformat(),
        }


def normalise_number(text: str) -> str:
    """What people type ("ch 2026 42", "CH-2026-0042") as the stored form, "CH-2026-0042"."""
    parts = [part for part in _SEPARATORS.split(text.strip().upper()) if part]
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit() and len(parts[2]) <= 6:
        return f"{parts[0]}-{parts[1]}-{int(parts[2]):04d}"
    return "-".join(parts)


def normalise_surname(text: str) -> str:
    """A surname compared without case, accents or extra spaces: "  DUPRÉ " is "dupre",
    "O’Brien" is "o'brien"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def status_on(case_status: str, approved_until: date, today: date) -> Status | None:
    status = _STATUSES.get(case_status)
    if status in ("approved", "suspended") and today > approved_until:
        return "expired"
    return status


def lookup(
    session: Session,
    approval_number: str,
    surname: str,
    date_of_birth: date,
    today: date,
) -> RegisterEntry | None:
    """The register's answer for an approval number, given the chaperone's surname and date
    of birth, on ``today``; None when the number is unknown *or* either detail is wrong.

    For other services too: a performance licence names its approved chaperones by asking
    here (``lookup(session, "CH-2026-0042", "Dupré", date(1988, 7, 21), today)``) and
    accepts only an entry whose ``status`` is "approved". The surname is compared without
    case, accents or surrounding spaces. Nothing else about the chaperone is given.
    """
    found = session.execute(
        select(ChaperoneApproval, Case)
        .join(Case, Case.id == ChaperoneApproval.case_id)
        .where(ChaperoneApproval.approval_number == normalise_number(approval_number))
    ).first()
    approval, case = (found[0], found[1]) if found is not None else (None, None)
    known_surname, known_born = (
        (
            normalise_surname(str(case.answers.get("last_name") or "")),
            case.answers.get("date_of_birth"),
        )
        if case is not None
        else _NOBODY
    )
    # Both compared every time, in constant time, so a wrong surname, a wrong date of birth
    # and an unknown number take the same path; "&" rather than "and" so nothing is skipped.
    surname_matches = hmac.compare_digest(
        normalise_surname(surname).encode(), known_surname.encode()
    )
    born_matches = hmac.compare_digest(date_of_birth.isoformat().encode(), str(known_born).encode())
    matched = (found is not None) & surname_matches & born_matches
    if not matched or approval is None or case is None:
        return None
    status = status_on(case.status, approval.approved_until, today)
    if status is None:
        return None
    return RegisterEntry(approval.approval_number, status, approval.approved_until)
