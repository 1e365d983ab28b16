"""The group's application for a Body of Persons Approval: who the group is and who is
responsible, the performances (where and when, how many children), how the children are
kept safe, and the declaration that no child is paid or misses school."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from casework.clocks import long_date, today
from casework.questions import (
    Choice,
    ConsentQuestion,
    DateQuestion,
    Form,
    FormContext,
    NumberQuestion,
    RadiosQuestion,
    Step,
    TextareaQuestion,
    TextQuestion,
    YesNoQuestion,
)
from casework.questions import shapes as s
from casework.rules import rule_in_force
from casework.services.bopa import rules

GROUP_TYPES = {
    "amateur_dramatics": "Amateur dramatic or operatic society",
    "dance_or_stage_school": "Dance, drama or stage school",
    "music": "Choir, band or music group",
    "other": "Another kind of group",
}

GROUP = (
    TextQuestion(
        name="group_name", label="Name of the group", missing="Enter the name of the group"
    ),
    RadiosQuestion(
        name="group_type",
        label="What kind of group is it?",
        short_label="Kind of group",
        missing="Select the kind of group",
        choices=tuple(Choice(code, name) for code, name in GROUP_TYPES.items()),
    ),
    *s.names("your"),
    TextQuestion(
        name="role",
        label="Your role in the group",
        hint="You are responsible for the children's welfare at the performances.",
        short_label="Role",
        missing="Enter your role in the group",
    ),
)

PERFORMANCES = (
    TextQuestion(
        name="production_name",
        label="Name of the production or event",
        short_label="Production",
        missing="Enter the name of the production or event",
    ),
    TextQuestion(name="venue_name", label="Name of the venue", missing="Enter the venue's name"),
    *s.address(prefix="venue_"),
    YesNoQuestion(
        name="venue_in_our_area",
        label="Is the venue in our council's area?",
        short_label="Venue in our area",
        hint="A Body of Persons Approval comes from the council where the performances are.",
        missing="Select yes if the venue is in our council's area",
    ),
    DateQuestion(
        name="first_date",
        label="Date of the first performance or rehearsal",
        short_label="First date",
        hint="For example, 27 3 2027",
        missing="Enter the date of the first performance or rehearsal",
        past=False,
    ),
    DateQuestion(
        name="last_date",
        label="Date of the last performance",
        short_label="Last date",
        hint="For example, 3 4 2027",
        missing="Enter the date of the last performance",
        past=False,
    ),
    NumberQuestion(
        name="children",
        label="How many children will take part?",
        short_label="Children taking part",
        missing="Enter how many children will take part",
        minimum=1,
        maximum=500,
    ),
    NumberQuestion(
        name="youngest",
        label="Age of the youngest child",
        short_label="Youngest",
        missing="Enter the age of the youngest child",
        maximum=16,
    ),
)

SAFEGUARDING = (
    TextQuestion(
        name="safeguarding_lead",
        label="Name of the group's safeguarding lead",
        short_label="Safeguarding lead",
        missing="Enter the name of the group's safeguarding lead",
    ),
    YesNoQuestion(
        name="safeguarding_policy",
        label="Does the group have a written safeguarding policy?",
        short_label="Safeguarding policy",
        missing="Select yes if the group has a written safeguarding policy",
    ),
    TextareaQuestion(
        name="supervision",
        label="How will the children be looked after?",
        short_label="Supervision",
        hint="For example, how many chaperones or parents, whether they have enhanced DBS "
        "checks, where the children change and wait, and who collects them.",
        missing="Tell us how the children will be looked after",
        max_length=2000,
    ),
)

DECLARATION = ConsentQuestion(
    name="declaration",
    label="Declaration",
    hint="Under a Body of Persons Approval no child, nor anyone for them, may be paid more "
    "than their expenses, and no child may miss school to take part.",
    agreement="No child will be paid more than expenses or miss school, and the information "
    "I have given is correct",
    missing="Confirm no child will be paid or miss school, and the information is correct",
    paper_label="The applicant confirmed the declaration",
)


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def last_day_allowed(first: date, months: int) -> date:
    """The day before the same date ``months`` later (the 31st becomes the month's last day)."""
    month = first.month - 1 + months
    year, month = first.year + month // 12, month % 12 + 1
    day = min(first.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def check_performances(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    errors: dict[str, str] = {}
    if answers.get("venue_in_our_area") is False:
        errors["venue_in_our_area"] = (
            "Apply to the council where the venue is. A Body of Persons Approval comes from "
            "the council where the performances take place"
        )
    first, last = parse_date(answers.get("first_date")), parse_date(answers.get("last_date"))
    on = today()
    if first is not None and first < on:
        errors["first_date"] = "The first date must be today or in the future"
    if first is not None and last is not None:
        months = (
            rule_in_force(context.session, rules.PERIOD, on).value["max_months"]
            if context.session is not None
            else rules.DEFAULTS[0].value["max_months"]
        )
        if last < first:
            errors["last_date"] = "The last date must be on or after the first date"
        elif last > (latest := last_day_allowed(first, months)):
            errors["last_date"] = (
                f"One approval covers at most {months} months of performances. From "
                f"{long_date(first)}, the last date can be {long_date(latest)} at the latest"
            )
    return errors


def check_safeguarding(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    if answers.get("safeguarding_policy") is False:
        return {
            "safeguarding_policy": "The group needs a written safeguarding policy before we "
            "can approve it. Contact us if you need help writing one"
        }
    return {}


FORM = Form(
    steps=(
        Step(
            "group",
            "About the group",
            GROUP,
            intro="A Body of Persons Approval lets a group, such as an amateur dramatic "
            "society or a dance school, put on performances with children without each child "
            "needing a licence, if no child is paid and none misses school.",
        ),
        s.address_step("address", "What is the group's address?"),
        s.contact_step(),
        Step("performances", "The performances", PERFORMANCES, check=check_performances),
        Step(
            "safeguarding",
            "Keeping the children safe",
            SAFEGUARDING,
            check=check_safeguarding,
        ),
        Step("declaration", "Declaration", (DECLARATION,)),
    )
)
