"""The rule check this folder publishes (``casework.services.RULE_CHECKS``): the working-hours
validator, with the lists it reads from, so an employer or the assistant can check hours and
find an occupation's code before anyone applies."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rule_checks import RuleCheck, RuleList
from casework.services.child_employment import hours, rules
from casework.services.child_employment.occupations import Occupation
from casework.services.child_employment.proposal import ProposedHours


def occupation_items(session: Session) -> list[dict[str, Any]]:
    """The occupations in force today: code, name, category, allowed_from_age, prohibited."""
    value = rules.value_in_force(session, rules.OCCUPATIONS, date.today())
    return [Occupation.from_dict(item).as_dict() for item in value]


def hours_items(session: Session) -> list[dict[str, Any]]:
    """The hours limits in force today, one item per age band, with a summary in words."""
    limits = hours.limits_from(rules.value_in_force(session, rules.HOURS, date.today()))
    return [
        {
            "from_age": band.from_age,
            "to_age": band.to_age,
            "earliest_start": _time(limits.earliest_start),
            "latest_finish": _time(limits.latest_finish),
            "usual_school_start": _time(limits.school_start),
            "usual_school_end": _time(limits.school_end),
            "school_day_hours": _hours(band.school_day),
            "before_school_hours": _hours(limits.before_school),
            "saturday_hours": _hours(band.saturday),
            "sunday_hours": _hours(band.sunday),
            "term_week_hours": _hours(band.term_week),
            "holiday_weekday_hours": _hours(band.holiday_weekday),
            "holiday_week_hours": _hours(band.holiday_week),
            "break_after_hours": _hours(limits.break_after),
            "break_hours": _hours(limits.break_length),
            "summary": hours.summary(limits, band),
        }
        for band in limits.bands
    ]


def _hours(minutes: int) -> int | float:
    hours = minutes / 60
    return int(hours) if hours.is_integer() else round(hours, 2)


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


HOURS_CHECK = RuleCheck(
    slug="child-employment",
    name="Child employment: working hours",
    summary="Check whether a child's proposed working hours and job are legal for their age",
    body=ProposedHours,
    run=hours.run,
    lists=(
        RuleList(
            "occupations",
            "The occupations a child may do, from what age, and those no child may do",
            occupation_items,
        ),
        RuleList(
            "hours",
            "The most hours a child may work, by age: each day, each week and in the holidays",
            hours_items,
        ),
    ),
)
