"""Chaperone approval questions: who the applicant is, where they live, their DBS certificate,
training, experience and suitability, and two referees who are not relatives.

Built from the shared shapes, so a name, date of birth, address or contact detail is
checked with the same words as in every other service. Limits (age, how old a DBS
certificate or training may be) come from the rule data in force (``rules.APPROVAL``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from casework import fields as f
from casework.fields import fail
from casework.issued import unprintable_characters
from casework.questions import (
    Choice,
    ConsentQuestion,
    DateQuestion,
    EmailQuestion,
    Form,
    FormContext,
    NameQuestion,
    Question,
    Step,
    TextareaQuestion,
    TextQuestion,
    YesNoQuestion,
)
from casework.questions import shapes as s
from casework.questions.kinds import age_on
from casework.questions.steps import Check
from casework.services.chaperones.rules import approval_rules, years_before

# --- Question kinds this service needs ------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DbsNumberQuestion(TextQuestion):
    """An enhanced DBS certificate number: 12 digits, as printed at the top right."""

    width: str | None = "20"
    inputmode: str | None = "numeric"
    spellcheck: bool | None = False
    max_length: int = 30

    def clean(self, value: Any, context: FormContext) -> Any:
        digits = re.sub(r"[\s-]", "", f.clean_text(value))
        if not (digits.isascii() and digits.isdigit() and len(digits) == 12):
            raise fail(
                "Enter your DBS certificate number in the correct format: 12 numbers, like "
                "001234567890"
            )
        return digits


@dataclass(frozen=True, kw_only=True)
class PhoneQuestion(TextQuestion):
    """A UK phone number, landline or mobile, stored as its digits (01632960001)."""

    input_type: str = "tel"
    autocomplete: str | None = "off"
    width: str | None = "20"
    max_length: int = 30

    def clean(self, value: Any, context: FormContext) -> Any:
        digits = re.sub(r"[\s()\-]", "", f.clean_text(value))
        if digits.startswith("+44"):
            digits = "0" + digits[3:]
        elif digits.startswith("0044"):
            digits = "0" + digits[4:]
        if not re.fullmatch(r"0\d{9,10}", digits):
            raise fail("Enter a UK phone number, like 01632 960 001 or 07700 900 982")
        return digits

    def display(self, value: Any, context: FormContext) -> str:
        return phone_display(super().display(value, context))


def phone_display(text: str) -> str:
    """Stored as digits; read back in the groups people say it in (07700 900 982,
    020 7946 0018, 01632 960001)."""
    if re.fullmatch(r"07\d{9}", text):
        return f"{text[:5]} {text[5:8]} {text[8:]}"
    if re.fullmatch(r"02\d{9}", text):
        return f"{text[:3]} {text[3:7]} {text[7:]}"
    if re.fullmatch(r"0\d{10}", text):
        return f"{text[:5]} {text[5:]}"
    return text


def is_mobile(phone: str) -> bool:
    return bool(re.fullmatch(r"07\d{9}", phone or ""))


# --- Who the applicant is ---------------------------------------------------------------

NAMES = s.names("your")
OTHER_NAMES = TextareaQuestion(
    name="other_names",
    label="Other names you have used (optional)",
    short_label="Other names",
    hint="For example, a name before marriage. Give each name and the years you used it.",
    optional=True,
    max_length=500,
    rows=3,
)


def check_printable_name(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """The name goes on the approval card: only letters its typeface can print."""
    for question in NAMES:
        missing = unprintable_characters(answers.get(question.name) or "")
        if missing:
            return {
                question.name: f"Enter your {question.label.lower()} without "
                f"{', '.join(missing)}: we cannot print it on your approval card"
            }
    return {}


DATE_OF_BIRTH = s.date_of_birth("your", example="27 3 1985", earliest=date(1900, 1, 1))


def check_age(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """18 or over (the rule in force) on the day they apply."""
    born = answers.get("date_of_birth")
    if not born:
        return {}
    today = date.today()
    minimum = approval_rules(context.session, today)["minimum_age"]
    if age_on(date.fromisoformat(born), today) < minimum:
        return {"date_of_birth": f"You must be {minimum} or over to be approved as a chaperone"}
    return {}


# --- Where they live --------------------------------------------------------------------

PREVIOUS_ADDRESSES = TextareaQuestion(
    name="previous_addresses",
    label="Your previous addresses in the last 5 years",
    short_label="Previous addresses",
    hint="Give each address with its postcode and the month and year you moved in and out.",
    missing="Enter your previous addresses in the last 5 years",
    max_length=1500,
    rows=5,
)
LIVED_HERE_5_YEARS = YesNoQuestion(
    name="lived_here_5_years",
    label="Have you lived at this address for 5 years or more?",
    short_label="At this address 5 years or more",
    hint="We check your identity and your DBS certificate against your addresses.",
    missing="Select yes if you have lived at this address for 5 years or more",
    choices=(Choice("yes", "Yes"), Choice("no", "No", reveals=(PREVIOUS_ADDRESSES,))),
)


def address_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    rows = [("Address", ", ".join(s.address_lines(answers)))]
    rows.append(
        (
            LIVED_HERE_5_YEARS.title,
            LIVED_HERE_5_YEARS.display(answers.get(LIVED_HERE_5_YEARS.name), context),
        )
    )
    if answers.get(LIVED_HERE_5_YEARS.name) is False:
        rows.append((PREVIOUS_ADDRESSES.title, answers.get(PREVIOUS_ADDRESSES.name) or "Not given"))
    return rows


# --- DBS certificate --------------------------------------------------------------------

DBS_ENHANCED = YesNoQuestion(
    name="dbs_enhanced_child_workforce",
    label="Is it an enhanced certificate for work with children?",
    short_label="Enhanced, for work with children",
    hint="It says “Enhanced” at the top and “Child Workforce” under “Position applied for”, "
    "with a check of the children’s barred list.",
    missing="Select yes if your certificate is an enhanced certificate for work with children",
)
DBS_NUMBER = DbsNumberQuestion(
    name="dbs_certificate_number",
    label="Certificate number",
    short_label="DBS certificate number",
    hint="The 12 numbers at the top right of the certificate.",
    missing="Enter your DBS certificate number",
)
DBS_ISSUED = DateQuestion(
    name="dbs_issue_date",
    label="Date of issue",
    short_label="Date your DBS certificate was issued",
    hint="It is on the certificate. For example, 14 6 2025",
    missing="Enter the date your DBS certificate was issued",
    past=False,
    earliest=date(2002, 3, 11),  # the Criminal Records Bureau's first disclosures
)
DBS_UPDATE_SERVICE = YesNoQuestion(
    name="dbs_update_service",
    label="Have you joined the DBS update service with this certificate?",
    short_label="On the DBS update service",
    hint="The update service keeps your certificate up to date, so we can check it online.",
    missing="Select yes if you have joined the DBS update service with this certificate",
)


def check_dbs(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """An enhanced certificate for the child workforce, not issued in the future, and recent
    enough (the rule in force) unless the update service keeps it current."""
    if answers.get(DBS_ENHANCED.name) is False:
        return {
            DBS_ENHANCED.name: "You need an enhanced DBS certificate for work with children to "
            "be a chaperone. Contact us and we will tell you how to get one"
        }
    issued = answers.get(DBS_ISSUED.name)
    if not issued:
        return {}
    issued_on, today = date.fromisoformat(issued), date.today()
    if issued_on > today:
        return {
            DBS_ISSUED.name: "The date your DBS certificate was issued must be today or in the past"
        }
    rules = approval_rules(context.session, today)
    years = rules["dbs_certificate_max_age_years"]
    on_update_service = answers.get(DBS_UPDATE_SERVICE.name) is True
    if issued_on < years_before(today, years) and not (
        on_update_service and rules["dbs_update_service_accepted"]
    ):
        return {
            DBS_ISSUED.name: f"Your DBS certificate must have been issued in the last {years} "
            "years, unless you have joined the DBS update service with it"
        }
    return {}


# --- Training, experience and suitability ------------------------------------------------

TRAINING_COURSE = TextQuestion(
    name="training_course",
    label="Name of the course",
    short_label="Training course",
    hint="For example, NSPCC Child protection in the performing arts.",
    missing="Enter the name of your chaperone training course",
    max_length=200,
)
TRAINING_DATE = DateQuestion(
    name="training_date",
    label="Date you completed it",
    short_label="Date you completed your training",
    hint="For example, 3 2 2026",
    missing="Enter the date you completed your chaperone training",
    past=False,
    earliest=date(1990, 1, 1),
)


def check_training(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    done = answers.get(TRAINING_DATE.name)
    if not done:
        return {}
    done_on, today = date.fromisoformat(done), date.today()
    if done_on > today:
        return {
            TRAINING_DATE.name: "The date you completed your training must be today or in the past"
        }
    years = approval_rules(context.session, today)["training_max_age_years"]
    if done_on < years_before(today, years):
        return {
            TRAINING_DATE.name: f"Your chaperone training must have been in the last {years} "
            "years. Do the training again, then apply"
        }
    return {}


EXPERIENCE = TextareaQuestion(
    name="experience",
    label="Tell us about your experience of looking after children",
    short_label="Experience with children",
    hint="For example, paid or voluntary work with children, chaperoning you have done, or "
    "looking after your own children or relatives’ children. Say what you did and for how long.",
    missing="Tell us about your experience of looking after children",
    max_length=2000,
)

CONVICTIONS_DETAILS = TextareaQuestion(
    name="convictions_details",
    label="Give details",
    short_label="Convictions or cautions",
    hint="What it was for, and when.",
    missing="Give details of your convictions or cautions",
    max_length=1500,
    rows=4,
)
CONVICTIONS = YesNoQuestion(
    name="convictions",
    label="Have you ever been convicted of an offence, or had a caution, reprimand or warning?",
    short_label="Convictions or cautions",
    hint="Include spent convictions: work with children is exempt from the Rehabilitation of "
    "Offenders Act. Filtered convictions and cautions do not need to be included.",
    missing="Select yes if you have been convicted of an offence or had a caution",
    choices=(Choice("yes", "Yes", reveals=(CONVICTIONS_DETAILS,)), Choice("no", "No")),
)
PREVIOUS_DECISION_DETAILS = TextareaQuestion(
    name="previous_decision_details",
    label="Give details",
    short_label="Earlier refusal, suspension or revocation",
    hint="Which council, when, and why.",
    missing="Give details of the council’s decision",
    max_length=1500,
    rows=4,
)
PREVIOUS_DECISION = YesNoQuestion(
    name="previous_decision",
    label="Has a council ever refused, suspended or revoked your approval as a chaperone?",
    short_label="Refused, suspended or revoked before",
    missing="Select yes if a council has refused, suspended or revoked your approval",
    choices=(Choice("yes", "Yes", reveals=(PREVIOUS_DECISION_DETAILS,)), Choice("no", "No")),
)


# --- Referees ---------------------------------------------------------------------------

REFEREES = ("referee_1", "referee_2")
NOT_A_RELATIVE = (
    "Your referee cannot be a relative. Choose someone who knows you but is not related to "
    "you, such as an employer, a teacher or someone you volunteer with"
)


def referee_questions(prefix: str) -> tuple[Question, ...]:
    return (
        NameQuestion(
            name=f"{prefix}_first_name",
            label="First name",
            short_label="Referee’s first name",
            autocomplete="off",
            missing="Enter your referee’s first name",
        ),
        NameQuestion(
            name=f"{prefix}_last_name",
            label="Last name",
            short_label="Referee’s last name",
            autocomplete="off",
            missing="Enter your referee’s last name",
        ),
        TextQuestion(
            name=f"{prefix}_relationship",
            label="How do they know you?",
            short_label="How they know you",
            hint="For example, my manager at work, or the leader of the youth group where I "
            "volunteer.",
            missing="Enter how your referee knows you",
            max_length=200,
        ),
        YesNoQuestion(
            name=f"{prefix}_related",
            label="Are they related to you?",
            short_label="Related to you",
            hint="Including by marriage or as a partner.",
            missing="Select yes if your referee is related to you",
        ),
        EmailQuestion(
            name=f"{prefix}_email",
            label="Email address",
            short_label="Referee’s email address",
            hint="We email them a link to give you a reference online.",
            autocomplete="off",
            missing="Enter your referee’s email address",
        ),
        PhoneQuestion(
            name=f"{prefix}_phone",
            label="Phone number",
            short_label="Referee’s phone number",
            hint="If it is a mobile, we text them the link too.",
            missing="Enter your referee’s phone number",
        ),
    )


def _check_referee(prefix: str) -> Check:
    def check(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
        if answers.get(f"{prefix}_related") is True:
            return {f"{prefix}_related": NOT_A_RELATIVE}
        return {}

    return check


def referee_name(answers: dict[str, Any], prefix: str) -> str:
    return s.full_name(answers, f"{prefix}_").strip()


def referee_rows(
    prefix: str, which: str
) -> Callable[[dict[str, Any], FormContext], list[tuple[str, str]]]:
    """One referee on check-your-answers and the case page, each row saying which referee
    it is about (the two steps ask the same questions)."""

    def rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
        related = answers.get(f"{prefix}_related")
        contact = [
            answers.get(f"{prefix}_email") or "",
            phone_display(answers.get(f"{prefix}_phone") or ""),
        ]
        return [
            (f"{which} referee", referee_name(answers, prefix) or "Not given"),
            (
                f"{which} referee’s contact details",
                ", ".join(part for part in contact if part) or "Not given",
            ),
            (
                f"How your {which.lower()} referee knows you",
                answers.get(f"{prefix}_relationship") or "Not given",
            ),
            (
                f"Your {which.lower()} referee is related to you",
                "Not given" if related is None else "Yes" if related else "No",
            ),
        ]

    return rows


def check_referees(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """Two different people, neither of them the applicant."""
    own = (answers.get("email") or "").lower()
    errors: dict[str, str] = {}
    for prefix in REFEREES:
        email = (answers.get(f"{prefix}_email") or "").lower()
        if own and email == own:
            errors[f"{prefix}_email"] = (
                "Enter your referee’s email address, not your own: we send them a link"
            )
    first, second = ((answers.get(f"{p}_email") or "").lower() for p in REFEREES)
    if first and first == second:
        errors.setdefault(
            "referee_2_email",
            "Your second referee must be a different person from your first, with their own "
            "email address",
        )
    return errors


DECLARATION = ConsentQuestion(
    name="declaration",
    label="Declaration",
    hint="We will contact your referees and check your DBS certificate. If you give false "
    "information we may refuse or revoke your approval.",
    agreement="I confirm that the information I have given is true and complete",
    missing="Confirm that the information you have given is true and complete",
    paper_label="The applicant signed the declaration",
)


FORM = Form(
    steps=(
        Step(
            "name",
            "What is your name?",
            (*NAMES, OTHER_NAMES),
            intro="Give your name as it is on your DBS certificate. We print it on your "
            "approval card.",
            check=check_printable_name,
        ),
        Step(
            "date-of-birth",
            "What is your date of birth?",
            (DATE_OF_BIRTH,),
            check=check_age,
        ),
        Step(
            "address",
            "What is your address?",
            (*s.address(), LIVED_HERE_5_YEARS),
            rows=address_rows,
        ),
        s.contact_step(),
        Step(
            "dbs",
            "Your DBS certificate",
            (DBS_ENHANCED, DBS_NUMBER, DBS_ISSUED, DBS_UPDATE_SERVICE),
            intro="You need an enhanced Disclosure and Barring Service (DBS) certificate for "
            "work with children. Bring it to your interview.",
            check=check_dbs,
        ),
        Step(
            "training",
            "Your chaperone training",
            (TRAINING_COURSE, TRAINING_DATE),
            intro="You must complete chaperone safeguarding training before you apply, such "
            "as the NSPCC’s online course for chaperones.",
            check=check_training,
        ),
        Step("experience", "Your experience with children", (EXPERIENCE,)),
        Step(
            "suitability",
            "About your suitability",
            (CONVICTIONS, PREVIOUS_DECISION),
            intro="Telling us about a conviction or an earlier decision does not mean we will "
            "refuse you. We look at each application on its merits.",
        ),
        Step(
            "referee-1",
            "Your first referee",
            referee_questions("referee_1"),
            intro="Choose someone who has known you for at least 2 years, ideally someone who "
            "has seen you with children. They cannot be a relative. We email them a link to "
            "give you a reference online.",
            check=_check_referee("referee_1"),
            rows=referee_rows("referee_1", "First"),
        ),
        Step(
            "referee-2",
            "Your second referee",
            referee_questions("referee_2"),
            intro="Choose a different person from your first referee. They cannot be a relative.",
            check=_check_referee("referee_2"),
            rows=referee_rows("referee_2", "Second"),
        ),
        Step("declaration", "Declaration", (DECLARATION,)),
    ),
    check=check_referees,
)
