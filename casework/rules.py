"""Versioned rule data: thresholds and rates, each with the date it takes effect.

Each service declares its defaults (``default_rules``, in its own folder); ``portal migrate``
loads them into the ``rule_versions`` table, where a council corrects or adds versions
without a code change. Decisions record the version used.
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


def ensure_default_rules(session: Session) -> int:
    """Insert any default rule version the table lacks. Returns how many were added."""
    # Local imports: the declarations and the calendars import DefaultRule from here.
    from casework import calendars
    from casework.catalogue import all_services

    existing = set(session.execute(select(RuleVersion.rule_key, RuleVersion.effective_from)))
    added = 0
    defaults = [*calendars.DEFAULT_RULES]
    defaults += [rule for service in all_services() for rule in service.default_rules]
    for rule in defaults:
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
