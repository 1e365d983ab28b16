"""Naming an approved chaperone: the register must know them, and their approval must stand
for every day of the licence (RULES.md §6: "a performance licence names approved chaperones
from the register").

The register (``casework.services.chaperones.register``) answers only to someone who knows
the chaperone's approval number, surname and date of birth, and answers a wrong surname or
date of birth exactly as an unknown number. So do we: one message for all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import long_date
from casework.services.chaperones.register import RegisterEntry, lookup
from casework.services.performance_licences import schedule_answers

NUMBER = "chaperone_approval_number"

NOT_FOUND = (
    "We cannot find an approved chaperone with this approval number, last name and date of "
    "birth. Check them against the chaperone's approval card"
)
_NOT_APPROVED = {
    "expired": "This chaperone's approval has expired. They must renew it before they can "
    "look after the child",
    "suspended": "This chaperone's approval is suspended. Choose another approved chaperone",
    "revoked": "This chaperone is no longer approved. Choose another approved chaperone",
}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def problem(session: Session | None, answers: dict[str, Any], today: date) -> Problem | None:
    """Why the chaperone the answers name cannot look after the child, or None.

    Says nothing until the number, last name and date of birth are all given (their own
    questions ask for them), and nothing without a database to look in (a step checked on
    its own): the whole application is checked with one.
    """
    number = str(answers.get(NUMBER) or "").strip()
    surname = str(answers.get("chaperone_last_name") or "").strip()
    born = schedule_answers.parse_date(answers.get("chaperone_date_of_birth"))
    if not (number and surname and born) or session is None:
        return None
    entry = lookup(session, number, surname, born, today)
    if entry is None:
        return Problem(NUMBER, NOT_FOUND)
    if entry.status != "approved":
        return Problem(NUMBER, _NOT_APPROVED[entry.status])
    last = schedule_answers.last_day(answers)
    if last is not None and entry.approved_until < last:
        return Problem(
            NUMBER,
            f"This chaperone's approval ends on {long_date(entry.approved_until)}, before "
            f"the last day, {long_date(last)}. They must renew it first, or choose another "
            "approved chaperone",
        )
    return None


def entry_for(session: Session, answers: dict[str, Any], today: date) -> RegisterEntry | None:
    """The register's entry for the named chaperone (for the officer's case page), or None."""
    number = str(answers.get(NUMBER) or "").strip()
    surname = str(answers.get("chaperone_last_name") or "").strip()
    born = schedule_answers.parse_date(answers.get("chaperone_date_of_birth"))
    if not (number and surname and born):
        return None
    return lookup(session, number, surname, born, today)
