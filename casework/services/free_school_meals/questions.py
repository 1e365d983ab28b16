"""Free school meals questions: the parent, how to reach them, their children, consent.

Built from the shared shapes, so a name, date of birth, address or contact detail is
checked with the same words as in every other service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from casework.fields import fail
from casework.questions import (
    Choice,
    ConsentQuestion,
    Form,
    FormContext,
    RadiosQuestion,
    Repeat,
    Step,
)
from casework.questions import shapes as s
from casework.questions.steps import build_model

MAX_CHILDREN = 10

PARENT_NAME = s.names("your")
PARENT_DATE_OF_BIRTH = s.date_of_birth(
    "your",
    age_range=(14, 200),
    age_message="You must be 14 or older to apply",
    example="27 3 1985",
    earliest=date(1900, 1, 1),
)


@dataclass(frozen=True, kw_only=True)
class IdentifierQuestion(RadiosQuestion):
    """A National Insurance number or an asylum support reference, never both."""

    def clean(self, value: Any, context: FormContext) -> Any:
        if value == "both":
            raise fail(
                "Enter a National Insurance number or an asylum support reference number, not both"
            )
        return super().clean(value, context)


IDENTIFIER = IdentifierQuestion(
    name="identifier_type",
    label="Do you have a National Insurance number?",
    hint="We use it to check your benefits with the Department for Education. If you get "
    "asylum support, use your asylum support reference instead.",
    short_label="Identifier",
    missing="Select whether you have a National Insurance number",
    choices=(
        Choice(
            "nino",
            "Yes, I have a National Insurance number",
            reveals=(s.NATIONAL_INSURANCE_NUMBER,),
        ),
        Choice("nass", "No, I get asylum support", reveals=(s.NASS_NUMBER,)),
    ),
)


def infer_identifier(answers: dict[str, Any]) -> dict[str, Any]:
    """The API and the assistant may send just the number they have, without the choice."""
    if str(answers.get("identifier_type") or "").strip():
        return answers
    nino = str(answers.get("national_insurance_number") or "").strip()
    nass = str(answers.get("nass_number") or "").strip()
    inferred = "both" if nino and nass else "nass" if nass else "nino" if nino else ""
    return {**answers, "identifier_type": inferred}


def identifier_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    if answers.get("identifier_type") == "nass":
        return [
            ("Asylum support reference", s.NASS_NUMBER.display(answers.get("nass_number"), context))
        ]
    number = s.NATIONAL_INSURANCE_NUMBER.display(answers.get("national_insurance_number"), context)
    return [("National Insurance number", number)]


CHILD = (
    *s.names("the child's"),
    s.date_of_birth(
        "the child's",
        age_range=(2, 19),
        age_message="Date of birth must be for a child aged between 2 and 19",
        example="4 9 2016",
    ),
    s.school(missing="Select the child's school"),
)


def child_summary(child: dict[str, Any], context: FormContext) -> tuple[str, str]:
    born = CHILD[2].display(child.get("date_of_birth"), context)
    school = CHILD[3].display(child.get("school_urn"), context)
    return s.full_name(child), f"Born {born}, {school}"


CONSENT = ConsentQuestion(
    name="consent",
    label="Can we check your eligibility?",
    hint="We check your benefits with the Department for Education's eligibility checking "
    "service, using your name, date of birth and National Insurance number or asylum "
    "support reference. We do not keep anything else it tells us.",
    agreement="I agree to you checking my eligibility",
    missing="Confirm that you agree to us checking your eligibility",
    paper_label="The applicant agreed to the check",
)

FORM = Form(
    steps=(
        Step(
            "name",
            "What is your name?",
            PARENT_NAME,
            intro="Give the name of the parent or carer who gets the benefit. Your last name "
            "must match your benefit records exactly.",
        ),
        Step("date-of-birth", "What is your date of birth?", (PARENT_DATE_OF_BIRTH,)),
        Step(
            "identifier",
            "Do you have a National Insurance number?",
            (IDENTIFIER,),
            prepare=infer_identifier,
            rows=identifier_rows,
        ),
        s.address_step(),
        s.contact_step(),
        Step(
            "children",
            "Your children",
            CHILD,
            intro="Add each child who lives with you and goes to school, including children "
            "in reception, year 1 and year 2. They get meals anyway, but your application "
            "brings their school extra funding.",
            repeat=Repeat(
                key="children",
                noun="child",
                plural="children",
                summary=child_summary,
                max_items=MAX_CHILDREN,
            ),
        ),
        Step("consent", "Can we check your eligibility?", (CONSENT,)),
    )
)

# What the eligibility check needs, asked by the API and the assistant with the same
# questions (and so the same messages) as the application.
EligibilityQuestion = build_model(
    "EligibilityQuestion",
    (PARENT_NAME[1], PARENT_DATE_OF_BIRTH, IDENTIFIER),
    prepare=infer_identifier,
    doc="What the free school meals check needs: a surname, a date of birth, and exactly "
    "one of a National Insurance number or an asylum support (NASS) reference number.",
)
