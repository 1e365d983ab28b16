"""Enquiry questions: what the person asked, how to reply, and the conversation so far.

The assistant validates the contact step through the API as it asks, so its messages are
the same as every other channel's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, ValidationError, ValidatorFunctionWrapHandler, field_validator

from casework import fields as f
from casework.fields import FormModel
from casework.questions import (
    EmailQuestion,
    Form,
    FormContext,
    MobileQuestion,
    Step,
    TextareaQuestion,
)

MAX_TURNS = 60
MAX_TURN_CHARACTERS = 1000
MAX_QUESTION_CHARACTERS = 2000


QUESTION = TextareaQuestion(
    name="question",
    label="What is your question?",
    short_label="Question",
    missing="Enter your question",
    max_length=MAX_QUESTION_CHARACTERS,
)
EMAIL = EmailQuestion(name="email", label="Email address", optional=True)
MOBILE = MobileQuestion(
    name="mobile", label="UK mobile number", short_label="Mobile", optional=True
)


def _one_way_to_reply(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    if not answers.get("email") and not answers.get("mobile"):
        return {"email": "Enter an email address or a mobile number, so we can reply"}
    return {}


class TranscriptTurn(FormModel):
    speaker: Literal["person", "assistant"] = "person"
    text: str = ""
    # When it was said, if the assistant knows (ISO 8601, or Unix seconds as Rasa's events
    # carry them). Left out of the stored answers when not given, so a turn without a time
    # is stored exactly as before.
    at: datetime | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="When it was said: ISO 8601 or Unix seconds. Optional.",
    )

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        # Long turns are cut rather than refused: the hand-over must not fail on them.
        return f.clean_text(value)[:MAX_TURN_CHARACTERS]

    @field_validator("at", mode="wrap")
    @classmethod
    def _at(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> datetime | None:
        # A time we cannot read is dropped, not refused, for the same reason.
        try:
            return handler(value)
        except ValidationError:
            return None


class FromTheAssistant(FormModel):
    """What the assistant sends with an enquiry besides the questions people answer."""

    name: str = ""
    conversation_channel: Literal["web", "sms"] = "web"
    transcript: list[TranscriptTurn] = Field(default_factory=list)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str:
        return f.optional_text(value, label="Name")

    @field_validator("conversation_channel", mode="before")
    @classmethod
    def _channel(cls, value: Any) -> str:
        value = f.clean_text(value) or "web"
        if value not in ("web", "sms"):
            raise f.fail('Conversation channel must be "web" or "sms"')
        return value

    @field_validator("transcript", mode="after")
    @classmethod
    def _transcript(cls, value: list[TranscriptTurn]) -> list[TranscriptTurn]:
        # The latest turns matter most to the officer.
        return value[-MAX_TURNS:]


def _reply_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    channel = "Text message" if answers.get("conversation_channel") == "sms" else "Web chat"
    return [
        ("Email", answers.get("email") or "Not given"),
        ("Mobile", answers.get("mobile") or "Not given"),
        ("Asked through", f"The assistant ({channel})"),
    ]


FORM = Form(
    steps=(
        Step("question", "What is your question?", (QUESTION,)),
        Step(
            "contact",
            "How should we reply?",
            (MOBILE, EMAIL),
            check=_one_way_to_reply,
            rows=_reply_rows,
        ),
    ),
    extra=FromTheAssistant,
)
