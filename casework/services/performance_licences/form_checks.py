"""Checks across questions, for each step and for the whole application.

On the web a step's check also sees the answers already given on other steps (the draft,
``FormContext.earlier``), so a day is judged against the child's age and the other days
while the producer is still on that day's page. Channels that check one step alone (the
API, the assistant) give no earlier answers: a step's check then judges what it can, and
the whole application is judged at submission by ``check_application``, which every
channel runs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casework.clocks import long_date, today
from casework.questions import FormContext
from casework.services.performance_licences import (
    chaperone_register,
    licence_needed,
    schedule_answers,
    tutors,
)
from casework.services.performance_licences.question_kinds import periods
from casework.services.performance_licences.schedule_answers import DAYS, VENUES, parse_date
from casework.services.performance_licences.wording import clock


def _everything(answers: dict[str, Any], context: FormContext) -> dict[str, Any]:
    return {**context.earlier, **answers}


def _whole_application(answers: dict[str, Any]) -> bool:
    """A plain step's check runs on the whole application too (every channel's submit);
    the schedule's own errors are then ``check_application``'s to give, on the days."""
    return DAYS in answers


# --- Does the child need a licence? -------------------------------------------------------


def check_licence_needed(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    everything = _everything(answers, context)
    result = licence_needed.answer(
        context.session, everything, today(), days_listed=len(everything.get(DAYS) or [])
    )
    if result is None or result.extra.get("licence_needed"):
        return {}
    where = licence_needed.question_it_turns_on(result, everything)
    return {where: f"{result.extra['explanation']} You do not need to apply."}


# --- The child ----------------------------------------------------------------------------


def check_child(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """A date of birth changed after the days were given may put the child in a younger
    age band, whose limits the days then break: say so here, where the change was made."""
    if _whole_application(answers):
        return {}
    reading = schedule_answers.read(context.session, _everything(answers, context), today())
    if schedule_answers.DATE_OF_BIRTH in reading.errors:
        return {schedule_answers.DATE_OF_BIRTH: reading.errors[schedule_answers.DATE_OF_BIRTH]}
    if reading.result is not None and reading.result.breaches:
        first = reading.result.breaches[0].message
        return {
            schedule_answers.DATE_OF_BIRTH: "The days you gave break the limits for a child "
            f"of {reading.age}: {first} Check the date of birth, or change the days"
        }
    return {}


# --- One day of the schedule ---------------------------------------------------------------


def _venue_names(venues: list[dict[str, Any]]) -> list[str]:
    return [str(venue.get("venue_name") or "").strip() for venue in venues]


def _same_name(one: str, other: str) -> bool:
    return " ".join(one.lower().split()) == " ".join(other.lower().split())


def check_day(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """One day: its own times make sense, it names a listed venue, and, with the child's
    age and the other days known, it keeps to the law (the errors it would add)."""
    errors = _day_on_its_own(answers, today())
    venues = context.earlier.get(VENUES)
    if venues and not any(_same_name(answers.get("venue", ""), n) for n in _venue_names(venues)):
        errors.setdefault(
            "venue", f"Enter the name of a venue you gave: {', '.join(_venue_names(venues))}"
        )
    if errors:
        return errors
    others = [day for day in context.earlier.get(DAYS) or [] if isinstance(day, dict)]
    before = schedule_answers.read(context.session, context.earlier, today())
    after = schedule_answers.read(
        context.session, {**context.earlier, DAYS: [*others, answers]}, today()
    )
    index = str(len(others))
    found: dict[str, str] = {}
    for path, message in after.errors.items():
        parts = path.split(".")
        if parts[:2] == [DAYS, index] and len(parts) == 3:
            found.setdefault(parts[2], message)
    # A breach this day causes on another day (the seventh day in a row is the first
    # day's breach) is shown here, on this day's date, where the producer can act on it.
    old = {(b.rule, b.message) for b in before.result.breaches} if before.result else set()
    if after.result is not None:
        for breach in after.result.breaches:
            shown = any(breach.message in message for message in found.values())
            new = (breach.rule, breach.message) not in old
            if new and not shown and breach.rule != "chaperone_ratio":
                found.setdefault("date", breach.message)
    return found


def _day_on_its_own(day: dict[str, Any], on: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    when = parse_date(day.get("date"))
    if when is not None and when < on:
        errors["date"] = "The date must be today or in the future"
    arrive, leave = day.get("arrive"), day.get("leave")
    leave = "24:00" if leave == "00:00" else leave
    if arrive and leave and leave <= arrive:
        errors["leave"] = (
            f"The time the child leaves the venue must be after the time they arrive, "
            f"{clock(arrive)}"
        )
        return errors
    outside = [
        (start, finish)
        for start, finish in periods(day.get("performing"))
        if arrive and leave and (start < arrive or finish > leave)
    ]
    if outside:
        start, finish = outside[0]
        errors["performing"] = (
            f"The child must be at the venue while they perform: {clock(start)} to "
            f"{clock(finish)} is not between {clock(arrive or '')} and {clock(leave or '')}"
        )
    return errors


# --- Who looks after the child, and the tutor --------------------------------------------


def check_chaperone(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    everything = _everything(answers, context)
    if not schedule_answers.in_care_of_chaperone(everything):
        return {}
    problem = chaperone_register.problem(context.session, everything, today())
    if problem is not None:
        return {problem.field: problem.message}
    if _whole_application(answers):
        return {}
    reading = schedule_answers.read(context.session, everything, today())
    if schedule_answers.CHAPERONE_CHILDREN in reading.errors:
        return {
            schedule_answers.CHAPERONE_CHILDREN: reading.errors[schedule_answers.CHAPERONE_CHILDREN]
        }
    return {}


def check_tutor(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    return tutors.check(context.session, answers, today())


def check_parent(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """The parent's part is done online, through a link by email or text."""
    if not answers.get("parent_email") and not answers.get("parent_mobile"):
        return {
            "parent_email": "Enter the parent's email address or mobile number, so we can "
            "send them the link to their part of the application"
        }
    return {}


# --- The whole application ----------------------------------------------------------------


def check_application(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """What only the whole application shows: each day's venue is one of the venues, and
    the schedule keeps to the law for the child's age, chaperone and all the days."""
    on = today()
    errors: dict[str, str] = {}
    names = _venue_names(answers.get(VENUES) or [])
    for index, day in enumerate(answers.get(DAYS) or []):
        for field, message in _day_on_its_own(day, on).items():
            errors.setdefault(f"{DAYS}.{index}.{field}", message)
        if names and not any(_same_name(str(day.get("venue") or ""), name) for name in names):
            errors.setdefault(
                f"{DAYS}.{index}.venue",
                f"On {long_date(parse_date(day['date']) or on)} the venue must be one you gave: "
                f"{', '.join(names)}",
            )
    for path, message in schedule_answers.read(context.session, answers, on).errors.items():
        errors.setdefault(path, message)
    return errors
