"""Chaperone approval: the one place that says what the service asks, does and sends."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from casework.clocks import Clock, long_date
from casework.declaration import (
    Contacts,
    Evidence,
    Guide,
    KeyDate,
    Schedule,
    SecondFactor,
    ServiceDeclaration,
    Task,
    text_beside,
)
from casework.models import Case
from casework.questions import DateQuestion
from casework.questions import shapes as s
from casework.services.chaperones import SLUG, approvals, messages, rules, sections, tasks
from casework.services.chaperones.questions import FORM, REFEREES, referee_name
from casework.services.chaperones.references import PARTIES
from casework.services.chaperones.workflow import WORKFLOW
from casework.settings import get_settings


def _contacts(case: Case) -> Contacts:
    answers = case.answers
    return Contacts(
        name=s.full_name(answers),
        email=answers.get("email") or None,
        mobile=answers.get("mobile") or None,
        preference=answers.get("contact_preference") or "",
        address=s.address_lines(answers),
    )


def _approval_fields(case: Case) -> dict[str, str]:
    """The approval's number and last day, once it exists (messages about an approval are
    sent only then)."""
    session = object_session(case)
    approval = approvals.for_case(session, case.id) if session is not None else None
    if approval is None:
        return {}
    return {
        "approval_number": approval.approval_number,
        "approved_until": long_date(approval.approved_until),
    }


def _personalisation(case: Case) -> dict[str, Any]:
    answers = case.answers
    base = get_settings().public_base_url
    return {
        "applicant_name": s.full_name(answers).strip(),
        "reference": case.reference,
        "referee_names": " and ".join(referee_name(answers, prefix) for prefix in REFEREES),
        "case_url": f"{base}/account/applications/{case.reference}",
        "apply_url": f"{base}/apply/{SLUG}",
        **_approval_fields(case),
    }


CHAPERONES = ServiceDeclaration(
    slug=SLUG,
    name="Chaperone approval",
    summary="Apply to be approved as a chaperone for children who perform in shows, films, "
    "television and modelling.",
    reference_prefix="CHP",
    form=FORM,
    workflow=WORKFLOW,
    contacts=_contacts,
    personalisation=_personalisation,
    clocks=(
        Clock(
            "decision",
            "Decision",
            30,
            "working_days",
            rule="Council target: decide within 30 working days of having both references "
            "and the applicant's photo. The clock stands still while we wait for them.",
            pauses_in=("awaiting_references", "awaiting_photo"),
        ),
    ),
    eligibility_summary=rules.summary,
    guide=Guide(
        how_to_apply=text_beside(__file__, "guide.md"),
        key_dates=(
            KeyDate(
                "Apply at any time",
                "Apply at least 2 months before you need to chaperone: we need 2 references, "
                "a DBS check and an interview.",
            ),
        ),
    ),
    messages=messages.ALL,
    submitted_messages=(messages.SUBMITTED.name,),
    parties=PARTIES,
    status_check=SecondFactor(
        question=DateQuestion(
            name="second_factor",
            label="Your date of birth",
            short_label="Date of birth",
            missing="Enter your date of birth",
            past=False,
        ),
        paths=("date_of_birth",),
        prompt="the applicant's date of birth",
    ),
    evidence=Evidence(
        # Sent in the first, it moves the case on; sent while the referees are still
        # answering, it is kept until they have.
        accepted_in=("awaiting_photo", "awaiting_references"),
        fires="photo_received",
        hint="Send a recent photo of your face, like a passport photo, as a JPG or PNG. We "
        "print it on your approval card.",
    ),
    case_sections=sections.SECTIONS,
    tasks=(Task(tasks.REMIND_AND_EXPIRE, tasks.remind_and_expire),),
    # Run every hour, though the work is daily: what is due is worked out from the date,
    # and a reminder is sent once, so a run that a restart skipped is simply made up.
    schedules=(Schedule("chaperone-reminders-and-expiry", tasks.REMIND_AND_EXPIRE, 3600.0),),
    default_rules=rules.DEFAULTS,
    start_page=text_beside(__file__, "start.md"),
    confirmation_page=text_beside(__file__, "confirmation.md"),
    privacy_notice=text_beside(__file__, "privacy.md"),
)
