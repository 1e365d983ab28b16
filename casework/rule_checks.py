"""Published rule checks: "is this legal?" for a proposal, before anyone applies.

A rule check takes a proposal (a child's working hours, a production's schedule) and
answers whether it is legal and, if not, each breach in plain words. The same check runs
while a person fills in a form, at submission, on the officer's case page and for the
assistant, so all four give the same answer. Checks are published whether or not the
service's applications are online yet: an employer may check hours before applying.

Each service folder declares its checks; ``casework/services/__init__.py: RULE_CHECKS``
lists them and the API serves them at ``/api/v1/rules/{slug}/check`` (and each list the
check publishes, such as occupations, at ``/api/v1/rules/{slug}/{list}``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Breach:
    rule: str  # a stable code, e.g. "saturday_daily_limit"
    message: str  # plain words: what is wrong and what the limit is

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message}


@dataclass(frozen=True)
class CheckResult:
    breaches: tuple[Breach, ...] = ()
    # Things to know that do not make the proposal illegal (e.g. "apply at least 21 days
    # before the first performance").
    warnings: tuple[Breach, ...] = ()
    # Anything else a check answers (e.g. which exemption applies).
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def legal(self) -> bool:
        return not self.breaches

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "legal": self.legal,
            "breaches": [breach.as_dict() for breach in self.breaches],
        }
        if self.warnings:
            body["warnings"] = [warning.as_dict() for warning in self.warnings]
        return {**body, **self.extra}


@dataclass(frozen=True)
class RuleList:
    """A list a check publishes, e.g. the occupation codes and their names."""

    name: str  # the last part of its path: /rules/{check}/{name}
    summary: str
    items: Callable[[Session], list[dict[str, Any]]]


@dataclass(frozen=True)
class RuleCheck:
    slug: str  # /rules/{slug}/check
    name: str
    summary: str
    # The proposal's shape; malformed proposals (a time that is not a time, a shift that
    # ends before it starts) are validation errors on the field, not breaches.
    body: type[BaseModel]
    # Reads the rule version in force from the session and returns the result.
    run: Callable[[Session, Any], CheckResult]
    lists: tuple[RuleList, ...] = ()
