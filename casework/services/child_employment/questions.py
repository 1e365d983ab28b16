"""The employer's application: the business, who supervises, the child, the parent, the job,
the hours, and the declaration (RULES.md §4, "Permit application").

Built from the shared shapes, so names, dates of birth, addresses and contact details are
checked with the same words as in every other service. The hours are two weekly schedules,
one for term time and one for the school holidays; the job and hours steps run the
working-hours validator (``schedules``) on the answers so far, so a breach shows on the
field while the employer is still on the page, and again when the whole application is
checked (submission, the API, the paper form).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework import fields as f
from casework.fields import fail
from casework.questions import (
    Choice,
    ChoiceSource,
    ConsentQuestion,
    DateQuestion,
    EmailQuestion,
    Form,
    FormContext,
    MobileQuestion,
    Question,
    RadiosQuestion,
    SelectQuestion,
    Step,
    TextareaQuestion,
    TextQuestion,
)
from casework.questions import shapes as s
from casework.services.child_employment import rules, schedules

# --- Shapes of our own ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class PhoneQuestion(TextQuestion):
    """A UK phone number, landline or mobile, stored as digits (01632960001)."""

    input_type: str = "tel"
    autocomplete: str | None = "off"
    width: str | None = "20"

    def clean(self, value: Any, context: FormContext) -> Any:
        digits = re.sub(r"[\s()\-]", "", f.clean_text(value))
        if digits.startswith("+44"):
            digits = "0" + digits[3:]
        if not re.fullmatch(r"0\d{9,10}", digits):
            raise fail("Enter a UK phone number, like 01632 960 001 or 07700 900 982")
        return digits


def _address(prefix: str, whose: str) -> tuple[Question, ...]:
    """The shared address questions, named for the officer's one-page paper form, where
    three addresses stand on one page."""
    return tuple(
        dataclasses.replace(
            question, paper_label=f"{whose} {question.label[:1].lower()}{question.label[1:]}"
        )
        for question in s.address(prefix=prefix)
    )


def _rows(questions: tuple[Question, ...], prefix: str, label: str) -> Any:
    """Check-your-answers rows: one per question, with the address (``prefix``) on one row
    where its first line stands."""
    parts = {f"{prefix}{part}" for part in ("address_line_2", "town", "postcode")}

    def rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for question in questions:
            if question.name == f"{prefix}address_line_1":
                found.append((label, ", ".join(s.address_lines(answers, prefix))))
            elif question.name not in parts:
                value = question.display(answers.get(question.name), context)
                found.append((question.title, value))
        return found

    return rows


def _named(questions: tuple[Question, ...], whose: str) -> tuple[Question, ...]:
    """Names asked on a page about one person ("First name"), read elsewhere as whose they
    are ("Child's first name")."""
    return tuple(
        dataclasses.replace(
            q, short_label=f"{whose} {q.label.lower()}", paper_label=f"{whose} {q.label.lower()}"
        )
        for q in questions
    )


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


# --- The business ---------------------------------------------------------------------

BUSINESS_TYPES = {
    "sole_trader": "Sole trader",
    "partnership": "Partnership",
    "company": "Limited company",
    "charity": "Charity or voluntary organisation",
    "public_body": "Public body, such as a school or council",
    "other": "Other",
}

BUSINESS_NAME = TextQuestion(
    name="business_name",
    label="Business name",
    hint="The name the business trades under.",
    missing="Enter the business name",
    max_length=120,
    autocomplete="organization",
)
BUSINESS_TYPE_OTHER = TextQuestion(
    name="business_type_other",
    label="What kind of business is it?",
    missing="Enter what kind of business it is",
)
BUSINESS_TYPE = RadiosQuestion(
    name="business_type",
    label="Type of business",
    missing="Select the type of business",
    choices=tuple(
        Choice(value, label, reveals=(BUSINESS_TYPE_OTHER,) if value == "other" else ())
        for value, label in BUSINESS_TYPES.items()
    ),
)
WHAT_IT_DOES = TextQuestion(
    name="business_activity",
    label="What does the business do?",
    hint="For example, newsagent, café, riding stables.",
    missing="Enter what the business does",
    max_length=200,
)
BUSINESS_ADDRESS = _address("business_", "Business")


def business_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    kind = BUSINESS_TYPES.get(answers.get("business_type") or "", "Not given")
    if answers.get("business_type") == "other" and answers.get("business_type_other"):
        kind = f"Other: {answers['business_type_other']}"
    return [
        (BUSINESS_NAME.title, BUSINESS_NAME.display(answers.get("business_name"), context)),
        (BUSINESS_TYPE.title, kind),
        (WHAT_IT_DOES.title, WHAT_IT_DOES.display(answers.get("business_activity"), context)),
        ("Business address", ", ".join(s.address_lines(answers, "business_"))),
    ]


# --- You, and who supervises ----------------------------------------------------------

YOUR_ROLE = TextQuestion(
    name="job_title",
    label="Your role in the business",
    hint="For example, owner or manager.",
    missing="Enter your role in the business",
    autocomplete="organization-title",
)
YOU = (*s.names("your"), YOUR_ROLE)

SUPERVISOR = (
    *_named(s.names("the supervisor's", prefix="supervisor_"), "Supervisor's"),
    TextQuestion(
        name="supervisor_role",
        label="Their role",
        short_label="Supervisor's role",
        paper_label="Supervisor's role",
        hint="For example, shop manager.",
        missing="Enter the supervisor's role",
    ),
    PhoneQuestion(
        name="supervisor_phone",
        label="Their phone number",
        short_label="Supervisor's phone",
        paper_label="Supervisor's phone number",
        hint="A number we can call while the child is at work.",
        missing="Enter the supervisor's phone number",
    ),
)

# --- The child and the parent ---------------------------------------------------------

CHILD_DATE_OF_BIRTH = dataclasses.replace(
    s.date_of_birth(
        "the child's",
        name="child_date_of_birth",
        age_range=(12, 16),
        age_message="Date of birth must be for a child aged 13 to 16 (or 12, if they turn 13 "
        "before the job starts)",
        example="4 9 2011",
    ),
    short_label="Child's date of birth",
)
CHILD = (
    *_named(s.names("the child's", prefix="child_"), "Child's"),
    CHILD_DATE_OF_BIRTH,
    *_address("child_", "Child's"),
    dataclasses.replace(
        s.school(label="The child's school", missing="Select the child's school"),
        short_label="School",
    ),
)

PARENT_EMAIL = EmailQuestion(
    name="parent_email",
    label="Their email address",
    short_label="Parent's email",
    paper_label="Parent's email address",
    missing="Enter the parent's email address",
    autocomplete="off",
    optional=True,
)
PARENT_MOBILE = MobileQuestion(
    name="parent_mobile",
    label="Their UK mobile number",
    short_label="Parent's mobile",
    paper_label="Parent's mobile number",
    hint="For example, 07700 900 982",
    autocomplete="off",
    optional=True,
)
PARENT = (
    *_named(s.names("the parent's", prefix="parent_"), "Parent's"),
    PARENT_EMAIL,
    PARENT_MOBILE,
)


def check_parent(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """We send the parent their link by email or text: one of the two is needed."""
    if not answers.get("parent_email") and not answers.get("parent_mobile"):
        return {
            "parent_email": "Enter the parent's email address or mobile number, so we can "
            "send them the link to give consent"
        }
    return {}


# --- The job --------------------------------------------------------------------------


def _occupation_choices(session: Session) -> list[Choice]:
    value = rules.value_in_force(session, rules.OCCUPATIONS, date.today())
    return [Choice(item["code"], item["name"]) for item in value]


def _occupation_names(session: Session, codes: set[str]) -> dict[str, str]:
    """Names for codes no longer offered: a case outlives a version of the list."""
    names = {o.code: o.name for o in schedules.occupation_list(None, date.today()).values()}
    return {code: names[code] for code in codes if code in names}


OCCUPATIONS = ChoiceSource(
    rules.OCCUPATIONS, _occupation_choices, _occupation_names, placeholder="Select the job"
)
OCCUPATION = SelectQuestion(
    name="occupation",
    label="What kind of job is it?",
    short_label="Job",
    hint="Choose the closest. The list also shows work no child may do, so you can check. "
    "If the job is not on it, choose “Other light work not on the prohibited list”.",
    source=OCCUPATIONS,
    missing="Select the kind of job",
    unknown="Select a job from the list",
)
TASKS = TextareaQuestion(
    name="tasks",
    label="What will the child do?",
    short_label="Tasks",
    hint="Describe their tasks, for example sorting newspapers into rounds and delivering "
    "them on foot.",
    missing="Describe what the child will do",
    max_length=1000,
    rows=4,
)
START_DATE = DateQuestion(
    name="start_date",
    label="When does the job start?",
    short_label="Start date",
    hint="If the child has already started, give the day they started. For example, 27 3 2026",
    missing="Enter the date the job starts",
    past=False,
)
WORKPLACE_ADDRESS = _address("workplace_", "Place of work")
JOB = (OCCUPATION, TASKS, *WORKPLACE_ADDRESS, START_DATE)
# How far ahead a job may start: a permit is for work the employer has arranged.
LATEST_START_DAYS = 366


def check_job(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    """The job against the child's age on the day it starts: too young, past school age,
    or work a child of that age may not do. The hours are checked on the next step."""
    merged = {**context.earlier, **answers}
    start, born = _date(answers.get("start_date")), _date(merged.get("child_date_of_birth"))
    if start is not None and (start - date.today()).days > LATEST_START_DAYS:
        return {"start_date": "The job must start within the next 12 months"}
    if start is not None and born is not None and start <= born:
        return {"start_date": "The start date must be after the child's date of birth"}
    result = schedules.check(context.session, merged)
    if result is None:
        return {}
    if schedules.too_young(result):
        return {"start_date": " ".join(b.message for b in result.about_the_job)}
    if schedules.over_school_age(result):
        return {"start_date": " ".join(w.message for w in result.warnings)}
    if result.about_the_job:
        return {"occupation": " ".join(b.message for b in result.about_the_job)}
    return {}


# --- The hours ------------------------------------------------------------------------

_TIMES_HINT = "Leave the days the child does not work blank. Enter times like 4pm or 16:00."
_SECOND_HINT = (
    "Only if the child works twice on a day, with a break between: for example 9am to 1pm "
    "above, then 2pm to 5pm here. After 4 hours of work a child must have a break."
)
TERM_HOURS = s.weekly_schedule(
    schedules.TERM,
    "Times in a week of term",
    hint=_TIMES_HINT,
    short_label="Hours in term time",
    optional=True,
)
TERM_SECOND = s.weekly_schedule(
    schedules.TERM_SECOND,
    "Second times on the same day (optional)",
    hint=_SECOND_HINT,
    short_label="Second times in term time",
    paper_label="Second times on the same day in term time (optional)",
    optional=True,
)
SCHOOL_START = dataclasses.replace(
    s.time(
        "school_start",
        "What time does the child's school day start? (optional)",
        optional=True,
    ),
    short_label="School starts",
    hint="If you leave this blank, we use the council's usual school day. For example, 8:40am",
)
SCHOOL_END = dataclasses.replace(
    s.time(
        "school_end",
        "What time does it finish? (optional)",
        optional=True,
    ),
    short_label="School finishes",
    paper_label="What time does the child's school day finish? (optional)",
    hint="For example, 3:20pm",
)
HOLIDAY_HOURS = s.weekly_schedule(
    schedules.HOLIDAY,
    "Times in a week of the school holidays",
    hint=_TIMES_HINT,
    short_label="Hours in the school holidays",
    optional=True,
)
HOLIDAY_SECOND = s.weekly_schedule(
    schedules.HOLIDAY_SECOND,
    "Second times on the same day (optional)",
    hint=_SECOND_HINT,
    short_label="Second times in the school holidays",
    paper_label="Second times on the same day in the school holidays (optional)",
    optional=True,
)
TERM = (TERM_HOURS, TERM_SECOND, SCHOOL_START, SCHOOL_END)
HOLIDAYS = (HOLIDAY_HOURS, HOLIDAY_SECOND)


def _check_period(
    period: schedules.Period, answers: dict[str, Any], context: FormContext
) -> dict[str, str]:
    """A period's week through the working-hours validator: every breach in words, on the
    period's schedule (or, for times that overlap, on the second times)."""
    merged = {**context.earlier, **answers}
    clash = schedules.overlap(schedules.week(merged, period))
    if clash:
        return {period.second: clash}
    result = schedules.check(context.session, merged)
    if result is None or schedules.too_young(result) or schedules.over_school_age(result):
        return {}  # the job step says why; there are no hours to check
    for checked in result.periods:
        if checked.period == period and checked.hours_breaches:
            return {period.first: " ".join(b.message for b in checked.hours_breaches)}
    return {}


