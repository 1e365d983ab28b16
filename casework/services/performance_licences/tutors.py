"""The child's tutor on days they miss school (SI 2014/3309 reg 13; RULES.md §5 "Education").

A licence is granted only if the child's education will not suffer. Where the child misses
school, a private teacher approved by the council teaches them, and teaches at most 6
children at a time, or 12 if they are all at a similar stage. The numbers are rule data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rules import DefaultRule
from casework.services.performance_licences.rules import IN_FORCE, default_in_force, value_in_force

TUTOR = "performance.tutor"

DEFAULTS = (
    DefaultRule(
        TUTOR,
        IN_FORCE,
        {"max_children": 6, "max_children_similar_standard": 12},
        "SI 2014/3309 reg 13 (RULES.md §5 [78]): a private teacher teaches at most 6 children "
        "at the same time, or 12 if they are all at a similar standard of education.",
    ),
)


def limits(session: Session | None, on: date) -> dict[str, int]:
    if session is None:
        return default_in_force(TUTOR, on)
    return value_in_force(session, TUTOR, on)


def check(session: Session | None, answers: dict[str, Any], on: date) -> dict[str, str]:
    """The number of children the tutor teaches, against the limits in force."""
    if answers.get("tutor") != "yes":
        return {}
    children = answers.get("tutor_children")
    if not isinstance(children, int):
        return {}
    limit = limits(session, on)
    similar = bool(answers.get("tutor_similar_standard"))
    most = limit["max_children_similar_standard"] if similar else limit["max_children"]
    if children <= most:
        return {}
    if similar:
        message = (
            f"A tutor can teach at most {most} children at the same time. This tutor would "
            f"teach {children}."
        )
    else:
        message = (
            f"A tutor can teach at most {most} children at the same time, or "
            f"{limit['max_children_similar_standard']} if they are all at a similar stage of "
            f"education. This tutor would teach {children}."
        )
    return {"tutor_children": message}
