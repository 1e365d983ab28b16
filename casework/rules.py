"""Versioned rule data: thresholds and rates, each with the date it takes effect.

Defaults below are loaded into the ``rule_versions`` table by ``portal migrate``; a council
corrects or adds versions there without a code change. Decisions record the version used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import RuleVersion


@dataclass(frozen=True)
class DefaultRule:
    key: str
    effective_from: date
    value: Any
    source: str


DEFAULT_RULES: tuple[DefaultRule, ...] = (
    DefaultRule(
        "fsm.universal_credit",
        date(2018, 4, 1),
        {"all_households": False, "net_earned_income_limit": 7400},
        "Free school meals guidance: Universal Credit with net earned income of £7,400 a year "
        "or less, over up to three assessment periods",
    ),
    DefaultRule(
        "fsm.universal_credit",
        date(2026, 9, 1),
        {"all_households": True, "net_earned_income_limit": None},
        "Announced June 2025: from September 2026 every pupil in a Universal Credit household "
        "is eligible (implementing regulations to be confirmed)",
    ),
    DefaultRule(
        "fsm.child_tax_credit_income_limit",
        date(2018, 4, 1),
        16190,
        "Child Tax Credit without Working Tax Credit, HMRC-assessed gross income ≤ £16,190",
    ),
)


def ensure_default_rules(session: Session) -> int:
    """Insert any default rule version the table lacks. Returns how many were added."""
    existing = set(session.execute(select(RuleVersion.rule_key, RuleVersion.effective_from)))
    added = 0
    for rule in DEFAULT_RULES:
        if (rule.key, rule.effective_from) not in existing:
            session.add(
                RuleVersion(
                    rule_key=rule.key,
                    effective_from=rule.effective_from,
                    value=rule.value,
                    source=rule.source,
                )
            )
            added += 1
    session.flush()
    return added


def rule_in_force(session: Session, key: str, on: date | None = None) -> RuleVersion:
    on = on or date.today()
    version = session.scalars(
        select(RuleVersion)
        .where(RuleVersion.rule_key == key, RuleVersion.effective_from <= on)
        .order_by(RuleVersion.effective_from.desc())
        .limit(1)
    ).first()
    if version is None:
        raise LookupError(f"No version of rule {key} is in force on {on}")
    return version
