"""Free school meals background work: the DfE check after a submission, and its retries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casework import db, followups
from casework.declaration import CheckAnswer
from casework.models import Case
from casework.services.free_school_meals.dfe_checker import DfeEligibilityChecker
from casework.services.free_school_meals.eligibility import REASONS, SLUG, check_case
from casework.settings import get_settings

CHECK_ELIGIBILITY = "free_school_meals.check_eligibility"
RECHECK_DUE = "free_school_meals.recheck_due"

_checker: DfeEligibilityChecker | None = None


def checker() -> DfeEligibilityChecker:
    """One checker (and so one HTTP client and token) per process."""
    global _checker
    if _checker is None:
        settings = get_settings()
        _checker = DfeEligibilityChecker(
            settings.ecs_base_url,
            settings.ecs_client_id,
            settings.ecs_client_secret,
            timeout=settings.ecs_timeout_seconds,
        )
    return _checker


def check_eligibility(case_id: int) -> str | None:
    applied = check_case(case_id, checker())
    return applied.status if applied else None


def quick_check(question: BaseModel) -> CheckAnswer:
    """A "do I qualify?" before applying: the same DfE check, nothing stored."""
    answers = question.model_dump()
    result = checker().check_free_school_meals(
        last_name=answers["last_name"],
        date_of_birth=answers["date_of_birth"],
        national_insurance_number=answers.get("national_insurance_number") or None,
        nass_number=answers.get("nass_number") or None,
    )
    return CheckAnswer(outcome=result.outcome.value, reasons=(REASONS[result.outcome],))


def recheck_due() -> int:
    """Retry checks that were unavailable, and first checks that were never queued."""
    now = datetime.now(UTC)
    with db.transaction() as session:
        due = _due_for_check(session, now, stale_before=now - timedelta(minutes=5))
        # Queued once this transaction commits, like any other follow-up.
        for case_id in due:
            followups.after_commit(session, CHECK_ELIGIBILITY, case_id)
    return len(due)


def _due_for_check(session: Session, now: datetime, stale_before: datetime) -> list[int]:
    """Cases whose eligibility check should run: retries that are due, and submissions
    whose first check was never queued (a crash between commit and queueing)."""
    return list(
        session.scalars(
            select(Case.id).where(
                Case.service == SLUG,
                or_(
                    (Case.status == "check_unavailable") & (Case.next_check_at <= now),
                    (Case.status == "submitted") & (Case.submitted_at <= stale_before),
                ),
            )
        )
    )
