"""The JSON shapes of API v1: request envelopes and every response body.

Handlers build their answers from these models, and the OpenAPI document is generated from
them, so the document cannot drift from what the API sends.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from casework import fields as f
from casework.fields import FormModel

API_CHANNELS = ("api", "assistant")
SERVICE_MISSING = "Enter the service, as its slug from GET /api/v1/services"


# --- Requests ---------------------------------------------------------------------------


class ServiceAnswers(FormModel):
    """Answers for one service, named by its slug: the envelope of a creating request."""

    service: str = Field("", description="The service's slug, as listed by GET /services.")
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="The answers, in the shape of that service's application.",
    )

    @field_validator("service", mode="before")
    @classmethod
    def _service(cls, value: Any) -> str:
        return f.text(value, missing=SERVICE_MISSING, label="Service")

    @field_validator("answers", mode="before")
    @classmethod
    def _answers(cls, value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise f.fail("Send the answers as a JSON object")
        return value


class ApplicationRequest(ServiceAnswers):
    """A whole application for one service, sent by a partner system or the assistant."""

    channel: Literal["api", "assistant"] = Field(
        "api", description='Who is applying: "api" for partner systems, "assistant" for the bot.'
    )

    @field_validator("channel", mode="before")
    @classmethod
    def _channel(cls, value: Any) -> str:
        value = f.clean_text(value) or "api"
        if value not in API_CHANNELS:
            raise f.fail('Channel must be "api" or "assistant"')
        return value


# --- Responses --------------------------------------------------------------------------


class Error(BaseModel):
    error: str = Field(description="What went wrong, in plain English.")


class ValidationErrors(BaseModel):
    errors: dict[str, str] = Field(
        description='Field path (e.g. "items.0.first_name" for the first item of an "add '
        'another" list) to the message for it, in GOV.UK style. The same messages the web '
        "form shows."
    )


class KeyDateOut(BaseModel):
    label: str
    description: str


class StatusCheckOut(BaseModel):
    prompt: str = Field(
        description="What to ask for as the `second_factor` of a status look-up, in words to "
        'follow "Tell me", e.g. "the email address you gave us for the reply".'
    )
    label: str = Field(description="A short label for the answer, e.g. for a form field.")
    component: str = Field(description='The GOV.UK component that asks it, e.g. "date".')


class QuickCheckOut(BaseModel):
    url: str = Field(description="Where to POST the questions, with `consent`, to check.")
    consent: str = Field(
        description="What the check sends and to whom. Show it and ask the person to agree "
        'before sending `"consent": true`.'
    )


class ServiceOut(BaseModel):
    slug: str
    name: str
    summary: str
    reference_prefix: str = Field(description="How the service's references begin.")
    eligibility_summary: str = Field(description="Who qualifies, from the rules in force today.")
    key_dates: list[KeyDateOut]
    apply_url: str = Field(description="Where a person applies on the web.")
    steps_url: str = Field(description="The form's steps and each step's JSON schema.")
    status_check: StatusCheckOut | None = Field(
        description="How a person proves an application is theirs when looking it up."
    )
    quick_check: QuickCheckOut | None = Field(
        description='A "do I qualify?" check a person can make before applying, if any.'
    )


class ServiceList(BaseModel):
    services: list[ServiceOut]


class QuickCheckQuestions(BaseModel):
    service: str
    consent: str = Field(
        description='What the check sends and to whom; the body must say `"consent": true`.'
    )
    questions: dict[str, Any] = Field(
        description="The JSON schema of the questions, with GOV.UK components (x-component)."
    )


class EligibilityResult(BaseModel):
    outcome: str = Field(
        description='The service\'s outcome, e.g. "eligible" or "not_eligible". '
        '"unavailable" means the check could not be made just now; it is not a refusal and '
        "the person can still apply."
    )
    reasons: list[str]
    eligibility_summary: str
    apply_url: str


class ApplicationCreated(BaseModel):
    reference: str = Field(description="The case reference to quote, like ABC-7K3M-9QXD.")
    status: str
    status_label: str
    next_step: str


class ApplicationStatus(BaseModel):
    reference: str
    service: str
    status: str
    status_label: str
    next_step: str
    decide_by: str = Field(
        "",
        description="While the case is open, the date we aim to decide by, as the status page "
        'says it ("We aim to decide by 14 December 2026."); empty once it is decided.',
    )
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
    reference_prefix: str | None = Field(
        None, description="How its references begin, for services the portal handles."
    )
    status_check: StatusCheckOut | None = Field(
        None, description="What a status look-up asks for, for services the portal handles."
    )
    quick_check: QuickCheckOut | None = Field(
        None, description='A "do I qualify?" check before applying, if the service has one.'
    )


class RepeatOut(BaseModel):
    key: str = Field(description="The answer holding the list, e.g. in the application.")
    noun: str
    plural: str
    min_items: int
    max_items: int


class StepOut(BaseModel):
    slug: str
    title: str
    repeat: RepeatOut | None = Field(
        description='For an "add another" step: the list its answers go in, one item each.'
    )
    schema_: dict[str, Any] = Field(
        alias="schema",
        serialization_alias="schema",
        description="The step's JSON schema: each question with its label (title), hint "
        "(description), GOV.UK component (x-component), choices (enum, x-choices) and "
        "x-optional.",
    )

    model_config = {"populate_by_name": True}


class StepList(BaseModel):
    service: str
    steps: list[StepOut] = Field(description="In the order the web form asks them.")


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


class PrefillRequest(ServiceAnswers):
    """Some of an application's answers: those given so far."""


class PrefillLink(BaseModel):
    url: str = Field(description="Opens the web form with the answers that were valid filled in.")
    expires_in_seconds: int


class EnquiryCreated(BaseModel):
    reference: str
    status_label: str
    reply_by: date
    next_step: str = Field(description="When and how the person will hear back.")


class BreachOut(BaseModel):
    rule: str = Field(description='A stable code for the rule, e.g. "saturday_limit".')
    message: str = Field(description="What is wrong and what the limit is, in plain English.")


class RuleCheckResult(BaseModel):
    """A rule check's answer. Some checks add more (e.g. which exemption applies)."""

    model_config = ConfigDict(extra="allow")

    legal: bool = Field(description="True when nothing breaks a rule.")
    breaches: list[BreachOut] = Field(description="Each rule the proposal breaks, if any.")
    warnings: list[BreachOut] = Field(
        default_factory=list,
        description="Things to know that do not make the proposal illegal; left out if none.",
    )


class RuleListOut(BaseModel):
    check: str = Field(description="The rule check the list belongs to.")
    name: str = Field(description='The list\'s name, e.g. "occupations".')
    summary: str
    items: list[dict[str, Any]] = Field(description="The list's items, as in force today.")


class ChaperoneRegisterEntry(BaseModel):
    """What the chaperone register says about one approval, and nothing else."""

    approval_number: str = Field(description='The approval number, e.g. "CH-2026-0042".')
    status: Literal["approved", "expired", "suspended", "revoked"] = Field(
        description="Whether the approval stands today."
    )
    approved_until: date = Field(description="The last day the approval is (or was) valid.")


RESPONSE_MODELS: tuple[type[BaseModel], ...] = (
    Error,
    ValidationErrors,
    ServiceList,
    QuickCheckQuestions,
    EligibilityResult,
    ApplicationCreated,
    ApplicationStatus,
    GuideOut,
    StepValidated,
    StepList,
    SchoolList,
    PrefillLink,
    EnquiryCreated,
    RuleCheckResult,
    RuleListOut,
    ChaperoneRegisterEntry,
)
