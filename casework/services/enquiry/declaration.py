"""Enquiries: questions the assistant hands to a person, worked in the back-office queue.

Not something people apply for on the web (``apply_online=False``): the assistant creates
them through the API with the conversation's transcript, and an officer replies.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework import transcripts
from casework.clocks import Clock
from casework.declaration import (
    Contacts,
    Guide,
    KeyDate,
    SecondFactor,
    ServiceDeclaration,
)
from casework.models import Case
from casework.questions import EmailQuestion
from casework.services.enquiry import messages as m
from casework.services.enquiry.questions import FORM
from casework.workflow import State, Transition, Workflow

SLUG = "enquiry"

WORKFLOW = Workflow(
    initial="received",
    states=(
        State(
            "received",
            "Waiting for a reply",
            "Someone from our team will reply to your question.",
            "blue",
        ),
        State("answered", "Replied", "We have replied to your question.", "green", open=False),
        State(
            "closed",
            "Closed",
            "This question is closed. Ask the assistant again if you still need help.",
            "grey",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            "reply",
            "Reply",
            ("received",),
            "answered",
            by="officer",
            needs_reason=True,
            messages=(m.ANSWERED.name,),
            reason_prompt="Your reply",
            reason_missing="Enter your reply",
        ),
        Transition(
            "close",
            "Close without a reply",
            ("received",),
            "closed",
            by="officer",
            needs_reason=True,
            reason_prompt="Why are you closing it without a reply?",
            reason_missing="Enter why you are closing it without a reply",
        ),
    ),
)


def _contacts(case: Case) -> Contacts:
    answers = case.answers
    return Contacts(
        name=answers.get("name") or "Person who asked the assistant",
        email=answers.get("email") or None,
        mobile=answers.get("mobile") or None,
    )


def _long_date(case: Case) -> str:
    return case.due_on.strftime("%A %-d %B %Y") if case.due_on else ""


def _personalisation(case: Case) -> dict[str, Any]:
    return {"reference": case.reference, "due_date": _long_date(case)}


def reply_promise(case: Case) -> str:
    """When and how the person will hear back, in the words the assistant repeats."""
    answers = case.answers
    how = (
        f"by email to {answers['email']}"
        if answers.get("email")
        else f"by text message to {answers.get('mobile', '')}"
    )
    return f"Someone from our team will reply {how} by {_long_date(case)}."


def _describe(answers: dict[str, Any]) -> str:
    question = answers.get("question", "")
    return question if len(question) <= 60 else question[:57] + "..."


def _conversation(answers: dict[str, Any]) -> list[transcripts.Turn]:
    return transcripts.turns(answers.get("transcript"))


def _summary(session: Session) -> str:
    return "Anyone can ask a question; the assistant passes it to our team with the conversation."


ENQUIRY = ServiceDeclaration(
    slug=SLUG,
    name="Questions for the team",
    summary="Questions the assistant could not answer, handed to a person.",
    reference_prefix="ENQ",
    form=FORM,
    workflow=WORKFLOW,
    contacts=_contacts,
    personalisation=_personalisation,
    clocks=(
        Clock(
            "reply",
            "Reply",
            2,
            "working_days",
            rule="Council target: reply to a question within 2 working days.",
        ),
    ),
    eligibility_summary=_summary,
    guide=Guide(
        how_to_apply="Ask the assistant, and ask it to pass your question to a person.",
        key_dates=(KeyDate("Replies", "We reply within 2 working days."),),
    ),
    messages=m.ALL,
    submitted_messages=(m.RECEIVED.name,),
    # The person proves it is their question with the email address they gave.
    status_check=SecondFactor(
        question=EmailQuestion(
            name="second_factor", label="Email address", missing="Enter the email address"
        ),
        paths=("email",),
        prompt="the email address you gave us for the reply",
    ),
    describe=_describe,
    conversation=_conversation,
    apply_online=False,
    paper_form=False,
)
