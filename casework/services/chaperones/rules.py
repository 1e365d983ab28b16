"""Chaperone approval rule data, each version with the date it takes effect (RULES.md §6).

Regulation 15 of SI 2014/3309 says a child performing under a licence is in the care of a
chaperone the council approves; it sets no form, length or checks. What councils ask
(RULES.md §6: an enhanced DBS check, 2 references, an interview, NSPCC training, 18 or
over, 3 years) is their practice, so each limit is rule data a council can correct
without a code change, and the choices made here say where they come from.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rules import DefaultRule, rule_in_force

APPROVAL = "chaperones.approval"

# The Children (Performances and Activities) (England) Regulations 2014 came into force on
# 6 February 2015.
IN_FORCE = date(2015, 2, 6)

DEFAULTS = (
    DefaultRule(
        APPROVAL,
        IN_FORCE,
        {
            "minimum_age": 18,
            "approval_years": 3,
            "reminder_weeks_before_expiry": 8,
            "dbs_certificate_max_age_years": 3,
            "dbs_update_service_accepted": True,
            "training_max_age_years": 3,
        },
        "SI 2014/3309 reg 15 names a chaperone the council approves, and sets nothing else; "
        "councils' practice (RULES.md §6 [85][86][87]): the applicant must be 18 or over on "
        "the day they apply; an approval lasts 3 years from the day it is granted (its last "
        "valid day is the day before the third anniversary). Council choices: an enhanced "
        "DBS certificate for the child workforce issued within the last 3 years, or any "
        "such certificate kept up to date on the DBS update service (as Hertfordshire and "
        "Newham ask); chaperone safeguarding training (e.g. NSPCC) completed within the "
        "last 3 years, so it is no older than an approval; a reminder to apply again 8 "
        "weeks before an approval ends, time for references, a DBS check and an interview.",
    ),
)


def _default(key: str, on: date) -> Any:
    versions = [rule for rule in DEFAULTS if rule.key == key and rule.effective_from <= on]
    if not versions:
        raise LookupError(f"No version of rule {key} is in force on {on}")
    return max(versions, key=lambda rule: rule.effective_from).value


def approval_rules(session: Session | None, on: date | None = None) -> dict[str, Any]:
    """The approval rules in force on a day (today). Without a database (a step checked on
    its own) the defaults declared here stand in for the council's table."""
    on = on or date.today()
    if session is None:
        return dict(_default(APPROVAL, on))
    return dict(rule_in_force(session, APPROVAL, on).value)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 1 March in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes 1 March in a year without one."""
    return add_years(day, -years)


def summary(session: Session) -> str:
    """Who can be approved, from the rules in force (the start page and the guide API)."""
    rules = approval_rules(session)
    return (
        f"You must be {rules['minimum_age']} or over. We need an enhanced DBS certificate for "
        f"work with children, 2 references from people who are not related to you, chaperone "
        f"training and a face-to-face interview. An approval lasts {rules['approval_years']} "
        "years."
    )
