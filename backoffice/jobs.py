"""Batch runs in Celery: eligibility checks and their retries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from celery import shared_task

from casework import cases, db
from casework.services.free_school_meals.dfe_checker import DfeEligibilityChecker
from casework.services.free_school_meals.declaration import CHECK_ELIGIBILITY_TASK, SLUG
from casework.services.free_school_meals.eligibility import check_case
from casework.settings import get_settings

_checker: DfeEligibilityChecker | None = None


def checker() -> DfeEligibilityChecker:
    """One checker (and so one HTTP client and token) per worker process."""
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


@shared_task(name=CHECK_ELIGIBILITY_TASK, acks_late=True)
def check_eligibility(case_id: int) -> str | None:
    applied = check_case(case_id, checker())
    return applied.status if applied else None


@shared_task(name="free_school_meals.recheck_due")
def recheck_due() -> int:
    """Retry checks that were unavailable, and first checks that were never queued."""
    now = datetime.now(UTC)
    with db.transaction() as session:
        due = cases.due_for_check(session, SLUG, now, stale_before=now - timedelta(minutes=5))
    for case_id in due:
        check_eligibility.delay(case_id)
    return len(due)
