"""The rule checks this folder publishes (``casework.rule_checks``), listed in RULE_CHECKS.

- ``POST /api/v1/rules/performance/check``: is this schedule legal for the child?
- ``GET /api/v1/rules/performance/age-bands``: the hours by age in force today.
- ``POST /api/v1/rules/performance-licence-needed/check``: does it need a licence at all?
- ``GET /api/v1/rules/performance-licence-needed/kinds``: the kinds of performance.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rule_checks import RuleCheck, RuleList
from casework.services.performance_licences import exemptions, schedule
from casework.services.performance_licences.exemptions import PerformanceDetails
from casework.services.performance_licences.proposal import ProposedSchedule
from casework.services.performance_licences.wording import ages, clock, duration


def age_bands(session: Session) -> list[dict[str, Any]]:
    limits = schedule.limits_in_force(session, date.today())
    return [
        {
            "ages": ages(band.from_age, band.to_age),
            "from_age": band.from_age,
            "to_age": band.to_age,
            "earliest": band.earliest,
            "latest": band.latest,
            "max_at_venue_minutes": band.max_at_venue_minutes,
            "max_performing_minutes": band.max_performing_minutes,
            "max_continuous_minutes": band.max_continuous_minutes,
            "summary": f"A child aged {ages(band.from_age, band.to_age)} can be at the venue "
            f"between {clock(band.earliest)} and {clock(band.latest)}, for at most "
            f"{duration(band.max_at_venue_minutes)} a day. They can perform or rehearse for "
            f"at most {duration(band.max_performing_minutes)} a day, and for at most "
            f"{duration(band.max_continuous_minutes)} without a break.",
        }
        for band in limits.bands
    ]


SCHEDULE_CHECK = RuleCheck(
    slug="performance",
    name="Child performance schedule",
    summary="Checks a production's schedule for one child against the limits in force: the "
    "earliest and latest times, hours at the venue and performing, continuous performing, "
    "consecutive days, the rest after night work, education on school days and children "
    "per chaperone. Warns when the first performance is less than 21 days away.",
    body=ProposedSchedule,
    run=schedule.run,
    lists=(
        RuleList(
            "age-bands",
            "The times and hours a child may be at the venue and perform, by age",
            age_bands,
        ),
    ),
)

LICENCE_NEEDED_CHECK = RuleCheck(
    slug="performance-licence-needed",
    name="Does a child performance need a licence?",
    summary="Says whether a child needs a performance licence, and which exemption applies "
    "if not: the 4-day rule, a school's arrangements or a Body of Persons Approval. The "
    "answer is in licence_needed, exemption and explanation; legal is always true.",
    body=PerformanceDetails,
    run=exemptions.run,
    lists=(RuleList("kinds", "The kinds of performance the check asks about", exemptions.kinds),),
)
