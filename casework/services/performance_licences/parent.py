"""The parent's part of the application (the DfE standard form's part 2), done online.

On submission the parent the producer named gets a link by email and text. Their page
shows the child's details and every day of the schedule, and asks them to confirm them,
make a health declaration and give their consent. Consent moves the case on to the
documents; no consent stops it for an officer.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from casework.clocks import long_date
from casework.models import Case
from casework.parties import Party, PartyContact
from casework.questions import (
    Choice,
    ConsentQuestion,
    FormContext,
    RadiosQuestion,
    Step,
    TextareaQuestion,
)
from casework.questions import shapes as s
from casework.services.performance_licences import licence
from casework.services.performance_licences import messages as m
from casework.services.performance_licences import schedule_answers as sa
from casework.services.performance_licences.questions import school_name

CONSENT = "parent_consent"
HEALTH = "child_health"
NOT_FIT = "not_fit"

QUESTIONS = (
    RadiosQuestion(
        name=CONSENT,
        label="Do you give your consent for the child to take part, on these days and at "
        "these times?",
        short_label="Consent",
        missing="Select whether you give your consent",
        choices=(
            Choice("yes", "Yes, I give my consent"),
            Choice(
                "no",
                "No, I do not give my consent",
                reveals=(
                    TextareaQuestion(
                        name="no_consent_reason",
                        label="Tell us why (optional)",
                        short_label="Why not",
                        optional=True,
                        max_length=1000,
                        rows=3,
                    ),
                ),
            ),
        ),
    ),
    RadiosQuestion(
        name=HEALTH,
        label="Health declaration: is the child fit and well enough to take part?",
        short_label="Health declaration",
        missing="Select whether the child is fit and well enough to take part",
        shown_if=(CONSENT, "yes"),
        choices=(
            Choice("fit", "Yes, as far as I know the child is fit and well enough"),
            Choice(
                "condition",
                "Yes, but the production should know about a health condition, disability, "
                "allergy or medicine",
                reveals=(
                    TextareaQuestion(
                        name="health_details",
                        label="Tell us about it, and what the production must do",
                        short_label="Health details",
                        missing="Tell us about the child's health condition",
                        max_length=1000,
                        rows=3,
                    ),
                ),
            ),
            Choice(NOT_FIT, "No, the child is not well enough to take part"),
        ),
    ),
    ConsentQuestion(
        name="details_confirmed",
        label="Are the child's details, the days and the times above correct?",
        short_label="Details confirmed",
        agreement="I am the child's parent, and the child's details, the days and the times "
        "shown are correct",
        missing="Confirm you are the child's parent and the details are correct",
        shown_if=(CONSENT, "yes"),
    ),
)

STEP = Step(
    "parent",
    "Your part of the child performance licence application",
    QUESTIONS,
    intro="A production has applied for a licence for your child to perform. Check the "
    "child's details and the days and times below, then answer the questions.",
)


def _contact(case: Case) -> PartyContact | None:
    a = case.answers
    return PartyContact(
        name=s.full_name(a, "parent_"),
        email=a.get("parent_email") or None,
        mobile=a.get("parent_mobile") or None,
    )


def shows(case: Case) -> list[tuple[str, str]]:
    """The child, the production and every day, as the parent checks them."""
    a = case.answers
    born = sa.parse_date(a.get(sa.DATE_OF_BIRTH))
    rows = [
        ("Child", s.full_name(a, "child_")),
        ("Date of birth", long_date(born) if born else ""),
        ("Address", ", ".join(s.address_lines(a, "child_"))),
        ("School", _school(case)),
        ("Production", f"{a.get('production_name')}, by {a.get('company_name')}"),
        ("The child's part", str(a.get("child_part") or "")),
        ("Looked after by", licence.care_of(a)),
    ]
    for date_text, kind, venue, at_venue, performing, education in licence.days_rows(a):
        rows.append(
            (
                date_text,
                f"{kind} at {venue}. At the venue {at_venue}, performing {performing}. "
                f"{education}.",
            )
        )
    return rows


def _school(case: Case) -> str:
    session = object_session(case)
    return school_name(case.answers, FormContext(session)) if session is not None else ""


def declines(answers: dict[str, Any]) -> bool:
    return answers.get(CONSENT) == "no" or answers.get(HEALTH) == NOT_FIT


PARENT = Party(
    name="parent",
    label="Parent's part",
    step=STEP,
    contact=_contact,
    requested_in="submitted",
    message=m.PARENT_LINK.name,
    shows=shows,
    fires="parent_confirmed",
    declines=declines,
    declined="parent_declined",
)
