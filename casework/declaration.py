"""What a service declares: the one description of it that every channel reads.

A service is a folder under ``casework/services/`` whose ``ServiceDeclaration`` says what it
asks (its form), how a case moves (its workflow), whom it tells what (its messages), and
the hooks where services differ: the status look-up's second factor, evidence, extra
sections on the officer's case page, background tasks, guide text and rule data. Channel
code reads these; it never branches on which service it is serving.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from casework.calendars import add_working_days
from casework.clocks import Clock
from casework.messages import Message
from casework.models import Case
from casework.parties import Party
from casework.questions import Form, FormContext, Question, Step, validation_context
from casework.rules import DefaultRule
from casework.transcripts import Turn
from casework.workflow import Workflow


@dataclass(frozen=True)
class KeyDate:
    label: str
    description: str


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


def answers_at(answers: Any, path: str) -> list[Any]:
    """Values at a dotted path, where "*" walks every item of a list ("employers.*.name")."""
    values = [answers]
    for part in path.split("."):
        found: list[Any] = []
        for value in values:
            if part == "*" and isinstance(value, list):
                found.extend(value)
            elif isinstance(value, dict) and part in value:
                found.append(value[part])
        values = found
    return values


@dataclass(frozen=True)
class SecondFactor:
    """How a person proves an application is theirs when they look it up by reference.

    ``question`` reads what they type (with its own messages); it matches when it equals
    any answer at ``paths``. The API and the assistant call it the ``second_factor``.
    """

    question: Question
    paths: tuple[str, ...]
    # The words the API and the assistant use to ask for it.
    prompt: str

    def read(self, value: Any) -> str:
        """What the person typed, normalised for comparison; raises the question's error."""
        read = self.question.read(value, FormContext())
        return read.isoformat() if isinstance(read, date) else str(read)

    def matches(self, answers: dict[str, Any], given: str) -> bool:
        stored = {str(v).strip().upper() for path in self.paths for v in answers_at(answers, path)}
        return given.strip().upper() in stored


@dataclass(frozen=True)
class Evidence:
    """Documents an applicant sends to their own case."""

    # States in which the applicant may upload; an upload in the first moves the case on.
    accepted_in: tuple[str, ...]
    # The transition (by the citizen) an upload makes, or None to just record it.
    fires: str | None
    # What the upload page tells the applicant to send.
    hint: str = "Send a photo or scan of what we asked for."
    # Working days the applicant has to send it, counted from the day it was asked for.
    send_within_working_days: int | None = None

    def send_by(self, asked_on: date) -> date | None:
        if self.send_within_working_days is None:
            return None
        return add_working_days(asked_on, self.send_within_working_days)


@dataclass(frozen=True)
class CheckAnswer:
    outcome: str  # e.g. "eligible", "not_eligible", "unavailable"
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class QuickCheck:
    """A "do I qualify?" a person can ask before applying (the API and the assistant).

    ``run`` may call an outside service, so channels call it outside any transaction, and
    only once the person has agreed to ``consent``.
    """

    questions: type[BaseModel]
    run: Callable[[BaseModel], CheckAnswer]
    consent: str


@dataclass(frozen=True)
class CaseSection:
    """A part of the officer's case page a service adds (e.g. its eligibility checks).

    ``template`` names a template under ``templates/backoffice/sections/``; ``load``
    gives its context.
    """

    title: str
    template: str
    load: Callable[[Session, Case], dict[str, Any]]


@dataclass(frozen=True)
class Task:
    """Background work a service does, run by the worker; takes ids, never objects."""

    name: str
    run: Callable[..., Any]


@dataclass(frozen=True)
class Schedule:
    """A task the worker's beat runs every so often."""

    name: str
    task: str
    every_seconds: float


@dataclass(frozen=True)
class Guide:
    """How to apply, in plain words, and the dates that matter; read by the guide API and
    the assistant. ``how_to_apply`` may contain {apply_url}."""

    how_to_apply: str
    key_dates: tuple[KeyDate, ...] = ()
    # Dates worked out for a given day (e.g. the next closing date).
    dates: Callable[[date], tuple[KeyDate, ...]] | None = None

    def dates_on(self, today: date) -> tuple[KeyDate, ...]:
        return self.key_dates + (self.dates(today) if self.dates else ())


def text_beside(module_file: str, name: str) -> str:
    """A content file (Markdown) kept in the service's own folder."""
    return (Path(module_file).parent / name).read_text(encoding="utf-8").strip()


def _no_rows(answers: dict[str, Any]) -> str:
    return ""


