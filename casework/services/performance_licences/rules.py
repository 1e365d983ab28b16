"""Child performance rule data, each version with the date it takes effect (RULES.md §5, §6).

The regulations are The Children (Performances and Activities) (England) Regulations 2014
(SI 2014/3309), in force 6 February 2015. Where RULES.md marks a point ⚠ each source says
what could be confirmed and what was chosen. Times are "HH:MM"; durations are minutes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rules import DefaultRule, rule_in_force

HOURS_BY_AGE = "performance.hours_by_age"
CONSECUTIVE_DAYS = "performance.consecutive_days"
NIGHT_WORK_GAP = "performance.night_work_gap"
EDUCATION = "performance.education"
CHAPERONE = "performance.chaperone"
NOTICE = "performance.notice"
FOUR_DAY_RULE = "performance.four_day_rule"
BREAKS = "performance.breaks"
OVERNIGHT_BREAK = "performance.overnight_break"

IN_FORCE = date(2015, 2, 6)

DEFAULTS = (
    DefaultRule(
        HOURS_BY_AGE,
        IN_FORCE,
        {
            "bands": [
                {
                    "from_age": 0,
                    "to_age": 4,
                    "earliest": "07:00",
                    "latest": "22:00",
                    "max_at_venue_minutes": 300,
                    "max_performing_minutes": 120,
                    "max_continuous_minutes": 30,
                },
                {
                    "from_age": 5,
                    "to_age": 8,
                    "earliest": "07:00",
                    "latest": "23:00",
                    "max_at_venue_minutes": 480,
                    "max_performing_minutes": 180,
                    "max_continuous_minutes": 150,
                },
                {
                    "from_age": 9,
                    "to_age": 16,
                    "earliest": "07:00",
                    "latest": "23:00",
                    "max_at_venue_minutes": 570,
                    "max_performing_minutes": 300,
                    "max_continuous_minutes": 150,
                },
            ]
        },
        "SI 2014/3309 regs 21 and 22. Earliest and latest times (reg 21): from birth until 5, "
        "7am to 10pm; from 5 until school leaving age, 7am to 11pm, as the Bates Wells "
        "helpsheet for ITC sets out the regulation (RULES.md [83]). Hours at the venue, "
        "performing and continuously (reg 22): as councils tabulate them (RULES.md [79]). "
        "⚠ The regulation's own text could not be retrieved to confirm the middle band's "
        "edges: chosen 5 to 8 and 9 and over, as most councils print them and as the 9+ band "
        "of the 1968 Regulations they replaced; Hackney prints 5 to 9 and 10 and over. The "
        "edges are data, so a council corrects them with a new version.",
    ),
    DefaultRule(
        CONSECUTIVE_DAYS,
        IN_FORCE,
        {"max_days": 6},
        "SI 2014/3309 reg 26: at most 6 consecutive days of performances or rehearsals "
        "(wording confirmed from the mirror Welsh reg 28, SI 2015/1757, and Scottish reg 26, "
        "SSI 2014/372). Not checked here: the 14-day break after 8 weeks at that maximum "
        "(reg 27), which depends on the days in the whole licence.",
    ),
    DefaultRule(
        NIGHT_WORK_GAP,
        IN_FORCE,
        {"min_hours": 16},
        "SI 2014/3309 reg 28: where the council permits night work, the child takes part in "
        "no other performance or rehearsal until at least 16 hours after the end of their "
        "part (wording confirmed from the mirror Welsh reg 30(2)(b), SI 2015/1757).",
    ),
    DefaultRule(
        EDUCATION,
        IN_FORCE,
        {"min_minutes_per_school_day": 180},
        "SI 2014/3309 reg 13 (RULES.md [78]): at least 3 hours of education on each school "
        "day. Chosen: the daily minimum is checked. Education aggregated over a longer period "
        "is an arrangement the council approves case by case, so the validator does not "
        "assume it; an officer can still approve one.",
    ),
    DefaultRule(
        CHAPERONE,
        IN_FORCE,
        {"max_children": 12, "max_children_if_tutor": 3},
        "SI 2014/3309 reg 15 (RULES.md §6 [84]): at most 12 children in a chaperone's care, "
        "or 3 if the chaperone is also the child's private teacher.",
    ),
    DefaultRule(
        NOTICE,
        IN_FORCE,
        {"days": 21},
        "SI 2014/3309 reg 4(2): the council may refuse an application received less than 21 "
        "days before the first performance (wording confirmed from the mirror Welsh reg 4(2), "
        "SI 2015/1757).",
    ),
    DefaultRule(
        FOUR_DAY_RULE,
        IN_FORCE,
        {"max_days_before": 3, "months": 6},
        "Children and Young Persons Act 1963 s.37(3)(a) (RULES.md [72][73]): no licence is "
        "needed if, in the 6 months before, the child has performed on no more than 3 days "
        "and nothing beyond expenses is paid. Rehearsal days count.",
    ),
    DefaultRule(
        BREAKS,
        IN_FORCE,
        {"rules": []},
        "⚠ SI 2014/3309 reg 23 (meal and rest breaks): the regulation's text could not be "
        "confirmed, so no figures are set and no break is checked. A council adds a version "
        'with the figures, e.g. {"rules": [{"after_minutes_at_venue": 240, '
        '"min_break_minutes": 45}]}, and the validator applies it.',
    ),
    DefaultRule(
        OVERNIGHT_BREAK,
        IN_FORCE,
        {"min_hours": None},
        "⚠ SI 2014/3309 reg 24 (minimum break overnight): the regulation's text could not be "
        'confirmed, so no minimum is set and none is checked; a version with {"min_hours": '
        "N} turns the check on.",
    ),
)


def value_in_force(session: Session, key: str, on: date) -> Any:
    """The rule's value in force on a day: the council's version if the table has one.

    The service is not in SERVICES yet, so ``portal migrate`` may not have loaded these
    defaults; until it does, the checks read the folder's own.
    """
    try:
        return rule_in_force(session, key, on).value
    except LookupError:
        return default_in_force(key, on)


def default_in_force(key: str, on: date) -> Any:
    versions = [rule for rule in DEFAULTS if rule.key == key and rule.effective_from <= on]
    if not versions:
        raise LookupError(f"No version of rule {key} is in force on {on}")
    return max(versions, key=lambda rule: rule.effective_from).value
