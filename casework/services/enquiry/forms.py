"""Enquiry questions: what the person asked, how to reply, and the conversation so far.

The assistant validates the contact step through the API as it asks, so its messages are
the same as every other channel's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import (
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)

from casework import fields as f
from casework.fields import FormModel

MAX_TURNS = 60
MAX_TURN_CHARACTERS = 1000
MAX_QUESTION_CHARACTERS = 2000


class EnquiryQuestion(FormModel):
    question: str = ""

    @field_validator("question", mode="before")
    @classmethod
    def _question(cls, value: Any) -> str:
        return f.text(
            value,
            missing="Enter your question",
            label="Question",
            max_length=MAX_QUESTION_CHARACTERS,
        )


class EnquiryContact(FormModel):
    # Mobile first so the email check can see it: one of the two is needed to reply.
    mobile: str = ""
    email: str = ""

    @field_validator("mobile", mode="before")
    @classmethod
    def _mobile(cls, value: Any) -> str:
        return f.uk_mobile(value) if f.clean_text(value) else ""

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any, info: ValidationInfo) -> str:
        if f.clean_text(value):
            return f.email_address(value)
        if "mobile" in info.data and not info.data["mobile"]:
            raise f.fail("Enter an email address or a mobile number, so we can reply")
        return ""


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


class Enquiry(EnquiryQuestion, EnquiryContact):
    """A whole enquiry, as the assistant (or an officer) sends it."""

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
