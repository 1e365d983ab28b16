"""What a council tells us about a performance it licensed in our area: who is telling us,
the licence, the production, and each venue in our area with its first and last day.

Each venue's run is one period of the event, and gets at least one visit. The last day of
all the venues is the day by which the children must be inspected.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casework.clocks import long_date, today
from casework.questions import (
    Choice,
    DateQuestion,
    EmailQuestion,
    Form,
    FormContext,
    NameQuestion,
    NumberQuestion,
    PostcodeQuestion,
    RadiosQuestion,
    Repeat,
    Step,
    TextareaQuestion,
    TextQuestion,
)
from casework.questions.extra_kinds import PhoneQuestion, PlaceNameQuestion

VENUES = "venues"
MAX_VENUES = 10
# Answers only the council's own casework gives: the reference of the licence case an
# inspection was opened for (``opening.open_inspection``).
LICENCE_CASE = "licence_case"

NOTIFIER = (
    NameQuestion(
        name="notifier_name", label="Your name", autocomplete="name", missing="Enter your name"
    ),
    TextQuestion(
        name="notifier_role",
        label="Job title (optional)",
        short_label="Job title",
        optional=True,
        autocomplete="organization-title",
    ),
    EmailQuestion(
        name="email",
        label="Email address",
        hint="We will tell you here what our inspection finds.",
        missing="Enter your email address",
    ),
    PhoneQuestion(
        name="phone",
        label="Phone number (optional)",
        short_label="Phone",
        optional=True,
    ),
)

LICENCE = (
    TextQuestion(
        name="licence_number",
        label="Licence number",
        hint="If the children each have a licence, give every number, separated by commas.",
        missing="Enter the licence number",
        max_length=500,
    ),
    PlaceNameQuestion(
        name="issuing_council",
        label="Council that issued the licence",
        short_label="Issuing council",
        hint="The council where the child lives. For example, Southshire Council",
        missing="Enter the name of the council that issued the licence",
    ),
    NumberQuestion(
        name="children_count",
        label="How many children does it cover?",
        short_label="Children",
        missing="Enter how many children the licence covers",
        minimum=1,
        maximum=500,
    ),
)

PRODUCTION_TYPES = {
    "theatre": "Theatre or other live performance",
    "film_tv": "Film or television",
    "modelling": "Modelling",
    "sport": "Paid sport",
    "other": "Something else",
}

PRODUCTION = (
    TextQuestion(
        name="production_name",
        label="Name of the production",
        short_label="Production",
        missing="Enter the name of the production",
        max_length=200,
    ),
    RadiosQuestion(
        name="production_type",
        label="What kind of production is it?",
        short_label="Kind of production",
        missing="Select what kind of production it is",
        choices=tuple(Choice(value, label) for value, label in PRODUCTION_TYPES.items()),
    ),
    PlaceNameQuestion(
        name="licence_holder",
        label="Licence holder",
        hint="The person or company responsible for the production, as named on the licence",
        missing="Enter the licence holder’s name",
        max_length=200,
    ),
    PhoneQuestion(
        name="holder_phone",
        label="Licence holder’s phone number (optional)",
        short_label="Licence holder’s phone",
        hint="So we can arrange our visit",
        optional=True,
    ),
    TextQuestion(
        name="chaperone",
        label="Chaperone’s name (optional)",
        short_label="Chaperone",
        hint="The approved chaperone, or the parent, who looks after the children",
        optional=True,
        max_length=200,
    ),
)

VENUE = (
    PlaceNameQuestion(
        name="venue_name", label="Name of the venue", missing="Enter the name of the venue"
    ),
    TextQuestion(
        name="venue_address",
        label="Address",
        hint="The building and street",
        missing="Enter the venue’s address",
        max_length=200,
        autocomplete="off",
    ),
    PostcodeQuestion(
        name="venue_postcode",
        label="Postcode",
        missing="Enter the venue’s postcode",
        autocomplete="off",
    ),
    DateQuestion(
        name="first_day",
        label="First day the children are at this venue",
        short_label="First day",
        hint="Include rehearsals. For example, 27 3 2027",
        missing="Enter the first day the children are at this venue",
        past=False,
    ),
    DateQuestion(
        name="last_day",
        label="Last day the children are at this venue",
        short_label="Last day",
        hint="For example, 3 4 2027",
        missing="Enter the last day the children are at this venue",
        past=False,
    ),
    TextareaQuestion(
        name="times",
        label="When are the children there? (optional)",
        short_label="Times",
        hint="For example, evening performances 6pm to 10pm and Saturday matinees at 2pm",
        optional=True,
        max_length=500,
        rows=3,
    ),
)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def check_venue(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    first, last = _day(answers.get("first_day")), _day(answers.get("last_day"))
    if first is None or last is None:
        return {}
    if last < first:
        return {"last_day": "Last day must be the same as or after the first day"}
    if last < today():
        return {
            "last_day": "Last day must be today or later: we cannot inspect a performance "
            "that has finished"
        }
    return {}


def venue_summary(venue: dict[str, Any], context: FormContext) -> tuple[str, str]:
    first, last = _day(venue.get("first_day")), _day(venue.get("last_day"))
    dates = f"{long_date(first)} to {long_date(last)}" if first and last else ""
    where = ", ".join(str(venue.get(k) or "") for k in ("venue_address", "venue_postcode"))
    return str(venue.get("venue_name") or "Venue"), f"{where}. {dates}".strip(". ")


FORM = Form(
    steps=(
        Step(
            "about-you",
            "About you",
            NOTIFIER,
            intro="Tell us who you are at the council that issued the licence, so we can tell "
            "you what our inspection finds.",
        ),
        Step("licence", "The licence", LICENCE),
        Step("production", "The production", PRODUCTION),
        Step(
            VENUES,
            "Venues in our area",
            VENUE,
            intro="Add each venue in our area where the children will rehearse or perform. "
            "We inspect at least once at each venue.",
            repeat=Repeat(
                key=VENUES,
                noun="venue",
                plural="venues",
                summary=venue_summary,
                max_items=MAX_VENUES,
            ),
            check=check_venue,
        ),
    )
)


def last_day(answers: dict[str, Any]) -> date | None:
    """The last day the children are at any venue: the day to inspect by."""
    days = [_day(venue.get("last_day")) for venue in answers.get(VENUES) or []]
    known = [day for day in days if day is not None]
    return max(known) if known else None


def venue_names(answers: dict[str, Any]) -> str:
    names = [str(v.get("venue_name") or "") for v in answers.get(VENUES) or []]
    return " and ".join(name for name in names if name)


def describe(answers: dict[str, Any]) -> str:
    """The case's line in the queue: the production, where, and the day to inspect by."""
    last = last_day(answers)
    parts = [str(answers.get("production_name") or ""), venue_names(answers)]
    if last is not None:
        parts.append(f"last day {long_date(last)}")
    return ", ".join(part for part in parts if part)
