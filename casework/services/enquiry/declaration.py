"""Enquiries: questions the assistant hands to a person, worked in the back-office queue.

Not something people apply for on the web (``apply_online=False``): the assistant creates
them through the API with the conversation's transcript, and an officer replies.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casework import transcripts
from casework.catalogue import Contacts, KeyDate, ServiceDeclaration, Step, register
from casework.models import Case
from casework.services.enquiry import forms
from casework.services.enquiry import messages as m
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
        ),
        Transition(
            "close",
            "Close without a reply",
            ("received",),
            "closed",
            by="officer",
            needs_reason=True,
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


def _answer_rows(answers: dict[str, Any]) -> list[tuple[str, str, str]]:
    # The conversation itself is not a row: the case page shows it turn by turn.
    channel = "Text message" if answers.get("conversation_channel") == "sms" else "Web chat"
    return [
        ("Question", answers.get("question", ""), "question"),
        ("Email", answers.get("email") or "Not given", "contact"),
        ("Mobile", answers.get("mobile") or "Not given", "contact"),
        ("Asked through", f"The assistant ({channel})", "question"),
    ]


def _conversation(answers: dict[str, Any]) -> list[transcripts.Turn]:
    return transcripts.turns(answers.get("transcript"))


def _summary(session: Session) -> str:
    return "Anyone can ask a question; the assistant passes it to our team with the conversation."


def _no_context(session: Session) -> dict[str, Any]:
    return {}


ENQUIRY = register(
    ServiceDeclaration(
        slug=SLUG,
        name="Questions for the team",
        summary="Questions the assistant could not answer, handed to a person.",
        reference_prefix="ENQ",
        steps=(
            Step("question", "What is your question?", forms.EnquiryQuestion),
            Step("contact", "How should we reply?", forms.EnquiryContact),
        ),
        application_model=forms.Enquiry,
        workflow=WORKFLOW,
        contacts=_contacts,
        personalisation=_personalisation,
        target_working_days=2,
        eligibility_summary=_summary,
        validation_context=_no_context,
        key_dates=(KeyDate("Replies", "We reply within 2 working days."),),
        describe=_describe,
        answer_rows=_answer_rows,
        conversation=_conversation,
        submitted_messages=(m.RECEIVED.name,),
        apply_online=False,
    )
)
