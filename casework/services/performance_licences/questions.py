"""The producer's application for a child performance licence (the DfE standard form's part
1, with the child's details): whether a licence is needed, the production, the licence
holder, the child, the parent (who completes part 2 online), the venues, each day, who
looks after the child, the tutor, and the declaration.

Built from the shared shapes; the questions a schedule needs that no shared shape asks
are in ``question_kinds``. Checks across questions are in ``form_checks``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import long_date, today
from casework.questions import (
    Choice,
    ChoiceSource,
    ConsentQuestion,
    DateQuestion,
    EmailQuestion,
    Form,
    FormContext,
    MobileQuestion,
    NumberQuestion,
    RadiosQuestion,
    Repeat,
    SelectQuestion,
    Step,
    TextareaQuestion,
    TextQuestion,
    YesNoQuestion,
)
from casework.questions import shapes as s
from casework.services.performance_licences import councils, form_checks, licence_needed
from casework.services.performance_licences import schedule_answers as sa
from casework.services.performance_licences.exemptions import KINDS
from casework.services.performance_licences.question_kinds import HoursQuestion, PeriodsQuestion
from casework.services.performance_licences.wording import clock

MAX_VENUES = 10
MAX_DAYS = 60

# --- Does the child need a licence? -------------------------------------------------------

LICENCE_NEEDED = (
    RadiosQuestion(
        name="performance_kind",
        label="What kind of performance is it?",
        short_label="Kind of performance",
        missing="Select the kind of performance",
        choices=tuple(Choice(code, name) for code, name in KINDS.items()),
    ),
    YesNoQuestion(
        name="paid_beyond_expenses",
        label="Will the child, or anyone for them, be paid more than their expenses?",
        short_label="Paid more than expenses",
        missing="Select yes if the child will be paid more than their expenses",
    ),
    YesNoQuestion(
        name="needs_absence_from_school",
        label="Will the child need time off school?",
        short_label="Time off school",
        missing="Select yes if the child will need time off school",
    ),
    RadiosQuestion(
        name="arranged_by",
        label="Who arranges the performance?",
        short_label="Arranged by",
        missing="Select who arranges the performance",
        choices=(
            Choice(licence_needed.ARRANGED_BY_SCHOOL, "A school"),
            Choice(
                licence_needed.ARRANGED_UNDER_BOPA,
                "A group with a Body of Persons Approval (BOPA)",
                hint="From the council where the performance takes place.",
            ),
            Choice(
                licence_needed.ARRANGED_BY_SOMEONE_ELSE,
                "Someone else, such as a production company",
                reveals=(
                    NumberQuestion(
                        name="days_performed_before",
                        label="On how many days has the child performed or rehearsed in the "
                        "last 6 months?",
                        short_label="Days performed in the last 6 months",
                        hint="Count rehearsals. Enter 0 if none.",
                        missing="Enter how many days the child has performed in the last 6 months",
                        maximum=183,
                    ),
                    NumberQuestion(
                        name="production_days",
                        label="On how many days will the child perform or rehearse in this "
                        "production?",
                        short_label="Days in this production",
                        missing="Enter how many days the child will perform or rehearse",
                        minimum=1,
                        maximum=183,
                    ),
                ),
            ),
        ),
    ),
)


def licence_needed_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    rows = _question_rows(LICENCE_NEEDED, answers, context)
    result = licence_needed.answer(
        context.session, answers, today(), days_listed=len(answers.get(sa.DAYS) or [])
    )
    if result is not None:
        rows.append(("Licence needed", str(result.extra["explanation"])))
    return rows


# --- The production and the licence holder ------------------------------------------------

PRODUCTION_TYPES = {
    "theatre": "Theatre, concert or other live performance",
    "television": "Television",
    "film": "Film",
    "advert": "Advert",
    "modelling": "Modelling",
    "sport": "Paid sport",
    "other": "Something else",
}

PRODUCTION = (
    TextQuestion(
        name="production_name",
        label="Name of the production",
        missing="Enter the name of the production",
    ),
    RadiosQuestion(
        name="production_type",
        label="What type of production is it?",
        short_label="Type of production",
        missing="Select the type of production",
        choices=tuple(
            Choice(
                code,
                name,
                reveals=(
                    TextQuestion(
                        name="production_type_other",
                        label="Describe the production",
                        short_label="Production",
                        missing="Describe the production",
                    ),
                )
                if code == "other"
                else (),
            )
            for code, name in PRODUCTION_TYPES.items()
        ),
    ),
    TextQuestion(
        name="company_name",
        label="Name of the production company",
        short_label="Production company",
        missing="Enter the name of the production company",
    ),
    TextareaQuestion(
        name="child_part",
        label="Describe the child's part",
        short_label="The child's part",
        hint="What the child will do. For example, 'plays young Matilda: sings and dances in "
        "4 scenes'.",
        missing="Describe the child's part",
        max_length=1000,
    ),
)

LICENCE_HOLDER = (
    *s.names("your"),
    TextQuestion(
        name="job_title",
        label="Your job title or role in the production",
        short_label="Job title",
        missing="Enter your job title or role in the production",
        autocomplete="organization-title",
    ),
)

# --- The child and the parent -------------------------------------------------------------

NOT_AT_SCHOOL = "none"
SCHOOL_ELSEWHERE = "elsewhere"


def _schools(session: Session) -> list[Choice]:
    return [
        *s.SCHOOLS.load(session),
        Choice(SCHOOL_ELSEWHERE, "A school outside our area"),
        Choice(NOT_AT_SCHOOL, "The child does not go to school"),
    ]


def _school_names(session: Session, values: set[str]) -> dict[str, str]:
    named = {c.value: c.label for c in _schools(session)[-2:] if c.value in values}
    return {**s.SCHOOLS.names(session, values - set(named)), **named}


SCHOOLS = ChoiceSource(
    "performance-schools", _schools, _school_names, placeholder="Select a school"
)

CHILD = (
    *s.names("the child's", prefix="child_"),
    s.date_of_birth(
        "the child's",
        name=sa.DATE_OF_BIRTH,
        age_range=(0, 16),
        age_message="The child must be 16 or under. Older young people do not need a licence",
        example="4 9 2015",
    ),
    *s.address(prefix="child_"),
    SelectQuestion(
        name="child_school",
        label="The child's school",
        short_label="School",
        hint="If the child is under school age or educated at home, select 'The child does "
        "not go to school'.",
        source=SCHOOLS,
        missing="Select the child's school",
        unknown="Select a school from the list",
    ),
    TextQuestion(
        name="child_school_other",
        label="If the school is outside our area, its name",
        short_label="School outside our area",
        missing="Enter the name of the child's school",
        shown_if=("child_school", SCHOOL_ELSEWHERE),
    ),
)


def child_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    questions = {q.name: q for q in CHILD}
    born = questions[sa.DATE_OF_BIRTH].display(answers.get(sa.DATE_OF_BIRTH), context)
    return [
        ("Child's name", s.full_name(answers, "child_")),
        ("Child's date of birth", born),
        ("Child's address", ", ".join(s.address_lines(answers, "child_"))),
        ("School", school_name(answers, context)),
    ]


def school_name(answers: dict[str, Any], context: FormContext) -> str:
    if answers.get("child_school") == SCHOOL_ELSEWHERE:
        return str(answers.get("child_school_other") or "A school outside our area")
    question = next(q for q in CHILD if q.name == "child_school")
    return question.display(answers.get("child_school"), context)


PARENT = (
    *s.names("the parent's", prefix="parent_"),
    EmailQuestion(
        name="parent_email",
        label="Parent's email address",
        missing="Enter the parent's email address",
        optional=True,
        autocomplete="off",
    ),
    MobileQuestion(
        name="parent_mobile",
        label="Parent's UK mobile number",
        short_label="Parent's mobile",
        hint="For example, 07700 900 982",
        optional=True,
        autocomplete="off",
    ),
)

# --- Venues -------------------------------------------------------------------------------

VENUE = (
    TextQuestion(name="venue_name", label="Name of the venue", missing="Enter the venue's name"),
    *s.address(prefix="venue_"),
    SelectQuestion(
        name="venue_council",
        label="Which council's area is the venue in?",
        short_label="Council",
        hint="That council may inspect the performance. We send it a copy of the licence.",
        source=councils.COUNCILS,
        missing="Select the council the venue is in",
        unknown="Select a council from the list",
    ),
    TextQuestion(
        name="venue_council_other",
        label="If another council, which one?",
        short_label="Other council",
        missing="Enter the name of the council the venue is in",
        shown_if=("venue_council", councils.OTHER),
    ),
)


def venue_summary(venue: dict[str, Any], context: FormContext) -> tuple[str, str]:
    address = ", ".join(s.address_lines(venue, "venue_"))
    council = councils.council_name(context.session, venue)
    return str(venue.get("venue_name") or "Venue"), f"{address}. {council}"


# --- Each day -------------------------------------------------------------------------------

DAY_TYPES = {"performance": "Performance", "rehearsal": "Rehearsal"}

EDUCATION_HOURS = HoursQuestion(
    name="education_hours",
    label="How many hours of education will the child get that day?",
    short_label="Hours of education",
    hint="At school or with a tutor. The child must get at least 3 hours on each school day.",
    missing="Enter how many hours of education the child will get that day",
)

PERFORMING = PeriodsQuestion(
    name="performing",
    label="Times the child performs or rehearses",
    short_label="Performs or rehearses",
    hint="Give each time as a start and a finish, separated by commas. For example, "
    "10am to 11:30am, 2pm to 3pm.",
    missing="Enter the times the child performs or rehearses, like 10am to 11:30am",
)

DAY = (
    DateQuestion(
        name="date",
        label="Date",
        hint="For example, 27 3 2027",
        missing="Enter the date",
        past=False,
    ),
    RadiosQuestion(
        name="day_type",
        label="Is it a performance or a rehearsal?",
        short_label="Performance or rehearsal",
        missing="Select performance or rehearsal",
        inline=True,
        choices=tuple(Choice(code, name) for code, name in DAY_TYPES.items()),
    ),
    TextQuestion(
        name="venue",
        label="Venue",
        hint="The name of one of the venues you gave.",
        missing="Enter the name of the venue",
    ),
    s.time(
        "arrive",
        "Time the child arrives at the venue",
        short_label="Arrival time",
        missing="Enter the time the child arrives at the venue",
    ),
    s.time(
        "leave",
        "Time the child leaves the venue",
        short_label="Leaving time",
        missing="Enter the time the child leaves the venue",
    ),
    PERFORMING,
    YesNoQuestion(
        name="school_day",
        label="Is it a school day for the child?",
        short_label="School day",
        hint="A day the child would otherwise be at school.",
        missing="Select yes if it is a school day for the child",
        choices=(Choice("yes", "Yes", reveals=(EDUCATION_HOURS,)), Choice("no", "No")),
    ),
)


def day_summary(day: dict[str, Any], context: FormContext) -> tuple[str, str]:
    on = sa.parse_date(day.get("date"))
    title = f"{on:%A} {long_date(on)}" if on else "Day"
    kind = DAY_TYPES.get(str(day.get("day_type")), "Day")
    times = (
        f"at the venue {clock(day['arrive'])} to {clock(day['leave'])}"
        if (day.get("arrive") and day.get("leave"))
        else ""
    )
    performing = PERFORMING.display(day.get("performing"), context)
    parts = [f"{kind} at {day.get('venue') or 'the venue'}", times, f"performing {performing}"]
    if day.get("school_day"):
        hours = EDUCATION_HOURS.display(day.get("education_hours"), context)
        parts.append(f"school day, {hours} of education")
    return title, "; ".join(part for part in parts if part)


# --- Who looks after the child, and the tutor -----------------------------------------------

CHAPERONE = (
    RadiosQuestion(
        name="in_charge",
        label="Who will look after the child at the venue?",
        short_label="Looked after by",
        hint="Unless the child's parent looks after them, a chaperone approved by a council must.",
        missing="Select who will look after the child",
        choices=(
            Choice("parent", "The child's parent"),
            Choice(
                "chaperone",
                "A chaperone approved by a council",
                reveals=(
                    *s.names("the chaperone's", prefix="chaperone_"),
                    TextQuestion(
                        name="chaperone_approval_number",
                        label="Chaperone's approval number",
                        short_label="Approval number",
                        hint="It is on their approval card.",
                        missing="Enter the chaperone's approval number",
                        width="10",
                        spellcheck=False,
                    ),
                    s.date_of_birth(
                        "the chaperone's",
                        name="chaperone_date_of_birth",
                        age_range=(18, 120),
                        age_message="A chaperone must be 18 or over",
                        example="27 3 1980",
                    ),
                    NumberQuestion(
                        name="chaperone_children",
                        label="How many children will the chaperone look after, including "
                        "this child?",
                        short_label="Children in the chaperone's care",
                        missing="Enter how many children the chaperone will look after",
                        minimum=1,
                        maximum=99,
                    ),
                    YesNoQuestion(
                        name="chaperone_is_tutor",
                        label="Is the chaperone also the child's tutor?",
                        short_label="Chaperone is also the tutor",
                        missing="Select yes if the chaperone is also the child's tutor",
                    ),
                ),
            ),
        ),
    ),
)

TUTOR = (
    RadiosQuestion(
        name="tutor",
        label="Will a tutor teach the child on days they miss school?",
        short_label="Tutor",
        missing="Select whether a tutor will teach the child",
        choices=(
            Choice(
                "yes",
                "Yes",
                reveals=(
                    TextQuestion(
                        name="tutor_name",
                        label="Tutor's full name",
                        missing="Enter the tutor's full name",
                    ),
                    TextareaQuestion(
                        name="tutor_qualifications",
                        label="Tutor's qualifications and teaching experience",
                        short_label="Tutor's qualifications",
                        missing="Enter the tutor's qualifications",
                        max_length=500,
                        rows=3,
                    ),
                    NumberQuestion(
                        name="tutor_children",
                        label="How many children will the tutor teach at the same time?",
                        short_label="Children taught together",
                        missing="Enter how many children the tutor will teach at the same time",
                        minimum=1,
                        maximum=99,
                    ),
                    YesNoQuestion(
                        name="tutor_similar_standard",
                        label="Are all those children at a similar stage of education?",
                        short_label="Similar stage of education",
                        missing="Select yes if the children are at a similar stage of education",
                    ),
                ),
            ),
            Choice("no", "No, the child will not miss school, or will be taught at school"),
        ),
    ),
)

DECLARATION = ConsentQuestion(
    name="declaration",
    label="Declaration",
    hint="You are the person responsible for the production and will hold the licence. You "
    "must have a safeguarding policy and a risk assessment for the child, keep a record of "
    "each day the child takes part, and tell us at once if the child is ill or injured.",
    agreement="I confirm the information I have given is correct and I will keep to the "
    "licence's conditions",
    missing="Confirm the information is correct and you will keep to the licence's conditions",
    paper_label="The licence holder confirmed the declaration",
)


def _question_rows(
    questions: tuple[Any, ...], answers: dict[str, Any], context: FormContext
) -> list[tuple[str, str]]:
    """Rows as a step without ``rows`` would show them: each question that was asked."""
    return [(row.label, row.value) for row in _AS_ASKED[questions].answer_rows(answers, context)]


def first_day_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    """When the first performance is, and a warning when it is less than 21 days away."""
    rows = _question_rows(DECLARATION_STEP_QUESTIONS, answers, context)
    first = sa.first_performance(answers)
    if first is None:
        return rows
    reading = sa.read(context.session, answers, today())
    notice = " ".join(w.message for w in reading.warnings if w.rule == "short_notice")
    return [("First performance", notice or long_date(first)), *rows]


def licence_holder_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    return [("Your name", s.full_name(answers)), ("Job title", str(answers.get("job_title")))]


def parent_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    email, mobile = PARENT[2], PARENT[3]
    return [
        ("Parent's name", s.full_name(answers, "parent_")),
        ("Parent's email", email.display(answers.get("parent_email"), context)),
        ("Parent's mobile", mobile.display(answers.get("parent_mobile"), context)),
    ]


DECLARATION_STEP_QUESTIONS = (DECLARATION,)
# Steps built once, only to list their questions' rows as asked (``_question_rows``).
_AS_ASKED = {
    questions: Step("rows", "", questions)
    for questions in (LICENCE_NEEDED, DECLARATION_STEP_QUESTIONS)
}

FORM = Form(
    steps=(
        Step(
            "licence-needed",
            "Does the child need a licence?",
            LICENCE_NEEDED,
            intro="A child needs a licence to take part in a performance people pay to see, "
            "on licensed premises, broadcast or filmed, or in paid sport or modelling. If the "
            "child does not need one, we will tell you why.",
            check=form_checks.check_licence_needed,
            rows=licence_needed_rows,
        ),
        Step("production", "About the production", PRODUCTION),
        Step(
            "licence-holder",
            "About you",
            LICENCE_HOLDER,
            intro="The licence holder is the person responsible for the production. They "
            "apply for the licence and must keep to its conditions.",
            rows=licence_holder_rows,
        ),
        s.address_step("address", "What is your address?"),
        s.contact_step(),
        Step(
            "child",
            "About the child",
            CHILD,
            intro="We issue licences for children who live in our area. If the child lives "
            "in another council's area, apply to that council.",
            check=form_checks.check_child,
            rows=child_rows,
        ),
        Step(
            "parent",
            "The child's parent",
            PARENT,
            intro="We send the parent a link to their part of the application. They confirm "
            "the child's details, make a health declaration and give their consent. Give "
            "their email address, their mobile number or both.",
            check=form_checks.check_parent,
            rows=parent_rows,
        ),
        Step(
            "venues",
            "Venues",
            VENUE,
            intro="Add each place where the child will perform or rehearse.",
            repeat=Repeat(
                key=sa.VENUES,
                noun="venue",
                plural="venues",
                summary=venue_summary,
                max_items=MAX_VENUES,
            ),
        ),
        Step(
            "days",
            "Performance and rehearsal days",
            DAY,
            intro="Add each day the child will perform or rehearse, with the times they are "
            "at the venue and performing. Apply at least 21 days before the first "
            "performance: we may refuse an application we receive later.",
            check=form_checks.check_day,
            repeat=Repeat(
                key=sa.DAYS,
                noun="day",
                plural="days",
                summary=day_summary,
                max_items=MAX_DAYS,
            ),
        ),
        Step(
            "chaperone",
            "Who will look after the child?",
            CHAPERONE,
            check=form_checks.check_chaperone,
        ),
        Step(
            "tutor",
            "Will a tutor teach the child on days they miss school?",
            TUTOR,
            check=form_checks.check_tutor,
        ),
        Step("declaration", "Declaration", DECLARATION_STEP_QUESTIONS, rows=first_day_rows),
    ),
    check=form_checks.check_application,
)
