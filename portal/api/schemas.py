"""The JSON shapes of API v1: request envelopes and every response body.

Handlers build their answers from these models, and the OpenAPI document is generated from
them, so the document cannot drift from what the API sends.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from casework import fields as f
from casework.fields import FormModel

API_CHANNELS = ("api", "assistant")


# --- Requests ---------------------------------------------------------------------------


class ApplicationRequest(FormModel):
    """A whole application for one service, sent by a partner system or the assistant."""

    service: str = Field("", description="The service's slug, as listed by GET /services.")
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="The answers, in the shape of that service's application.",
    )
    channel: Literal["api", "assistant"] = Field(
        "api", description='Who is applying: "api" for partner systems, "assistant" for the bot.'
    )

    @field_validator("service", mode="before")
    @classmethod
    def _service(cls, value: Any) -> str:
        return f.text(value, missing="Enter the service, like free-school-meals", label="Service")

    @field_validator("answers", mode="before")
    @classmethod
    def _answers(cls, value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise f.fail("Send the answers as a JSON object")
        return value

    @field_validator("channel", mode="before")
    @classmethod
    def _channel(cls, value: Any) -> str:
        value = f.clean_text(value) or "api"
        if value not in API_CHANNELS:
            raise f.fail('Channel must be "api" or "assistant"')
        return value


class StatusQuery(FormModel):
    """The second factor for a status look-up: the date of birth of a child on the application."""

    date_of_birth: date | None = None

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _date_of_birth(cls, value: Any) -> date:
        return f.date_value(
            value, missing="Enter the child's date of birth", label="Date of birth", past=False
        )


# --- Responses --------------------------------------------------------------------------


class Error(BaseModel):
    error: str = Field(description="What went wrong, in plain English.")


class ValidationErrors(BaseModel):
    errors: dict[str, str] = Field(
        description='Field path (e.g. "children.0.first_name") to the message for it, in '
        "GOV.UK style. The same messages the web form shows."
    )


class KeyDateOut(BaseModel):
    label: str
    description: str


class ServiceOut(BaseModel):
    slug: str
    name: str
    summary: str
    eligibility_summary: str = Field(description="Who qualifies, from the rules in force today.")
    key_dates: list[KeyDateOut]
    apply_url: str = Field(description="Where a person applies on the web.")


class ServiceList(BaseModel):
    services: list[ServiceOut]


class EligibilityResult(BaseModel):
    outcome: Literal["eligible", "not_eligible", "parent_not_found", "unavailable"] = Field(
        description='"unavailable" means the check could not be made just now; it is not a '
        "refusal and the person can still apply."
    )
    reasons: list[str]
    eligibility_summary: str
    apply_url: str


class ApplicationCreated(BaseModel):
    reference: str = Field(description="The case reference to quote, like FSM-7K3M-9QXD.")
    status: str
    status_label: str
    next_step: str


class ApplicationStatus(BaseModel):
    reference: str
    service: str
    status: str
    status_label: str
    next_step: str
    submitted_at: datetime
    updated_at: datetime


class GuideOut(BaseModel):
    slug: str
    name: str
    summary: str
    how_to_apply: str = Field(description="How to apply today, in plain language.")
    eligibility_summary: str = Field(description="Who qualifies, from the rules in force today.")
    key_dates: list[KeyDateOut] = Field(description="Closing dates and the like, worked out today.")
    apply_url: str | None = Field(description="Where to apply on the web, if the portal takes it.")


class StepAnswers(FormModel):
    """Some or all of one form step's answers."""

    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers for fields of the step, as the web form or whole application "
        "takes them. Only the fields sent are checked.",
    )

    @field_validator("answers", mode="before")
    @classmethod
    def _answers(cls, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise f.fail("Send at least one answer as a JSON object")
        return value


class StepValidated(BaseModel):
    answers: dict[str, Any] = Field(
        description="The answers sent, as the portal stores them (e.g. dates as YYYY-MM-DD, "
        "postcodes in capitals)."
    )


class SchoolOut(BaseModel):
    urn: str
    name: str
    phase: str


class SchoolList(BaseModel):
    schools: list[SchoolOut]


class PrefillRequest(FormModel):
    service: str = Field("", description="The service's slug.")
    answers: dict[str, Any] = Field(default_factory=dict, description="Answers given so far.")

    @field_validator("service", mode="before")
    @classmethod
    def _service(cls, value: Any) -> str:
        return f.text(value, missing="Enter the service, like free-school-meals", label="Service")

    @field_validator("answers", mode="before")
    @classmethod
    def _answers(cls, value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise f.fail("Send the answers as a JSON object")
        return value


class PrefillLink(BaseModel):
    url: str = Field(description="Opens the web form with the answers that were valid filled in.")
    expires_in_seconds: int


class EnquiryCreated(BaseModel):
    reference: str
    status_label: str
    reply_by: date
    next_step: str = Field(description="When and how the person will hear back.")


RESPONSE_MODELS: tuple[type[BaseModel], ...] = (
    Error,
    ValidationErrors,
    ServiceList,
    EligibilityResult,
    ApplicationCreated,
    ApplicationStatus,
    GuideOut,
    StepValidated,
    SchoolList,
    PrefillLink,
    EnquiryCreated,
)
