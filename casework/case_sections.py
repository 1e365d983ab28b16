"""Case page sections more than one service can add to the officer's case page."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework import cases
from casework.declaration import CaseSection
from casework.models import Case


def _checks(session: Session, case: Case) -> dict[str, Any]:
    return {"checks": cases.checks(session, case.id)}


# What automatic eligibility checks said, for services that make them.
ELIGIBILITY_CHECKS = CaseSection("Eligibility checks", "eligibility_checks", _checks)


def moves_log(
    title: str, kinds: dict[str, str], *, empty: str, heading: str = "Details"
) -> CaseSection:
    """A section listing the moves of the named transitions, oldest first, with what the
    officer wrote when making each: e.g. an investigation's visits, each move's reason being
    the officer's account of the visit. ``kinds`` maps a transition to the word the list
    shows for it ("Visit", "Statement"); ``empty`` is shown when there are none yet."""

    def load(session: Session, case: Case) -> dict[str, Any]:
        entries = [
            {
                "at": event.at,
                "kind": kinds[event.action],
                "by": event.actor_label,
                "words": event.reason or (event.data or {}).get("note") or "",
            }
            for event in cases.events(session, case.id)
            if event.action in kinds
        ]
        return {"entries": entries, "empty": empty, "heading": heading}

    return CaseSection(title, "moves_log", load)
