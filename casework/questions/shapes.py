"""Question shapes every service asks: names, dates of birth, addresses, contact details,
National Insurance numbers, schools, times and weekly schedules, money.

A service composes these rather than writing its own validators, so a name or a postcode
is checked the same way, with the same words, wherever it is asked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import School
from casework.questions.base import Choice, ChoiceSource, FormContext, Question
from casework.questions.kinds import (
    DateQuestion,
    EmailQuestion,
    MobileQuestion,
    MoneyQuestion,
    NameQuestion,
    NassQuestion,
    NationalInsuranceQuestion,
    PostcodeQuestion,
    RadiosQuestion,
    SelectQuestion,
    TextQuestion,
    TimeQuestion,
    WeeklyScheduleQuestion,
)
from casework.questions.steps import Step

CONTACT_PREFERENCES = {
    "email": "Email",
    "sms": "Text message",
    "both": "Email and text message",
    "post": "Letter by post",
}


def names(whose: str = "your", prefix: str = "") -> tuple[Question, Question]:
    """First and last name. ``whose`` words the messages: "your", "the child's" …"""
    return (
        NameQuestion(
            name=f"{prefix}first_name",
            label="First name",
            autocomplete="given-name" if whose == "your" else "off",
            missing=f"Enter {whose} first name",
        ),
        NameQuestion(
            name=f"{prefix}last_name",
            label="Last name",
            autocomplete="family-name" if whose == "your" else "off",
            missing=f"Enter {whose} last name",
        ),
    )


def full_name(answers: dict[str, Any], prefix: str = "") -> str:
    return f"{answers.get(f'{prefix}first_name', '')} {answers.get(f'{prefix}last_name', '')}"


def date_of_birth(
    whose: str = "your",
    *,
    name: str = "date_of_birth",
    age_range: tuple[int, int] | None = None,
    age_message: str = "",
    example: str = "27 3 2007",
    earliest: date | None = None,
) -> DateQuestion:
    return DateQuestion(
        name=name,
        label="Date of birth"
        if whose == "your"
        else f"{whose[:1].upper()}{whose[1:]} date of birth",
        short_label="Date of birth",
        hint=f"For example, {example}",
        missing=f"Enter {whose} date of birth",
        age_range=age_range,
        age_message=age_message,
        earliest=earliest,
        birthday=whose == "your",
    )


ADDRESS_LINE_1 = "address_line_1"


def address(prefix: str = "", whose: str = "") -> tuple[Question, ...]:
    """A UK address as four questions: two lines, town and postcode."""
    own = not prefix
    return (
        TextQuestion(
            name=f"{prefix}address_line_1",
            label="Address line 1",
            autocomplete="address-line1" if own else "off",
            missing="Enter address line 1, typically the building and street",
        ),
        TextQuestion(
            name=f"{prefix}address_line_2",
            label="Address line 2 (optional)",
            short_label="Address line 2",
            optional=True,
            autocomplete="address-line2" if own else "off",
        ),
        TextQuestion(
            name=f"{prefix}town",
            label="Town or city",
            autocomplete="address-level2" if own else "off",
            width="two-thirds",
            max_length=60,
            missing="Enter town or city",
        ),
        PostcodeQuestion(
            name=f"{prefix}postcode",
            label="Postcode",
            autocomplete="postal-code" if own else "off",
            missing="Enter your postcode" if own else "Enter the postcode",
        ),
    )


def address_lines(answers: dict[str, Any], prefix: str = "") -> tuple[str, ...]:
    """The address's lines that were given, the postcode last (as a letter needs them)."""
    keys = ("address_line_1", "address_line_2", "town", "postcode")
    return tuple(answers[f"{prefix}{k}"] for k in keys if answers.get(f"{prefix}{k}"))


def address_rows(prefix: str = "", label: str = "Address"):
    def rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
        return [(label, ", ".join(address_lines(answers, prefix)))]

    return rows


def address_step(slug: str = "address", title: str = "What is your address?") -> Step:
    return Step(slug, title, address(), rows=address_rows())


