"""Body of Persons Approval: the one place that says what the service asks, does and sends."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

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
from casework.services.bopa import messages, rules
from casework.services.bopa.questions import FORM, parse_date
from casework.services.bopa.workflow import WORKFLOW
from casework.settings import get_settings

SLUG = "bopa"


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
    first = parse_date(answers.get("first_date"))
    return {
        "applicant_name": s.full_name(answers),
        "group_name": answers.get("group_name", ""),
        "production_name": answers.get("production_name", ""),
        "reference": case.reference,
        "first_date": long_date(first) if first else "",
        "case_url": f"{get_settings().public_base_url}/account/applications/{case.reference}",
    }


def _summary(session: Session) -> str:
    return (
        "A group such as an amateur dramatic society, a dance school or a choir can apply to "
        "the council where its performances take place for a Body of Persons Approval. "
        "Children can then take part without a licence each, as long as no child is paid "
        "more than expenses and none misses school. The group must show us how it keeps the "
        "children safe."
    )


BOPA = ServiceDeclaration(
    slug=SLUG,
    name="Body of Persons Approval",
    summary="Groups putting on performances with children: apply for approval so the "
    "children do not each need a performance licence.",
    reference_prefix="BPA",
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
            rule="Council target: decide within 10 working days, and before the first "
            "performance. The clock stands still while we wait for the group.",
            pauses_in=("information_requested",),
        ),
    ),
    eligibility_summary=_summary,
    guide=Guide(
        how_to_apply=text_beside(__file__, "guide.md"),
        key_dates=(
            KeyDate(
                "At least 21 days before the first performance",
                "Apply at least 21 days before the first performance or rehearsal.",
            ),
        ),
    ),
    messages=messages.ALL,
    submitted_messages=(messages.RECEIVED.name,),
    status_check=SecondFactor(
        question=DateQuestion(
            name="second_factor",
            label="Date of the first performance or rehearsal",
            short_label="First date",
            missing="Enter the date of the first performance or rehearsal",
            past=False,
        ),
        paths=("first_date",),
        prompt="the date of the first performance or rehearsal on the application",
    ),
    evidence=Evidence(
        accepted_in=("information_requested", "submitted"),
        fires="information_received",
        hint="Send what we asked for, such as the group's safeguarding policy.",
    ),
    default_rules=rules.DEFAULTS,
    start_page=text_beside(__file__, "start.md"),
    confirmation_page=text_beside(__file__, "confirmation.md"),
    privacy_notice=text_beside(__file__, "privacy.md"),
    describe=lambda answers: (
        f"{answers.get('group_name', '')}: {answers.get('production_name', '')}"
    ),
)
