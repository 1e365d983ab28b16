"""Reporting illegal child employment: the one place that says what the service asks, does
and sends. Anyone may report, without an account and anonymously if they choose."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework.case_sections import moves_log
from casework.clocks import Clock
from casework.declaration import (
    Contacts,
    Guide,
    KeyDate,
    SecondFactor,
    ServiceDeclaration,
    text_beside,
)
from casework.models import Case
from casework.questions import EmailQuestion
from casework.questions.extra_kinds import mobile_or_none
from casework.services.illegal_employment import messages
from casework.services.illegal_employment import workflow as w
from casework.services.illegal_employment.questions import CONTACT_ME, FORM, describe

SLUG = "illegal-employment"
ANONYMOUS = "Anonymous"


def _contacts(case: Case) -> Contacts:
    """The reporter, if they let us contact them; an anonymous report reaches nobody."""
    answers = case.answers
    if answers.get(CONTACT_ME) != "yes":
        return Contacts(name=ANONYMOUS)
    return Contacts(
        name=answers.get("reporter_name") or ANONYMOUS,
        email=answers.get("email") or None,
        mobile=mobile_or_none(answers.get("phone")),
    )


def _personalisation(case: Case) -> dict[str, Any]:
    return {
        "reporter_name": case.answers.get("reporter_name") or "",
        "reference": case.reference,
    }


def _summary(session: Session) -> str:
    return (
        "Anyone can report a child they think is working illegally. You do not need an "
        "account, and you do not have to tell us who you are."
    )


ILLEGAL_EMPLOYMENT = ServiceDeclaration(
    slug=SLUG,
    name="Report a child working illegally",
    summary="Tell us about a child you think is working illegally: too young, too many "
    "hours, at the wrong times, doing dangerous work or without a work permit. You do not "
    "need an account, and you can stay anonymous.",
    reference_prefix="IEM",
    form=FORM,
    workflow=w.WORKFLOW,
    contacts=_contacts,
    personalisation=_personalisation,
    clocks=(
        Clock(
            "first_visit",
            "First visit",
            10,
            "working_days",
            rule="Council target: visit the business within 10 working days of a report. "
            "It stops when the first visit is recorded.",
            stops_in=(w.INVESTIGATING,),
        ),
    ),
    eligibility_summary=_summary,
    guide=Guide(
        how_to_apply=text_beside(__file__, "guide.md"),
        key_dates=(
            KeyDate(
                "Report at any time",
                "You can report at any time. If a child is in danger now, call 999.",
            ),
        ),
    ),
    messages=messages.ALL,
    submitted_messages=(messages.RECEIVED.name,),
    # A reporter who gave an email address can look their report up by it; the answer is
    # only received, being investigated or closed (workflow.py), never what was found.
    status_check=SecondFactor(
        question=EmailQuestion(
            name="second_factor",
            label="The email address you gave with the report",
            short_label="Email address",
            missing="Enter the email address you gave with the report",
        ),
        paths=("email",),
        prompt="the email address given with the report",
    ),
    case_sections=(
        moves_log(
            "Visits",
            {w.RECORD_VISIT: "Visit"},
            empty="No visits have been recorded yet.",
            heading="Who went and what they found",
        ),
        moves_log(
            "Evidence and statements",
            {
                w.RECORD_EVIDENCE_BEFORE_VISIT: "Evidence or statement",
                w.RECORD_EVIDENCE: "Evidence or statement",
            },
            empty="No evidence or statements have been recorded yet.",
        ),
        moves_log(
            "Outcome",
            {
                **{name: label.removeprefix("Close: ") for name, (label, *_) in w.OUTCOMES.items()},
                w.REOPEN: "Reopened",
            },
            empty="The investigation is still open.",
            heading="Why",
        ),
    ),
    start_page=text_beside(__file__, "start.md"),
    confirmation_page=text_beside(__file__, "confirmation.md"),
    privacy_notice=text_beside(__file__, "privacy.md"),
    describe=describe,
    sign_in_required=False,
    start_title="Report a child working illegally",
    sent_title="Report sent",
    noun="report",
    # The first-visit target is the team's, not a date a reporter is given.
    tells_due_date=False,
)