# Neither email nor mobile is marked "(optional)": one of them is needed unless the person
# chooses a letter, and a field marked optional must never come back with an error. The
# intro names every way offered, letters included, so the choices below it hold no surprise.
EMAIL = EmailQuestion(
    name="email",
    label="Email address",
    missing="Enter your email address",
    optional=True,
)
MOBILE = MobileQuestion(
    name="mobile",
    label="UK mobile number",
    short_label="Mobile",
    hint="For example, 07700 900 982",
    optional=True,
)
CONTACT_PREFERENCE = RadiosQuestion(
    name="contact_preference",
    label="How should we tell you the outcome? (optional)",
    short_label="Contact by",
    hint="If you do not choose, we use every way you gave us.",
    optional=True,
    small=True,
    missing="Select how we should contact you",
    choices=tuple(Choice(value, label) for value, label in CONTACT_PREFERENCES.items()),
)


def check_contact(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """One way to reach the person is needed, and the one they chose must be given."""
    preference = answers.get("contact_preference") or ""
    if preference in ("sms", "both") and not answers.get("mobile"):
        return {"mobile": "Enter a mobile number, or choose another way for us to contact you"}
    if preference in ("email", "both") and not answers.get("email"):
        return {"email": "Enter an email address, or choose another way for us to contact you"}
    if preference != "post" and not answers.get("email") and not answers.get("mobile"):
        return {
            "email": "Enter an email address or a mobile number, so we can tell you the outcome"
        }
    return {}


def contact_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    return [
        ("Email", EMAIL.display(answers.get("email"), context)),
        ("Mobile", MOBILE.display(answers.get("mobile"), context)),
        (
            "Contact by",
            CONTACT_PREFERENCES.get(answers.get("contact_preference") or "", "Every way given"),
        ),
    ]


def contact_step(
    slug: str = "contact",
    title: str = "How should we contact you?",
    intro: str = "We can tell you the outcome by email, text message or letter. Give an email "
    "address, a mobile number or both. If you have neither, choose “Letter by post”.",
) -> Step:
    return Step(
        slug,
        title,
        (EMAIL, MOBILE, CONTACT_PREFERENCE),
        intro=intro,
        check=check_contact,
        rows=contact_rows,
    )


NATIONAL_INSURANCE_NUMBER = NationalInsuranceQuestion(
    name="national_insurance_number",
    label="National Insurance number",
    hint="It’s on your National Insurance card, benefit letter, payslip or P60. "
    "For example, QQ 12 34 56 C",
    missing="Enter your National Insurance number",
)
NASS_NUMBER = NassQuestion(
    name="nass_number",
    label="Asylum support reference number",
    hint="It’s on letters from the Home Office about asylum support. For example, 12/34/56789",
    missing="Enter your asylum support reference number",
)


def _open_schools(session: Session) -> list[Choice]:
    found = session.scalars(select(School).where(School.open).order_by(School.name))
    return [Choice(school.urn, school.name) for school in found]


def _school_names(session: Session, urns: set[str]) -> dict[str, str]:
    found = session.scalars(select(School).where(School.urn.in_(urns)))
    return {school.urn: school.name for school in found}


SCHOOLS = ChoiceSource("schools", _open_schools, _school_names, placeholder="Select a school")


def school(
    name: str = "school_urn", label: str = "School", missing: str = "Select the school"
) -> SelectQuestion:
    """One of the council's open schools, by URN."""
    return SelectQuestion(
        name=name,
        label=label,
        source=SCHOOLS,
        missing=missing,
        unknown="Select a school from the list",
    )


def time(name: str, label: str, **kwargs: Any) -> TimeQuestion:
    return TimeQuestion(name=name, label=label, hint="For example, 7:30am or 16:00", **kwargs)


def weekly_schedule(name: str, label: str, hint: str = "", **kwargs: Any) -> WeeklyScheduleQuestion:
    return WeeklyScheduleQuestion(
        name=name,
        label=label,
        hint=hint or "Enter the start and finish times for each day. Leave days off blank.",
        **kwargs,
    )


def money(name: str, label: str, **kwargs: Any) -> MoneyQuestion:
    return MoneyQuestion(name=name, label=label, **kwargs)
