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