@dataclass(frozen=True, kw_only=True)
class ServiceDeclaration:
    slug: str  # URL and API name, e.g. "child-employment"
    name: str
    summary: str
    reference_prefix: str
    form: Form
    workflow: Workflow
    contacts: Callable[[Case], Contacts]
    personalisation: Callable[[Case], dict[str, Any]]
    # Plain-language "who qualifies", built from the rule version in force.
    eligibility_summary: Callable[[Session], str]
    guide: Guide
    # Every message the service sends; the catalogue stamps the service and the events.
    messages: tuple[Message, ...] = ()
    # Messages sent when an application arrives.
    submitted_messages: tuple[str, ...] = ()
    status_check: SecondFactor | None = None
    quick_check: QuickCheck | None = None
    evidence: Evidence | None = None
    case_sections: tuple[CaseSection, ...] = ()
    tasks: tuple[Task, ...] = ()
    # Tasks (by name) to start once a submission commits, given the case id.
    after_submit_tasks: tuple[str, ...] = ()
    schedules: tuple[Schedule, ...] = ()
    default_rules: tuple[DefaultRule, ...] = ()
    # Statutory and target clocks (casework.clocks); the first is the one whose due date
    # the applicant is promised.
    clocks: tuple[Clock, ...] = ()
    # Other people's parts, answered online through a link (casework.parties).
    parties: tuple[Party, ...] = ()
    # Markdown for the start page ("before you start") and the confirmation page ("what
    # happens next"); {eligibility_summary} and {council_name} are filled in.
    start_page: str = ""
    confirmation_page: str = ""
    # Markdown for the privacy notice: what the service does with people's answers, whom it
    # shares them with and how long it keeps them.
    privacy_notice: str = ""
    # Short lines for the case list: e.g. the people it is for.
    describe: Callable[[dict[str, Any]], str] = field(default=_no_rows)
    # For cases that come with a conversation (enquiries the assistant hands over).
    conversation: Callable[[dict[str, Any]], list[Turn]] | None = None
    # False for services people do not apply for on the web (e.g. enquiries the assistant
    # hands to a person): no start page, not on the home page or in GET /api/v1/services.
    apply_online: bool = True
    # Officers may key in a paper or phone application.
    paper_form: bool = True
    # False for a service anyone may use without an account (e.g. reporting a concern,
    # anonymously if they wish): the web journey keeps a visitor's answers in their browser
    # session rather than in a saved draft, and their case belongs to no account.
    sign_in_required: bool = True
    # For a service that is not an application (a report, a notification): the start
    # page's heading and the confirmation's title. Blank: "Apply for …", "Application complete".
    start_title: str = ""
    sent_title: str = ""
    # What the person is sending, as check-your-answers names it ("your report").
    noun: str = "application"
    # False when the first clock is the council's own working target rather than a date to
    # give the person (e.g. an investigation's first visit): no "we aim to decide by".
    tells_due_date: bool = True

    def __post_init__(self) -> None:
        names = [message.name for message in self.messages]
        sent = (
            set(self.submitted_messages)
            | {name for t in self.workflow.transitions for name in (*t.messages, *t.effects_send)}
            | {party.message for party in self.parties}
        )
        unknown = sent - set(names)
        if unknown:
            raise ValueError(f"{self.slug} sends undeclared messages: {sorted(unknown)}")
        if self.evidence and self.evidence.fires:
            self.workflow.transition(self.evidence.fires)
        stamped = tuple(
            dataclasses.replace(message, service=self.slug, sent_on=self._events_sending(message))
            for message in self.messages
        )
        object.__setattr__(self, "messages", stamped)

    def _events_sending(self, message: Message) -> tuple[str, ...]:
        events: tuple[str, ...] = (
            ("application received",) if message.name in self.submitted_messages else ()
        )
        events += tuple(
            f"link sent to {party.label.lower()}"
            for party in self.parties
            if party.message == message.name
        )
        return events + tuple(
            t.name
            for t in self.workflow.transitions
            if message.name in t.messages or message.name in t.effects_send
        )

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.form.steps

    @property
    def application_model(self) -> type[BaseModel]:
        return self.form.application_model

    def party(self, name: str) -> Party | None:
        return next((party for party in self.parties if party.name == name), None)

    def step(self, slug: str) -> Step:
        return self.form.step(slug)

    def task(self, name: str) -> Task:
        for task in self.tasks:
            if task.name == name:
                return task
        raise KeyError(name)

    def validate(self, session: Session | None, answers: dict[str, Any]) -> BaseModel:
        """Validate a whole application; raises pydantic's ValidationError."""
        return self.application_model.model_validate(
            answers, context=validation_context(FormContext(session))
        )

    def validate_step(
        self,
        session: Session | None,
        step: Step,
        answers: dict[str, Any],
        earlier: dict[str, Any] | None = None,
    ) -> BaseModel:
        """``earlier``: the answers already given on other steps, for checks across steps."""
        return step.model.model_validate(
            answers, context=validation_context(FormContext(session, earlier))
        )
