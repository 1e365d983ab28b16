"""Rule data for inspections, each version with the date it takes effect.

How early officers are warned that a production will end without a visit, and who the
council's own inspection team is (the "notifier" of an inspection opened for a licence
the council granted itself), are the council's working choices, not law: rule data, so the
team changes them without a code change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rules import DefaultRule, rule_in_force

WARNING = "inspections.warn_before_last_day"
TEAM = "inspections.team"

DEFAULTS = (
    DefaultRule(
        WARNING,
        date(2015, 2, 6),
        {"days": 3},
        "Council practice: flag an inspection case to officers when no visit is recorded "
        "and the last performance is this many days away (or has passed). The council "
        "inspects every licensed performance in its area; this lead time is the team's own.",
    ),
    DefaultRule(
        TEAM,
        date(2015, 2, 6),
        {"name": "Child employment team", "email": "child.employment@northshire.example"},
        "The council's own child employment team, named as the notifier on inspections it "
        "opens for licences it granted.",
    ),
)


def value(session: Session, key: str, on: date) -> Any:
    """The version in force, or the folder's own default before ``portal migrate`` ran."""
    try:
        return rule_in_force(session, key, on).value
    except LookupError:
        versions = [rule for rule in DEFAULTS if rule.key == key and rule.effective_from <= on]
        return max(versions, key=lambda rule: rule.effective_from).value
