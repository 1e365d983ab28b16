"""The parent's part: confirm the child's details, declare the child fit to do the work, and
consent (RULES.md §4, "parent's fitness declaration and consent").

The parent gets a link (``casework.parties``) as soon as the employer's application
arrives. Their page shows the child, the job and the exact hours the employer gave; a "no"
to fitness or to consent is a refusal, which closes the case and tells the employer. Wrong
details with consent go to the officer, who can ask the employer to correct them.
"""

from __future__ import annotations

from typing import Any

from casework.models import Case
from casework.parties import Party, PartyContact
from casework.questions import Choice, Step, TextareaQuestion, YesNoQuestion
from casework.services.child_employment import facts, schedules
from casework.services.child_employment import messages as m

CORRECTIONS = TextareaQuestion(
    name="corrections",
    label="What is wrong?",
    hint="We will ask the employer to correct it.",
    missing="Tell us what is wrong with the child's details",
    max_length=1000,
    rows=3,
)
DETAILS_CORRECT = YesNoQuestion(
    name="details_correct",
    label="Are the child's details correct?",
    short_label="Child's details correct",
    missing="Select yes if the child's details are correct",
    inline=False,
    choices=(Choice("yes", "Yes"), Choice("no", "No", reveals=(CORRECTIONS,))),
)
FIT_TO_WORK = YesNoQuestion(
    name="fit_to_work",
    label="Is your child fit to do this work?",
    short_label="Fit to do the work",
    hint="Think about their health, and anything that could make this job unsafe for them "
    "or harm their schooling.",
    missing="Select yes if your child is fit to do this work",
)
CONSENT = YesNoQuestion(
    name="consent",
    label="Do you consent to your child doing this job at these times?",
    short_label="Consent",
    hint="If you say no, we will not issue a permit and we will tell the employer.",
    missing="Select yes if you consent to your child doing this job",
)

STEP = Step(
    "parent-consent",
    "Your consent for your child to work",
    (DETAILS_CORRECT, FIT_TO_WORK, CONSENT),
    intro="An employer has applied to us for a permit to employ your child. Check the "
    "details below. We cannot issue a permit without your consent.",
)


def contact(case: Case) -> PartyContact | None:
    answers = case.answers
    email, mobile = answers.get("parent_email") or None, answers.get("parent_mobile") or None
    if not (email or mobile):
        return None
    return PartyContact(name=facts.parent_name(answers), email=email, mobile=mobile)


def shows(case: Case) -> list[tuple[str, str]]:
    answers = case.answers
    session = facts.session_of(case)
    return [
        ("Child's name", facts.child_name(answers)),
        ("Child's date of birth", facts.long_day(answers["child_date_of_birth"])),
        ("Child's address", facts.address(answers, "child_")),
        ("Child's school", facts.school_name(session, answers)),
        ("Employer", answers.get("business_name", "")),
        ("Job", facts.job_name(session, answers)),
        ("What the child will do", answers.get("tasks", "")),
        ("Place of work", facts.address(answers, "workplace_")),
        ("Supervised by", facts.supervisor(answers)),
        ("Start date", facts.long_day(answers["start_date"])),
        *(
            (
                f"Hours in {period.words}",
                schedules.in_words(schedules.week(answers, period)).replace("\n", "; "),
            )
            for period in schedules.PERIODS
        ),
    ]


def declines(answers: dict[str, Any]) -> bool:
    """No consent, or a child the parent says is not fit for the work: no permit."""
    return answers.get("consent") is False or answers.get("fit_to_work") is False


PARENT = Party(
    name="parent",
    label="Parent's consent",
    step=STEP,
    contact=contact,
    requested_in="awaiting_parent",
    message=m.PARENT_LINK.name,
    shows=shows,
    fires="parent_consented",
    declines=declines,
    declined="parent_declined",
    valid_days=14,
)
