"""Free school meals: the one place that says what the service asks, does and sends."""

from __future__ import annotations

from typing import Any

from casework.case_sections import ELIGIBILITY_CHECKS
from casework.clocks import Clock, long_date
from casework.declaration import (
    Contacts,
    Evidence,
    Guide,
    KeyDate,
    QuickCheck,
    Schedule,
    SecondFactor,
    ServiceDeclaration,
    Task,
    text_beside,
)
from casework.models import Case
from casework.questions import DateQuestion
from casework.questions import shapes as s
from casework.services.free_school_meals import eligibility, messages, rules, tasks
from casework.services.free_school_meals.questions import FORM, EligibilityQuestion
from casework.services.free_school_meals.workflow import WORKFLOW
from casework.settings import get_settings

SLUG = eligibility.SLUG


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
    return {
        "parent_name": s.full_name(case.answers),
        "reference": case.reference,
        "children": [s.full_name(child) for child in case.answers["children"]],
        # The date the status page gives as "We aim to decide by" (casework.promises).
        "due_date": long_date(case.due_on) if case.due_on else "",
        "case_url": f"{get_settings().public_base_url}/account/applications/{case.reference}",
    }


def _describe(answers: dict[str, Any]) -> str:
    return ", ".join(s.full_name(child) for child in answers.get("children", []))


FREE_SCHOOL_MEALS = ServiceDeclaration(
    slug=SLUG,
    name="Free school meals",
    summary="Apply for free school meals for your children. Parents of children in "
    "reception, year 1 and year 2 should apply too: it brings their school extra funding.",
    reference_prefix="FSM",
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
            rule="Council target: decide within 10 working days of the application. The "
            "clock stands still while we wait for the parent's evidence.",
            pauses_in=("awaiting_evidence",),
        ),
    ),
    eligibility_summary=eligibility.summary,
    guide=Guide(
        how_to_apply=text_beside(__file__, "guide.md"),
        key_dates=(
            KeyDate(
                "Apply at any time",
                "You can apply at any time of year. Meals start as soon as we award them.",
            ),
        ),
    ),
    messages=messages.ALL,
    # No "we have your application" on submission: most checks decide within seconds, and
    # that outcome's message is the confirmation. It goes only when the check is delayed.
    submitted_messages=(),
    status_check=SecondFactor(
        question=DateQuestion(
            name="second_factor",
            label="Date of birth of a child on the application",
            short_label="Date of birth",
            missing="Enter the child's date of birth",
            past=False,
        ),
        paths=("children.*.date_of_birth",),
        prompt="the date of birth of one of the children on the application",
    ),
    evidence=Evidence(
        accepted_in=("awaiting_evidence",),
        fires="evidence_received",
        hint="Send a photo or scan of the evidence we asked for, such as a benefit award letter.",
        send_within_working_days=20,
    ),
    quick_check=QuickCheck(
        questions=EligibilityQuestion,
        run=tasks.quick_check,
        consent="To check, we send your surname, date of birth and National Insurance number "
        "(or asylum support reference) to the Department for Education's eligibility "
        "checking service. We do not keep what it tells us.",
    ),
    case_sections=(ELIGIBILITY_CHECKS,),
    tasks=(
        Task(tasks.CHECK_ELIGIBILITY, tasks.check_eligibility),
        Task(tasks.RECHECK_DUE, tasks.recheck_due),
    ),
    after_submit_tasks=(tasks.CHECK_ELIGIBILITY,),
    schedules=(Schedule("recheck-eligibility", tasks.RECHECK_DUE, 60.0),),
    default_rules=rules.DEFAULTS,
    start_page=text_beside(__file__, "start.md"),
    confirmation_page=text_beside(__file__, "confirmation.md"),
    privacy_notice=text_beside(__file__, "privacy.md"),
    describe=_describe,
)
