"""Free school meals eligibility: what the rules say, and acting on the DfE check.

The check itself is the DfE eligibility checking service (``casework.eligibility``).
Its answer decides the case only when it is "eligible"; anything else goes to a person,
and a check that could not run is tried again later, never read as "not eligible".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from casework import db
from casework.models import Case, EligibilityCheck
from casework.rules import rule_in_force
from casework.services.free_school_meals.dfe_checker import CheckOutcome, CheckResult
from casework.settings import get_settings
from casework.workflow import SYSTEM, apply_transition

if TYPE_CHECKING:
    from casework.services.free_school_meals.dfe_checker import DfeEligibilityChecker

from casework.services.free_school_meals.rules import (
    CHILD_TAX_CREDIT_INCOME_LIMIT,
    UNIVERSAL_CREDIT,
)

SLUG = "free-school-meals"
RULE_KEY = UNIVERSAL_CREDIT

REASONS = {
    CheckOutcome.ELIGIBLE: "The eligibility checking service found a qualifying benefit.",
    CheckOutcome.NOT_ELIGIBLE: "The eligibility checking service did not find a qualifying "
    "benefit. An officer can still award free school meals with evidence.",
    CheckOutcome.PARENT_NOT_FOUND: "The eligibility checking service could not find a match "
    "for this name, date of birth and number. Check the surname matches benefit records "
    "exactly. An officer can still decide with evidence.",
    CheckOutcome.UNAVAILABLE: "The eligibility checking service is not available just now. "
    "We will try again; this does not mean you are not eligible.",
}


def summary(session: Session, on: date | None = None) -> str:
    """Who qualifies, in plain language, from the rule version in force."""
    rule = rule_in_force(session, RULE_KEY, on).value
    if rule["all_households"]:
        universal_credit = "Universal Credit (any household that gets it)"
    else:
        universal_credit = (
            "Universal Credit, if your household's net earned income is "
            f"£{rule['net_earned_income_limit']:,} a year or less"
        )
    limit = rule_in_force(session, CHILD_TAX_CREDIT_INCOME_LIMIT, on).value
    benefits = [
        universal_credit,
        "Income Support",
        "income-based Jobseeker's Allowance",
        "income-related Employment and Support Allowance",
        "support under Part VI of the Immigration and Asylum Act 1999",
        "the guarantee element of Pension Credit",
        f"Child Tax Credit without Working Tax Credit, with income of £{limit:,} a year or less",
        "Working Tax Credit run-on (the 4 weeks after it stops)",
    ]
    return (
        "Your child can get free school meals if you get any of: "
        + "; ".join(benefits)
        + ". All children in reception, year 1 and year 2 get free meals anyway, but you "
        "should still apply: it brings their school extra funding (Pupil Premium)."
    )


@dataclass(frozen=True)
class CheckApplied:
    outcome: CheckOutcome
    status: str
    reason: str


def check_case(case_id: int, checker: DfeEligibilityChecker) -> CheckApplied | None:
    """Run the DfE check for a case and move it on. Returns None if it no longer needs one.

    The HTTP call happens outside any transaction, so no row is locked while we wait.
    """
    from casework.catalogue import get_service

    service = get_service(SLUG)
    with db.transaction() as session:
        case = session.get(Case, case_id)
        if case is None or case.status not in ("submitted", "check_unavailable"):
            return None
        answers = dict(case.answers)

    result = checker.check_free_school_meals(
        last_name=answers["last_name"],
        date_of_birth=date.fromisoformat(answers["date_of_birth"]),
        national_insurance_number=answers.get("national_insurance_number") or None,
        nass_number=answers.get("nass_number") or None,
    )

    with db.transaction() as session:
        case = session.get(Case, case_id)
        if case is None or case.status not in ("submitted", "check_unavailable"):
            return None  # an officer decided while we were checking
        rule = rule_in_force(session, RULE_KEY)
        session.add(
            EligibilityCheck(
                case_id=case.id,
                outcome=result.outcome.value,
                service_status=result.service_status,
                detail=result.detail,
                checked_at=result.checked_at,
                rule_version_id=rule.id,
            )
        )
        transition = _transition_for(result, case.status)
        data = {"check_outcome": result.outcome.value, "rule_version_id": rule.id}
        if transition is None:
            # Still unavailable: stay put and try again later.
            case.next_check_at = _next_try()
            status = case.status
        else:
            if transition == "check_unavailable":
                case.next_check_at = _next_try()
            apply_transition(
                session,
                service,
                case.id,
                transition,
                SYSTEM,
                reason=REASONS[result.outcome],
                data=data,
            )
            status = case.status
    return CheckApplied(result.outcome, status, REASONS[result.outcome])


def _transition_for(result: CheckResult, status: str) -> str | None:
    if result.outcome is CheckOutcome.ELIGIBLE:
        return "award_automatically"
    if result.outcome is CheckOutcome.UNAVAILABLE:
        return "check_unavailable" if status == "submitted" else None
    return "refer_to_officer"


def _next_try() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=get_settings().ecs_retry_seconds)
