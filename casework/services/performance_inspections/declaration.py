"""Child performance inspections: the one place that says what the service asks, does and
sends. Other councils tell us about performances they licensed in our area (no account
needed); the council's own grants open inspections through ``opening.open_inspection``."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework.case_sections import moves_log
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
from casework.questions import EmailQuestion
from casework.questions.extra_kinds import mobile_or_none
from casework.services.performance_inspections import messages, rules, tasks
from casework.services.performance_inspections import workflow as w
from casework.services.performance_inspections.case_section import INSPECTION
from casework.services.performance_inspections.opening import COUNCIL_CHANNEL, SLUG
from casework.services.performance_inspections.questions import (
    FORM,
    describe,
    last_day,
    venue_names,
)


def _contacts(case: Case) -> Contacts:
    """The notifying council's officer. An inspection the council opened for its own
    licence tells no one outside: its concerns go to the licence's case (``links``)."""
    answers = case.answers
    if case.channel == COUNCIL_CHANNEL:
        return Contacts(name=answers.get("notifier_name") or "")
    return Contacts(
        name=answers.get("notifier_name") or "",
        email=answers.get("email") or None,
        mobile=mobile_or_none(answers.get("phone")),
    )


def _personalisation(case: Case) -> dict[str, Any]:
    answers = case.answers
    last = last_day(answers)
    return {
        "notifier_name": answers.get("notifier_name") or "",
        "reference": case.reference,
        "production_name": answers.get("production_name") or "",
        "venues": venue_names(answers),
        "last_day": long_date(last) if last else "",
    }


def _summary(session: Session) -> str:
    return (
        "For councils that have licensed children to perform at a venue in our area. We "
        "inspect every licensed performance here, whoever issued the licence."
    )


PERFORMANCE_INSPECTIONS = ServiceDeclaration(
    slug=SLUG,
    name="Child performance inspections",
    summary="For councils: tell us about children you have licensed to perform at a venue in "
    "our area, so we can inspect. You do not need an account.",
    reference_prefix="INS",
    form=FORM,
    workflow=w.WORKFLOW,
    contacts=_contacts,
    personalisation=_personalisation,
    # Inspect by the last day at any venue, a day the answers name; the queue and the
    # digest warn from 80% of the way there. A recorded visit stops it.
    clocks=(
        Clock(
            "inspection",
            "Inspection",
            10,
            "working_days",
            rule="Every licensed performance in our area is inspected before its last day "
            "(council practice; one visit per period of the event).",
            stops_in=(w.VISITED,),
            due=lambda case: last_day(case.answers),
        ),
    ),
    # The day is for officers, not a date promised to the notifying council.
    tells_due_date=False,
    eligibility_summary=_summary,
    guide=Guide(
        how_to_apply=text_beside(__file__, "guide.md"),
        key_dates=(
            KeyDate(
                "When to tell us",
                "As soon as you grant the licence, and at least 7 days before the first day "
                "at the venue, so we can arrange a visit.",
            ),
        ),
    ),
    messages=messages.ALL,
    submitted_messages=(messages.RECEIVED.name,),
    status_check=SecondFactor(
        question=EmailQuestion(
            name="second_factor",
            label="The email address you gave with the notice",
            short_label="Email address",
            missing="Enter the email address you gave with the notice",
        ),
        paths=("email",),
        prompt="the email address given with the notice",
    ),
    # The notifying officer may send a copy of the licence: they sign in with the email
    # address they gave (which finds the notice in their account) and upload it there.
    evidence=Evidence(
        accepted_in=w.OPEN,
        fires=None,
        hint="Send a copy of the licence, or of each child’s licence, as a PDF or a photo.",
    ),
    case_sections=(
        INSPECTION,
        moves_log(
            "Visits",
            {
                w.BOOK_VISIT: "Visit booked",
                w.VISIT_SATISFACTORY: "Visit: satisfactory",
                w.VISIT_ADVICE: "Visit: advice given",
                w.VISIT_CONCERNS: "Visit: concerns referred",
            },
            empty="No visits have been booked or recorded yet.",
            heading="When, who, and what was found",
        ),
    ),
    tasks=(Task(tasks.FLAG_UNINSPECTED, tasks.flag_uninspected_now),),
    schedules=(Schedule("flag-uninspected-performances", tasks.FLAG_UNINSPECTED, 3600.0),),
    default_rules=rules.DEFAULTS,
    start_page=text_beside(__file__, "start.md"),
    confirmation_page=text_beside(__file__, "confirmation.md"),
    privacy_notice=text_beside(__file__, "privacy.md"),
    describe=describe,
    sign_in_required=False,
    start_title="Tell us about a licensed child performance in our area",
    sent_title="Notice sent",
    noun="notice",
)
