"""Child employment permits: the one place that says what the service asks, does and sends."""

from __future__ import annotations

from typing import Any

from casework.clocks import Clock, long_date
from casework.declaration import (
    Contacts,
    Evidence,
    Guide,
    KeyDate,
    SecondFactor,
    ServiceDeclaration,
    text_beside,
)
from casework.models import Case
from casework.questions import DateQuestion
from casework.questions import shapes as s
from casework.services.child_employment import (
    case_sections,
    eligibility,
    facts,
    late,
    messages,
    permit,
    rules,
)
from casework.services.child_employment.parent import PARENT
from casework.services.child_employment.questions import FORM
from casework.services.child_employment.workflow import CHANGES_REQUESTED, WAITING, WORKFLOW
from casework.settings import get_settings

SLUG = "child-employment"


def _contacts(case: Case) -> Contacts:
    """The employer who applied; letters go to the business."""
    answers = case.answers
    return Contacts(
        name=facts.employer_name(answers),
        email=answers.get("email") or None,
        mobile=answers.get("mobile") or None,
        preference=answers.get("contact_preference") or "",
        address=(answers.get("business_name", ""), *s.address_lines(answers, "business_")),
    )


def _personalisation(case: Case) -> dict[str, Any]:
    answers = case.answers
    session = facts.session_of(case)
    return {
        "employer_name": facts.employer_name(answers),
        "business_name": answers.get("business_name", ""),
        "reference": case.reference,
        "child_name": facts.child_name(answers),
        "child_date_of_birth": facts.long_day(answers["child_date_of_birth"]),
        "parent_name": facts.parent_name(answers),
        "job": facts.job_name(session, answers),
        "school_name": facts.school_name(session, answers),
        "permit_number": permit.permit_number(case),
        "permitted_hours": facts.hours_in_words(answers),
        "valid_until": long_date(permit.valid_until(case)),
        "case_url": f"{get_settings().public_base_url}/account/applications/{case.reference}",
    }


def _describe(answers: dict[str, Any]) -> str:
    """A line in the queue: the child, the employer, the job and when it starts."""
    if not answers.get("start_date"):
        return facts.child_name(answers)
    return (
        f"{facts.child_name(answers)} at {answers.get('business_name', '')}: "
        f"{facts.job_name(None, answers)}, starting {facts.long_day(answers['start_date'])}"
    )


CHILD_EMPLOYMENT = ServiceDeclaration(
    slug=SLUG,
    name="Child employment permit",
    summary="Employers: apply for a permit to employ a child of school age part time, "
    "such as on a paper round or in a shop.",
    reference_prefix="EMP",
    form=FORM,
    workflow=WORKFLOW,
    contacts=_contacts,
    personalisation=_personalisation,
    clocks=(
        Clock(
            "decision",
            "Decision",
            7,
            "calendar_days",
            rule="Council target: issue a permit within a week of a complete application. "
            "The clock stands still while we wait for the parent's consent or the "
            "employer's changes.",
            pauses_in=WAITING,
        ),
    ),
    eligibility_summary=eligibility.summary,
    guide=Guide(
        how_to_apply=text_beside(__file__, "guide.md"),
        key_dates=(
            KeyDate(
                "Within a week of the job starting",
                "The employer must apply before the child starts work, or within a week of "
                "them starting at the latest.",
            ),
        ),
    ),
    messages=messages.ALL,
    submitted_messages=(messages.RECEIVED.name,),
    parties=(PARENT,),
    status_check=SecondFactor(
        question=DateQuestion(
            name="second_factor",
            label="The child's date of birth",
            short_label="Date of birth",
            missing="Enter the child's date of birth",
            past=False,
        ),
        paths=("child_date_of_birth",),
        prompt="the date of birth of the child on the application",
    ),
    evidence=Evidence(
        accepted_in=(CHANGES_REQUESTED,),
        fires="changes_sent",
        hint="Send what we asked for, such as a new timetable of the child's hours, your risk "
        "assessment or a letter explaining the changes. A photo, a scan or a PDF is fine.",
    ),
    case_sections=case_sections.SECTIONS,
    default_rules=(*rules.DEFAULTS, *late.DEFAULTS),
    start_page=text_beside(__file__, "start.md"),
    confirmation_page=text_beside(__file__, "confirmation.md"),
    privacy_notice=text_beside(__file__, "privacy.md"),
    describe=_describe,
)
