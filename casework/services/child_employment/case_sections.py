"""Parts of the officer's case page only this service has: the hours against the law, and
when the employer applied. Each section's template is under
templates/backoffice/sections/ and gets only what its ``load`` gives."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import long_date
from casework.declaration import CaseSection
from casework.models import Case
from casework.services.child_employment import late, schedules
from casework.services.child_employment.wording import a_child_aged, capital

KIND_WORDS = {
    "light work": "light work a 13-year-old may do",
    "permitted": "work a child may do from 14",
    "prohibited": "work no child may do",
}


def _hours(session: Session, case: Case) -> dict[str, Any]:
    result = schedules.check(session, case.answers)
    if result is None:
        return {"checked": False}
    return {
        "checked": True,
        "legal": result.legal,
        "age": f"{capital(a_child_aged(result.age))} on the day the job starts",
        "job": result.occupation.name,
        "job_kind": KIND_WORDS.get(result.occupation.kind, result.occupation.kind),
        "rules_on": long_date(result.rules_on),
        "about_the_job": [breach.message for breach in result.about_the_job],
        "periods": [
            {
                "heading": f"Hours in {checked.period.words}",
                "words": checked.period.words,
                "rows": schedules.day_rows(checked.week),
                "total": schedules.week_total(checked.week),
                "breaches": [breach.message for breach in checked.hours_breaches],
            }
            for checked in result.periods
        ],
        "warnings": [warning.message for warning in result.warnings],
    }


def _timing(session: Session, case: Case) -> dict[str, Any]:
    found = late.timing(session, case)
    return {"late": found.late, "words": found.words()}


HOURS = CaseSection("Working hours against the law", "child_employment_hours", _hours)
TIMING = CaseSection("When the employer applied", "child_employment_timing", _timing)
# What the parent answered is on the page already ("Other people's answers", for every
# service's parties).
SECTIONS = (HOURS, TIMING)
