"""The permit the council grants: the child, the employer, the job and its place, the hours
it allows in term time and in the school holidays, its number, dates and conditions.

Described as data for ``casework.issued`` (which lays it out and keeps the PDF on the case,
for the employer's account and the case page). The conditions quote the limits from the
rule version the hours were checked against, so a council's byelaws print as they are.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.clocks import long_date, today
from casework.issued import IssuedDocument, Paragraphs, Section, Table, issue
from casework.models import Case, CaseEvent, Document
from casework.questions import FormContext
from casework.services.child_employment import facts, questions, schedules
from casework.services.child_employment.wording import clock, duration
from casework.settings import get_settings
from casework.workflow import SYSTEM, Actor

KIND = "permit"
TITLE = "Child employment permit"


def permit_number(case: Case) -> str:
    """The case's reference: one permit per application, quoted on both."""
    return case.reference


def valid_until(case: Case) -> date:
    return facts.school_leaving_date(facts.day(case.answers["child_date_of_birth"]))


def _hours_block(answers: dict, period: schedules.Period) -> Table | Paragraphs:
    found = schedules.week(answers, period)
    heading = f"Permitted hours in {period.words}"
    if not found:
        return Paragraphs(heading, (f"The child may not work for the employer in {period.words}.",))
    rows = tuple(schedules.day_rows(found))
    total = ("Each week", "", schedules.week_total(found))
    return Table(heading, ("Day", "Times", "Hours"), (*rows, total))


def _conditions(session: Session, case: Case) -> tuple[str, ...]:
    answers = case.answers
    result = schedules.check(session, answers)
    limits = result.limits if result else None
    conditions = [
        "The child may work for the employer only in the job, at the place and at the times "
        "this permit names. Any change needs a new permit before it starts.",
        "The employer must keep this permit where the child works and show it to an "
        "authorised officer of the council or a police officer who asks to see it.",
    ]
    if limits is not None:
        conditions += [
            f"The child must not work before {clock(limits.earliest_start)} or after "
            f"{clock(limits.latest_finish)}, or during school hours on a school day.",
            f"After {duration(limits.break_after)} of work, the child must have a break of "
            f"at least {duration(limits.break_length)}.",
            f"The child must have at least {limits.holiday_weeks_free} weeks in a row without "
            "work during the school holidays each year.",
        ]
    conditions += [
        "The child must be supervised at work by "
        f"{facts.supervisor(answers)} or another responsible adult.",
        "The council may revoke this permit if the work harms the child's health, welfare "
        "or education, or the employer does not keep to it.",
        f"This permit ends on {long_date(valid_until(case))}, when the child reaches the end "
        "of compulsory school age, or sooner if the child stops working for the employer.",
    ]
    return tuple(conditions)


def document(session: Session, case: Case, issued_on: date) -> IssuedDocument:
    answers = case.answers
    business_type = dict(questions.business_rows(answers, FormContext(session)))
    return IssuedDocument(
        title=TITLE,
        reference=permit_number(case),
        issued_on=issued_on,
        blocks=(
            Section(
                "The permit",
                (
                    ("Permit number", permit_number(case)),
                    ("Issued on", long_date(issued_on)),
                    ("Valid from", long_date(max(issued_on, facts.day(answers["start_date"])))),
                    ("Valid until", long_date(valid_until(case))),
                ),
            ),
            Section(
                "The child",
                (
                    ("Name", facts.child_name(answers)),
                    ("Date of birth", facts.long_day(answers["child_date_of_birth"])),
                    ("Address", facts.address(answers, "child_")),
                    ("School", facts.school_name(session, answers)),
                ),
            ),
            Section(
                "The employer",
                (
                    ("Business", answers["business_name"]),
                    ("Type of business", business_type["Type of business"]),
                    ("Address", facts.address(answers, "business_")),
                    ("Contact", facts.employer_name(answers)),
                    ("Supervisor", facts.supervisor(answers)),
                ),
            ),
            Section(
                "The job",
                (
                    ("Job", facts.job_name(session, answers)),
                    ("Tasks", answers["tasks"]),
                    ("Place of work", facts.address(answers, "workplace_")),
                    ("Start date", facts.long_day(answers["start_date"])),
                ),
            ),
            *(_hours_block(answers, period) for period in schedules.PERIODS),
            Paragraphs("Conditions", _conditions(session, case), numbered=True),
        ),
        footer=f"To check this permit is genuine, contact {get_settings().council_name} "
        "quoting the permit number.",
    )


def _decided_by(session: Session, case: Case) -> Actor:
    """The authorised officer whose decision the permit follows (the move just made)."""
    event = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.to_status == case.status)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    if event is None or event.actor_kind != "officer":
        return SYSTEM
    return Actor(kind="officer", label=event.actor_label, id=event.actor_id)


def issue_permit(session: Session, case: Case) -> Document:
    """The grant's effect: the permit, issued on the case in the same transaction."""
    return issue(
        session,
        case,
        document(session, case, today()),
        kind=KIND,
        filename=f"child-employment-permit-{permit_number(case)}.pdf",
        issued_by=_decided_by(session, case),
    )
