"""Answers to child employment rule questions, in one or two plain sentences, from what the
portal's rule check publishes: each age band's limits (GET /rules/child-employment/hours)
and the list of occupations (GET /rules/child-employment/occupations).

Every number said comes from those lists; only the sentences are written here. No Rasa
imports, so it is tested without the bot's environment (tests/assistant/test_rule_answers.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SCHOOL_DAY, SATURDAY, SUNDAY, WEEKEND, WEEK = "school_day", "saturday", "sunday", "weekend", "week"
TERM, HOLIDAY = "term", "holiday"
WHO = "{who}"  # where the child is named, so answers for two age bands can be compared


def a_child(age: int) -> str:
    """ "a 14-year-old", "an 8-year-old", "an 11-year-old", "an 18-year-old"."""
    article = "an" if age in (8, 11, 18) or 80 <= age <= 89 else "a"
    return f"{article} {age}-year-old"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def clock(time: str) -> str:
    """ "07:00" as 7am, "19:30" as 7:30pm, "12:00" as midday."""
    hours, minutes = (int(part) for part in time.split(":"))
    if (hours, minutes) == (12, 0):
        return "midday"
    if hours in (0, 24) and not minutes:
        return "midnight"
    suffix = "am" if hours < 12 else "pm"
    hours = hours % 12 or 12
    return f"{hours}{suffix}" if not minutes else f"{hours}:{minutes:02d}{suffix}"


def duration(hours: float) -> str:
    """2 as "2 hours", 1 as "1 hour", 1.5 as "1 hour 30 minutes"."""
    whole, minutes = int(hours), round((hours - int(hours)) * 60)
    said = f"{whole} hour{'s' if whole != 1 else ''}" if whole else ""
    if minutes:
        said = f"{said} {minutes} minutes".strip()
    return said or "0 hours"


def band_for(bands: Sequence[dict[str, Any]], age: int) -> dict[str, Any] | None:
    return next((b for b in bands if b["from_age"] <= age <= b["to_age"]), None)


def _between(band: dict[str, Any]) -> str:
    return f"between {clock(band['earliest_start'])} and {clock(band['latest_finish'])}"


def _break(band: dict[str, Any]) -> str:
    return (
        f"After {duration(band['break_after_hours'])} of work, they need a break of at least "
        f"{duration(band['break_hours'])}."
    )


def hours_answer(band: dict[str, Any], day: str | None, period: str | None, who: str) -> str:
    """The limits that answer the question, for the child called ``who``."""
    d = {key: duration(value) for key, value in band.items() if key.endswith("_hours")}
    between = _between(band)
    school_hours = f"{clock(band['usual_school_start'])} to {clock(band['usual_school_end'])}"
    if day == SATURDAY:
        said = f"{capital(who)} can work at most {d['saturday_hours']} on a Saturday, {between}."
        return f"{said} {_break(band)}"
    if day == SUNDAY:
        return f"{capital(who)} can work at most {d['sunday_hours']} on a Sunday, {between}."
    if day == WEEKEND:
        return (
            f"{capital(who)} can work at most {d['saturday_hours']} on a Saturday and "
            f"{d['sunday_hours']} on a Sunday, {between}. {_break(band)}"
        )
    if day == SCHOOL_DAY and period == HOLIDAY:
        return (
            f"On a weekday in the school holidays, {who} can work at most "
            f"{d['holiday_weekday_hours']}, {between}. {_break(band)}"
        )
    if day == SCHOOL_DAY:
        return (
            f"On a school day, {who} can work at most {d['school_day_hours']}, {between}, "
            f"but not during school hours (usually {school_hours}). At most "
            f"{d['before_school_hours']} of it can be before school."
        )
    if day == WEEK and period == TERM:
        return f"In a week of term, {who} can work at most {d['term_week_hours']} in all."
    if day == WEEK and period == HOLIDAY:
        return (
            f"In a week of the school holidays, {who} can work at most "
            f"{d['holiday_week_hours']} in all."
        )
    if day == WEEK:
        return (
            f"{capital(who)} can work at most {d['term_week_hours']} a week in term time and "
            f"{d['holiday_week_hours']} a week in the school holidays."
        )
    if period == HOLIDAY:
        return (
            f"In the school holidays, {who} can work at most {d['holiday_weekday_hours']} on a "
            f"weekday, {d['saturday_hours']} on a Saturday, {d['sunday_hours']} on a Sunday "
            f"and {d['holiday_week_hours']} a week, {between}."
        )
    if period == TERM:
        return (
            f"In term time, {who} can work at most {d['school_day_hours']} on a school day "
            f"(not during school hours), {d['saturday_hours']} on a Saturday, "
            f"{d['sunday_hours']} on a Sunday and {d['term_week_hours']} a week, {between}."
        )
    return str(band["summary"])


def without_age(bands: Sequence[dict[str, Any]], day: str | None, period: str | None) -> str | None:
    """The answer when it is the same at every age the rules cover ("on a school day, a
    child aged 13 to 16 can work at most 2 hours"), else None: then the age is needed."""
    if not bands or (day is None and period is None):
        return None
    answers = {hours_answer(band, day, period, WHO) for band in bands}
    if len(answers) != 1:
        return None
    youngest = min(band["from_age"] for band in bands)
    oldest = max(band["to_age"] for band in bands)
    return capital(answers.pop().replace(WHO, f"a child aged {youngest} to {oldest}"))


# --- Jobs ------------------------------------------------------------------------------


def job_name(occupation: dict[str, Any]) -> str:
    """The list's name as it reads mid-sentence: "shop work, including stacking shelves"."""
    name = str(occupation["name"])
    keep = name.split()[0].isupper() and len(name.split()[0]) > 1
    return name if keep else name[:1].lower() + name[1:]


def job_without_age(occupation: dict[str, Any]) -> str:
    """From what age a job is allowed, or that it never is, with the list's note."""
    note = f" {occupation['note']}" if occupation.get("note") else ""
    if occupation.get("prohibited"):
        return f"No child can do this job, at any age: {job_name(occupation)}.{note}"
    return (
        f"A child can do this job from the age of {occupation['allowed_from_age']}: "
        f"{job_name(occupation)}.{note}"
    )


def job_allowed(occupation: dict[str, Any], age: int) -> str:
    """Said when the hours check finds nothing wrong with the job at this age."""
    note = f" {occupation['note']}" if occupation.get("note") else ""
    return f"Yes, {a_child(age)} can do this job: {job_name(occupation)}.{note}"


def jobs_at(occupations: Sequence[dict[str, Any]], age: int | None) -> str:
    """The jobs on the list a child can do: at an age, or from each age."""
    allowed = [o for o in occupations if not o.get("prohibited") and o.get("allowed_from_age")]
    never = [job_name(o) for o in occupations if o.get("prohibited")]
    if age is not None:
        can = [job_name(o) for o in allowed if o["allowed_from_age"] <= age]
        if not can:
            return ""
        said = f"On the council's list, {a_child(age)} can do: {'; '.join(can)}."
    else:
        by_age: dict[int, list[str]] = {}
        for occupation in allowed:
            by_age.setdefault(int(occupation["allowed_from_age"]), []).append(job_name(occupation))
        said = " ".join(
            f"From {start}: {'; '.join(names)}." for start, names in sorted(by_age.items())
        )
    if never:
        said += f" No child can do some jobs at any age, such as {'; '.join(never[:4])}."
    return said
