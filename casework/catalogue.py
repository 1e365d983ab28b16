"""The service catalogue: one declaration per service, read by every channel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from casework.clocks import add_working_days
from casework.models import Case
from casework.transcripts import Turn
from casework.workflow import Workflow


@dataclass(frozen=True)
class Step:
    """One page of the web journey: a slug, a question and the model that validates it."""

    slug: str
    title: str
    model: type[BaseModel]
    # A step asked once per item (e.g. each child) stores a list under this answer key.
    repeat_field: str | None = None
    max_items: int = 10


@dataclass(frozen=True)
class KeyDate:
    label: str
    description: str


CONTACT_PREFERENCES = {
    "email": "Email",
    "sms": "Text message",
    "both": "Email and text message",
    "post": "Letter by post",
}


@dataclass(frozen=True)
class Contacts:
    """Who the applicant is and how to reach them, read from a case's answers."""

    name: str
    email: str | None = None
    mobile: str | None = None
    # email, sms, both or post; blank means "whatever they gave us".
    preference: str = ""
    # Postal address lines, the last a postcode, for letters.
    address: tuple[str, ...] = ()

    def channels(self) -> tuple[str, ...]:
        """The channels an outcome goes by, in the order a fallback tries them."""
        wanted = self.preference or (
            "both" if self.email and self.mobile else "email" if self.email else "sms"
        )
        chosen: list[str] = []
        if wanted == "post" and len(self.address) >= 2:
            return ("letter",)
        if wanted in ("email", "both") and self.email:
            chosen.append("email")
        if wanted in ("sms", "both") and self.mobile:
            chosen.append("sms")
        if not chosen and self.email:
            chosen.append("email")
        if not chosen and self.mobile:
            chosen.append("sms")
        # A letter for people we cannot reach otherwise, or who asked for one.
        if not chosen and len(self.address) >= 2:
            chosen.append("letter")
        return tuple(chosen)

    def fallbacks_after(self, channel: str) -> tuple[str, ...]:
        """Channels to try, in order, when a message by ``channel`` permanently fails."""
        order = ("email", "sms", "letter")
        have = {
            "email": bool(self.email),
            "sms": bool(self.mobile),
            "letter": len(self.address) >= 2,
        }
        later = order[order.index(channel) + 1 :] if channel in order else ()
        return tuple(c for c in later if have[c])

    def letter_address(self) -> dict[str, str]:
        """Notify's address_line_1..7: the name, then the address, the postcode last."""
        lines = [self.name, *self.address][:7]
        return {f"address_line_{n}": line for n, line in enumerate(lines, start=1)}


@dataclass(frozen=True)
class ServiceDeclaration:
    slug: str  # URL and API name, e.g. "free-school-meals"
    name: str
    summary: str
    reference_prefix: str
    steps: tuple[Step, ...]
    application_model: type[BaseModel]  # the strict model for a whole submission
    workflow: Workflow
    contacts: Callable[[Case], Contacts]
    personalisation: Callable[[Case], dict[str, Any]]
    # Working days an officer has to decide once a case needs a person.
    target_working_days: int
    # Plain-language "who qualifies", built from the rule version in force.
    eligibility_summary: Callable[[Session], str]
    # Data the validators need from the database (e.g. the council's school list).
    validation_context: Callable[[Session], dict[str, Any]]
    key_dates: tuple[KeyDate, ...] = ()
    # Short lines for the case list: e.g. the children's names.
    describe: Callable[[dict[str, Any]], str] = field(default=lambda answers: "")
    # Human labels for answers on check-your-answers and the officer's case page.
    answer_rows: Callable[[dict[str, Any]], list[tuple[str, str, str]]] = field(
        default=lambda answers: []
    )
    # For cases that come with a conversation (enquiries the assistant hands over): its
    # turns, which the case page shows as a conversation rather than as one answer.
    conversation: Callable[[dict[str, Any]], list[Turn]] | None = None
    submitted_messages: tuple[str, ...] = ()
    # Background tasks (by name) to start once a submission commits, given the case id.
    after_submit_tasks: tuple[str, ...] = ()
    # False for services people do not apply for on the web (e.g. enquiries the assistant
    # hands to a person): no start page, not on the home page or in GET /api/v1/services.
    apply_online: bool = True

    def step(self, slug: str) -> Step:
        for step in self.steps:
            if step.slug == slug:
                return step
        raise KeyError(slug)

    def due_date(self, start: date) -> date:
        return add_working_days(start, self.target_working_days)

    def validate(self, session: Session, answers: dict[str, Any]) -> BaseModel:
        """Validate a whole application; raises pydantic's ValidationError."""
        return self.application_model.model_validate(
            answers, context=self.validation_context(session)
        )

    def validate_step(self, session: Session, step: Step, answers: dict[str, Any]) -> BaseModel:
        return step.model.model_validate(answers, context=self.validation_context(session))


_REGISTRY: dict[str, ServiceDeclaration] = {}


def register(service: ServiceDeclaration) -> ServiceDeclaration:
    if service.slug in _REGISTRY:
        raise ValueError(f"Service {service.slug} is declared twice")
    _REGISTRY[service.slug] = service
    return service


def get_service(slug: str) -> ServiceDeclaration:
    _load()
    return _REGISTRY[slug]


def find_service(slug: str) -> ServiceDeclaration | None:
    _load()
    return _REGISTRY.get(slug)


def all_services() -> list[ServiceDeclaration]:
    _load()
    return list(_REGISTRY.values())


def _load() -> None:
    # Declarations register themselves on import; importing the package loads them all.
    import casework.services  # noqa: F401