def check_term(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    start, end = answers.get("school_start"), answers.get("school_end")
    if end and not start:
        return {"school_start": "Enter the time school starts, as well as when it finishes"}
    if start and not end:
        return {"school_end": "Enter the time school finishes, as well as when it starts"}
    if start and end and end <= start:
        return {"school_end": "The time school finishes must be after the time it starts"}
    return _check_period(schedules.PERIODS[0], answers, context)


def check_holidays(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    merged = {**context.earlier, **answers}
    if not any(merged.get(name) for name in schedules.ALL_SCHEDULES):
        return {
            schedules.HOLIDAY: "Enter the times the child will work in the school holidays, "
            "or go back and enter the times they will work in term time"
        }
    return _check_period(schedules.PERIODS[1], answers, context)


# --- The declaration ------------------------------------------------------------------

RISK_ASSESSMENT = ConsentQuestion(
    name="risk_assessment",
    label="Have you assessed the risks of this job for a young person?",
    short_label="Risk assessment",
    hint="The law says you must assess the risks of a job to a young person before they "
    "start, and tell their parent what you found. We may ask to see your assessment.",
    agreement="I have assessed the risks of this job to the child and told their parent "
    "what I found",
    missing="Confirm that you have assessed the risks and told the parent",
    paper_label="The employer has assessed the risks and told the parent",
)
DECLARATION = ConsentQuestion(
    name="declaration",
    label="Do you confirm the information is correct?",
    short_label="Declaration",
    hint="If the council grants a permit, the child may work only at the times and in the "
    "job it names. Employing a child without a permit, or outside it, is an offence.",
    agreement="I confirm the information I have given is correct",
    missing="Confirm that the information is correct",
    paper_label="The employer confirmed the information is correct",
)

FORM = Form(
    steps=(
        Step(
            "business",
            "About your business",
            (BUSINESS_NAME, BUSINESS_TYPE, WHAT_IT_DOES, *BUSINESS_ADDRESS),
            rows=business_rows,
        ),
        Step(
            "your-details",
            "Your details",
            YOU,
            intro="You are the person applying for the business. We will contact you about "
            "the application.",
        ),
        s.contact_step(
            intro="We will tell you the outcome by email, text message or letter. Give an "
            "email address, a mobile number or both. If you have neither, choose “Letter by "
            "post”.",
        ),
        Step(
            "supervisor",
            "Who will supervise the child at work?",
            SUPERVISOR,
        ),
        Step(
            "child",
            "About the child",
            CHILD,
            rows=_rows(CHILD, "child_", "Child's address"),
        ),
        Step(
            "parent",
            "The child's parent or carer",
            PARENT,
            intro="We will send them a link to confirm the child's details, say the child is "
            "fit to do the work and give their consent. We cannot issue a permit without it.",
            check=check_parent,
        ),
        Step(
            "job",
            "The job",
            JOB,
            check=check_job,
            rows=_rows(JOB, "workplace_", "Place of work"),
        ),
        Step(
            "term-hours",
            "When will the child work in term time?",
            TERM,
            intro="Give the exact times the child will work in a usual week of term. Leave it "
            "all blank if they will only work in the school holidays. When you continue, we "
            "check the times against the law for a child of their age.",
            check=check_term,
        ),
        Step(
            "holiday-hours",
            "When will the child work in the school holidays?",
            HOLIDAYS,
            intro="Give the exact times the child will work in a usual week of the school "
            "holidays. Leave it all blank if they will only work in term time.",
            check=check_holidays,
        ),
        Step("declaration", "Declaration", (RISK_ASSESSMENT, DECLARATION)),
    )
)
