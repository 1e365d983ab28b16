"""The two referees: who they are, the page their link opens, and what their answers flag.

Each referee is a ``Party`` sent a link when the application is submitted. A referee who has
concerns or would not recommend the applicant does not refuse the application: the officer
decides, and the case is flagged so they read the references first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from casework import parties
from casework.models import Case, PartyRequest
from casework.parties import Party, PartyContact
from casework.questions import (
    Choice,
    ConsentQuestion,
    FormContext,
    RadiosQuestion,
    Step,
    TextareaQuestion,
    YesNoQuestion,
)
from casework.questions import shapes as s
from casework.services.chaperones import messages
from casework.services.chaperones.questions import REFEREES, is_mobile, referee_name

KNOWN_FOR = RadiosQuestion(
    name="known_for",
    label="How long have you known them?",
    short_label="Known them for",
    missing="Select how long you have known them",
    choices=(
        Choice("under_1_year", "Less than 1 year"),
        Choice("1_to_2_years", "1 to 2 years"),
        Choice("2_to_5_years", "2 to 5 years"),
        Choice("over_5_years", "More than 5 years"),
    ),
)
CAPACITY = TextareaQuestion(
    name="capacity",
    label="In what capacity do you know them?",
    short_label="How they know them",
    hint="For example, as their manager at work, or because they volunteer at the youth group "
    "you run. Say whether you have seen them with children.",
    missing="Enter how you know them",
    max_length=1000,
    rows=3,
)
CONCERNS_DETAILS = TextareaQuestion(
    name="concerns_details",
    label="Tell us about your concerns",
    short_label="Concerns",
    missing="Tell us about your concerns",
    max_length=2000,
    rows=4,
)
CONCERNS = YesNoQuestion(
    name="concerns",
    label="Do you have any concerns about them working with children?",
    short_label="Concerns about working with children",
    hint="What you tell us is kept confidential to the council’s officers.",
    missing="Select yes if you have any concerns about them working with children",
    choices=(Choice("yes", "Yes", reveals=(CONCERNS_DETAILS,)), Choice("no", "No")),
)
WHY_NOT = TextareaQuestion(
    name="why_not",
    label="Tell us why not",
    short_label="Why they would not recommend",
    missing="Tell us why you would not recommend them",
    max_length=2000,
    rows=4,
)
RECOMMEND = YesNoQuestion(
    name="recommend",
    label="Would you recommend them as a chaperone for children?",
    short_label="Would recommend",
    missing="Select yes if you would recommend them as a chaperone",
    choices=(Choice("yes", "Yes"), Choice("no", "No", reveals=(WHY_NOT,))),
)
TRUE_AND_NOT_RELATED = ConsentQuestion(
    name="confirm",
    label="Declaration",
    agreement="I confirm that I am not related to them and that what I have said is true",
    missing="Confirm that you are not related to them and that what you have said is true",
)

STEP = Step(
    "reference",
    "Give a reference for a chaperone",
    (KNOWN_FOR, CAPACITY, CONCERNS, RECOMMEND, TRUE_AND_NOT_RELATED),
    intro="A chaperone looks after children who perform in shows, films and television, in "
    "place of their parents. Tell us honestly what you know: an officer reads your answers "
    "with the rest of the application, and also interviews them and checks their DBS "
    "certificate.",
)


def _contact(prefix: str) -> Callable[[Case], PartyContact | None]:
    def contact(case: Case) -> PartyContact | None:
        answers = case.answers
        email = answers.get(f"{prefix}_email") or None
        phone = answers.get(f"{prefix}_phone") or ""
        if not email:
            return None
        return PartyContact(
            name=referee_name(answers, prefix),
            email=email,
            mobile=phone if is_mobile(phone) else None,
        )

    return contact


def _shows(prefix: str) -> Callable[[Case], list[tuple[str, str]]]:
    def shows(case: Case) -> list[tuple[str, str]]:
        answers = case.answers
        return [
            ("Applicant", s.full_name(answers).strip()),
            ("How they say you know them", answers.get(f"{prefix}_relationship") or ""),
        ]

    return shows


def _party(prefix: str, number: str) -> Party:
    return Party(
        name=prefix,
        label=f"{number} referee",
        step=STEP,
        contact=_contact(prefix),
        requested_in="awaiting_references",
        message=messages.REFEREE_LINK.name,
        shows=_shows(prefix),
        fires="references_received",
    )


PARTIES = (_party(REFEREES[0], "First"), _party(REFEREES[1], "Second"))


def flags(answers: dict[str, Any] | None) -> list[str]:
    """What an officer must read first in one referee's answers, in words."""
    if not answers:
        return []
    found = []
    if answers.get(CONCERNS.name) is True:
        found.append("Has concerns about them working with children")
    if answers.get(RECOMMEND.name) is False:
        found.append("Would not recommend them")
    return found


def answered(session: Session, case_id: int) -> list[dict[str, Any]]:
    """Each referee asked, with their answers in words and what they flag, for officers."""
    context = FormContext(session)
    shown = []
    for request in _latest(session, case_id):
        answers = request.answers or {}
        rows = (
            [(row.label, row.value) for row in STEP.answer_rows(answers, context)]
            if request.answered_at
            else []
        )
        shown.append(
            {
                "party": request.party,
                "name": request.name,
                "email": request.email,
                "requested_at": request.requested_at,
                "expires_at": request.expires_at,
                "answered_at": request.answered_at,
                "rows": rows,
                "flags": flags(request.answers),
            }
        )
    return shown


def _latest(session: Session, case_id: int) -> list[PartyRequest]:
    """One link per referee: the one they answered, else the newest sent (an officer may
    have sent a fresh link, which stops the old one working)."""
    chosen: dict[str, PartyRequest] = {}
    for request in parties.requests(session, case_id):
        kept = chosen.get(request.party)
        if kept is None or kept.answered_at is None:
            chosen[request.party] = request
    return list(chosen.values())


def any_flagged(session: Session, case_id: int) -> bool:
    return any(flags(request.answers) for request in parties.requests(session, case_id))
