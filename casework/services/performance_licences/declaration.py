"""Child performance licences: the one place that says what the service asks, does and sends."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import Clock, long_date, today
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
from casework.services.performance_licences import (
    case_section,
    councils,
    messages,
    rules,
    schedule_answers,
    tutors,
)
from casework.services.performance_licences.parent import PARENT
from casework.services.performance_licences.questions import FORM
from casework.services.performance_licences.workflow import WORKFLOW
from casework.settings import get_settings

SLUG = "performance-licences"


def _contacts(case: Case) -> Contacts:
    answers = case.answers
    return Contacts(
        name=s.full_name(answers),
        email=answers.get("email") or None,
        mobile=answers.get("mobile") or None,
        preference=answers.get("contact_preference") or "",
        address=s.address_lines(answers),
    )


def _personalisation(case: Case) -> dict[str, Any]:
    answers = case.answers
    first = schedule_answers.first_performance(answers)
    return {
        "producer_name": s.full_name(answers),
        "reference": case.reference,
        "child_name": s.full_name(answers, "child_"),
        "production_name": answers.get("production_name", ""),
        "company_name": answers.get("company_name", ""),
        "parent_name": s.full_name(answers, "parent_"),
        "first_performance": long_date(first) if first else "",
        "documents": case_section.documents_needed(answers),
        "due_date": long_date(case.due_on) if case.due_on else "",
        "case_url": f"{get_settings().public_base_url}/account/applications/{case.reference}",
    }


def _describe(answers: dict[str, Any]) -> str:
    first = schedule_answers.first_performance(answers)
    when = f", first performance {long_date(first)}" if first else ""
    return f"{s.full_name(answers, 'child_')} in {answers.get('production_name', '')}{when}"


def eligibility_summary(session: Session) -> str:
    notice = rules.value_in_force(session, rules.NOTICE, today())["days"]
    rule = rules.value_in_force(session, rules.FOUR_DAY_RULE, today())
    return (
        "A child needs a licence to take part in a performance people pay to see, one on "
        "licensed premises or in a registered club, one that is broadcast or recorded, or "
        "paid sport or modelling. Rehearsals count. No licence is needed if nothing beyond "
        f"expenses is paid and either the child has performed on no more than "
        f"{rule['max_days_before']} days in the last {rule['months']} months, or a school or "
        "a group with a Body of Persons Approval arranges the performance. A child who "
        "misses school always needs a licence. The producer applies to the council where "
        f"the child lives, at least {notice} days before the first performance."
    )


PERFORMANCE_LICENCES = ServiceDeclaration(
    slug=SLUG,
    name="Child performance licence",
    summary="Producers: apply for a licence for a child to perform, model or take part in "
    "paid sport. The child's parent completes their part online.",
    reference_prefix="PFL",
    form=FORM,
    workflow=WORKFLOW,
    contacts=_contacts,
    personalisation=_personalisation,
    clocks=(
        Clock(
            "decision",
            "Decision",
            10,
            "working_days",
            rule="Council target: decide within 10 working days of a complete application "
            "(many councils accept 7 to 10 working days), and always before the first "
            "performance. The clock stands still while we wait for the parent, the documents "
            "or changes. The council may refuse an application received less than 21 days "
            "before the first performance (SI 2014/3309 reg 4(2)).",
            pauses_in=("submitted", "parent_declined", "awaiting_documents", "changes_requested"),
        ),
    ),
    eligibility_summary=eligibility_summary,
    guide=Guide(
        how_to_apply=text_beside(__file__, "guide.md"),
        key_dates=(
            KeyDate(
                "At least 21 days before the first performance",
                "Apply at least 21 days before the child's first performance or rehearsal. "
                "We may refuse an application we receive later.",
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
        paths=(schedule_answers.DATE_OF_BIRTH,),
        prompt="the date of birth of the child on the application",
    ),
    evidence=Evidence(
        accepted_in=(
            "awaiting_documents",
            "with_officer",
            "changes_requested",
            "parent_declined",
        ),
        fires="documents_received",
        hint="Send: 2 photos of the child taken in the last 6 months, the child's birth "
        "certificate, the contract or a draft of it, and a letter from the head teacher if "
        "the child will miss school.",
        send_within_working_days=5,
    ),
    case_sections=(case_section.SECTION,),
    default_rules=(*rules.DEFAULTS, *councils.DEFAULTS, *tutors.DEFAULTS),
    start_page=text_beside(__file__, "start.md"),
    confirmation_page=text_beside(__file__, "confirmation.md"),
    privacy_notice=text_beside(__file__, "privacy.md"),
    describe=_describe,
)
