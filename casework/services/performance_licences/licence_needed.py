"""The first question of the application, "does the child need a licence at all?", answered
by the published licence-needed check (``exemptions``) from the form's answers.

A producer whose performance needs no licence is stopped on the first page with the reason
(the 4-day rule, a school's arrangements or a Body of Persons Approval), rather than
applying for something the council would not issue.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from casework.rule_checks import CheckResult
from casework.services.performance_licences import exemptions, rules
from casework.services.performance_licences.exemptions import FourDayRule, PerformanceDetails

# "Who arranges the performance?": the check's two yes-or-no answers as one choice.
ARRANGED_BY_SCHOOL = "school"
ARRANGED_UNDER_BOPA = "bopa"
ARRANGED_BY_SOMEONE_ELSE = "someone_else"


def details(answers: dict[str, Any], days_listed: int = 0) -> PerformanceDetails | None:
    """The check's input from the answers; None if they are not all given yet.

    ``days_listed`` is how many days the application lists: once the producer has listed
    them, the 4-day rule counts at least those.
    """
    arranged = answers.get("arranged_by")
    stated = answers.get("production_days")
    data = {
        "kind": answers.get("performance_kind"),
        "paid_beyond_expenses": answers.get("paid_beyond_expenses"),
        "needs_absence_from_school": answers.get("needs_absence_from_school"),
        "arranged_by_school": arranged == ARRANGED_BY_SCHOOL,
        "arranged_under_bopa": arranged == ARRANGED_UNDER_BOPA,
        "days_performed_in_last_6_months": answers.get("days_performed_before"),
        "performance_days": max(stated if isinstance(stated, int) else 1, days_listed, 1),
    }
    try:
        return PerformanceDetails.model_validate(data)
    except ValidationError:
        return None


def four_day_rule(session: Session | None, on: date) -> FourDayRule:
    if session is None:
        return FourDayRule(**rules.default_in_force(rules.FOUR_DAY_RULE, on))
    return exemptions.four_day_rule_in_force(session, on)


def answer(
    session: Session | None, answers: dict[str, Any], on: date, days_listed: int = 0
) -> CheckResult | None:
    """The licence-needed check's answer (``extra``: licence_needed, exemption,
    explanation), or None when the answers are incomplete."""
    found = details(answers, days_listed)
    if found is None:
        return None
    return exemptions.check(four_day_rule(session, on), found)


def question_it_turns_on(result: CheckResult, answers: dict[str, Any]) -> str:
    """The question whose answer means no licence is needed, to show the reason on."""
    exemption = result.extra.get("exemption")
    if exemption in ("school", "bopa"):
        return "arranged_by"
    if exemption == "four_day_rule":
        return "days_performed_before"
    return "performance_kind"
