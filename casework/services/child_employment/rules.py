"""Child employment rule data, each version with the date it takes effect (RULES.md §4).

Hours are in hours (decimals allowed: 1.5 is an hour and a half) and times are "HH:MM", so a
council can read and correct a version without a code change: byelaws differ, and a council
whose byelaws allow, say, a later finish adds a version with its own date and source.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.rules import DefaultRule, rule_in_force
from casework.services.child_employment import occupations

HOURS = "child_employment.hours"
OCCUPATIONS = "child_employment.occupations"

# The Children (Protection at Work) Regulations 1998 (SI 1998/276) came into force on
# 4 August 1998, amending section 18 of the Children and Young Persons Act 1933; the model
# byelaws were issued for councils to adopt from then.
IN_FORCE = date(1998, 8, 4)

DEFAULTS = (
    DefaultRule(
        HOURS,
        IN_FORCE,
        {
            "light_work_age": 13,
            "minimum_age": 14,
            "last_age_covered": 16,
            "earliest_start": "07:00",
            "latest_finish": "19:00",
            "school_start": "08:45",
            "school_end": "15:15",
            "before_school_hours": 1,
            "break_after_hours": 4,
            "break_hours": 1,
            "holiday_weeks_free": 2,
            "age_bands": [
                {
                    "from_age": 13,
                    "to_age": 14,
                    "school_day_hours": 2,
                    "saturday_hours": 5,
                    "sunday_hours": 2,
                    "term_week_hours": 12,
                    "holiday_weekday_hours": 5,
                    "holiday_week_hours": 25,
                },
                {
                    "from_age": 15,
                    "to_age": 16,
                    "school_day_hours": 2,
                    "saturday_hours": 8,
                    "sunday_hours": 2,
                    "term_week_hours": 12,
                    "holiday_weekday_hours": 8,
                    "holiday_week_hours": 35,
                },
            ],
        },
        "Children and Young Persons Act 1933 s.18 as amended by the Children (Protection at "
        "Work) Regulations 1998, and the model byelaws: no child under 14 employed, except a "
        "13-year-old in light work the byelaws list; no work before 7am or after 7pm, or "
        "during school hours on a school day; on a school day at most 2 hours, of which at "
        "most 1 hour before school; Saturdays (and weekdays in the school holidays) 5 hours "
        "at 13-14, 8 hours at 15-16; Sundays 2 hours; 12 hours in a term-time week; 25 hours "
        "(13-14) or 35 hours (15-16) in a holiday week; a break of at least 1 hour after 4 "
        "hours' work; 2 consecutive weeks without work in the school holidays each year. "
        "Term-time Saturdays and Sundays use the Saturday and Sunday limits. "
        "Children under 13 may not be employed at all (they may only perform, under a "
        "licence). The rules apply until the end of compulsory school age (the last Friday in "
        "June of Year 11, when a child is 15 or 16): a 16-year-old is treated as still covered, "
        "since the age alone cannot say whether Year 11 has ended; 17 and over is always past "
        "it, so the check says the child employment rules do not apply (the Working Time "
        "Regulations 1998 for young workers do instead). School hours of 8:45am to 3:15pm "
        "are a typical school day, used for 'not during school hours' and 'before school' "
        "when a proposal does not give the child's own school's times. Sources: "
        "direct.gov.uk DG_174530; askthe.police.uk; nncee.org.uk hours of employment; "
        "model byelaws as adopted by Brighton & Hove and Wirral.",
    ),
    DefaultRule(
        OCCUPATIONS,
        IN_FORCE,
        occupations.default_value(),
        "Model byelaws on the employment of children: para 3, the light work a 13-year-old "
        "may do (agricultural or horticultural work, here under a parent's supervision; "
        "delivering newspapers, journals and other printed material; shop work including "
        "shelf-stacking; hairdressing salons; office work; car washing by hand in a private "
        "residential setting; cafés and restaurants; riding stables; domestic work in hotels "
        "and other establishments offering accommodation); para 4, work prohibited at any "
        "age (cinemas, theatres, discos, dance halls and nightclubs except performances given "
        "entirely by children; selling or delivering alcohol except in sealed containers; "
        "delivering milk or fuel oils; commercial kitchens; collecting or sorting refuse; "
        "work more than 3 metres above ground or floor level; harmful exposure to physical, "
        "biological or chemical agents; door-to-door selling, canvassing or collecting "
        "without adult supervision; adult material; telephone sales; slaughterhouses and "
        "butchery; fairgrounds, amusement arcades and other premises for public amusement by "
        "machines or games of chance or skill; personal care of care home residents without "
        "a responsible adult supervising). Also prohibited: industrial undertakings "
        "(Employment of Women, Young Persons and Children Act 1920 s.1) and, per this "
        "council's list, bingo and billiard halls and clubs. Other light work is allowed from "
        "14; the list names the common kinds.",
    ),
)


def value_in_force(session: Session, key: str, on: date) -> Any:
    """The rule's value in force on a day: the council's version if the table has one.

    Until the child employment service is declared in SERVICES, ``portal migrate`` (which
    loads the declared services' ``default_rules``) does not load these defaults, but the
    check is published already; so while the table has no version, the folder's own
    defaults answer. Once a version is in the table (loaded or the council's), it wins.
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
