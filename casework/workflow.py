"""Case states and transitions, declared as data, and the one function that moves a case.

A service declares its workflow (states, transitions, the actor allowed for each, guards,
messages). ``apply_transition`` locks the case row, checks the move, writes the event and
any outbox messages in the caller's transaction, and raises on an illegal move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import Case, CaseEvent

if TYPE_CHECKING:
    from casework.declaration import ServiceDeclaration

ActorKind = Literal["citizen", "officer", "system", "api"]


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    label: str
    id: int | None = None
    roles: frozenset[str] = frozenset()

    def may_work_on(self, service_slug: str) -> bool:
        return self.kind == "officer" and ("admin" in self.roles or service_slug in self.roles)

    def may_authorise(self, service_slug: str) -> bool:
        """An officer the council has authorised to make the service's statutory decisions
        (role ``<service>:authorise``). Being an administrator is not enough: the law names
        an authorised officer, and the council decides who that is."""
        return self.may_work_on(service_slug) and authoriser_role(service_slug) in self.roles


def authoriser_role(service_slug: str) -> str:
    return f"{service_slug}:authorise"


SYSTEM = Actor(kind="system", label="Portal (automatic)")


@dataclass(frozen=True)
class State:
    name: str
    label: str  # what officers and citizens see, e.g. "Awarded"
    next_step: str  # what happens next, in plain English, for the citizen
    tag_colour: str = "blue"  # govuk-tag modifier
    open: bool = True  # counts towards queues and clocks


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the button or action text, e.g. "Approve the application"
    sources: tuple[str, ...]
    target: str
    by: ActorKind  # only this kind of actor may make the move
    needs_reason: bool = False
    # Returns why the move is not allowed now, or None. Sees the locked case.
    guard: Callable[[Case], str | None] | None = None
    messages: tuple[str, ...] = ()  # message names sent to the applicant
    # Anything else the move must do in the same transaction (e.g. tell a third party),
    # and the messages those effects send, so every message knows what sends it.
    effects: tuple[Callable[[Session, Case], None], ...] = ()
    effects_send: tuple[str, ...] = ()
    # A statutory decision (e.g. granting a licence): one officer prepares the case (the
    # move into this transition's source state) and a different, authorised officer makes
    # it (``Actor.may_authorise``); the event records both.
    authorised: bool = False
    # The question above the officer's reason box, and the error when it is left empty.
    reason_prompt: str = ""
    reason_missing: str = ""
    # The question above the optional note on a move that needs no reason (e.g. what
    # evidence the officer saw before an award). A note stays on the case record: it is
    # kept on the event and never sent to the applicant.
    note_prompt: str = "Add a note for the case record (optional)"

    @property
    def prompt(self) -> str:
        return self.reason_prompt or f"Why do you want to {self.label.lower()}?"

    @property
    def missing_reason(self) -> str:
        return self.reason_missing or f"Enter a reason to {self.label.lower()}"


@dataclass(frozen=True)
class Workflow:
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    _by_name: dict[str, Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = {state.name for state in self.states}
        if self.initial not in names:
            raise ValueError(f"Initial state {self.initial} is not declared")
        for transition in self.transitions:
            unknown = {*transition.sources, transition.target} - names
            if unknown:
                raise ValueError(f"Transition {transition.name} uses undeclared {unknown}")
        object.__setattr__(self, "_by_name", {t.name: t for t in self.transitions})

    def state(self, name: str) -> State:
        for state in self.states:
            if state.name == name:
                return state
        raise KeyError(name)

    def transition(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise IllegalTransition(f"There is no action called {name!r}") from None

    def available(self, status: str, actor_kind: ActorKind) -> list[Transition]:
        return [t for t in self.transitions if status in t.sources and t.by == actor_kind]

    @property
    def open_states(self) -> tuple[str, ...]:
        return tuple(state.name for state in self.states if state.open)


class IllegalTransition(Exception):
    """A move the workflow does not allow: wrong state, wrong actor, or a guard said no."""


def lock_case(session: Session, case_id: int) -> Case:
    # FOR UPDATE serialises concurrent decisions on PostgreSQL; SQLite locks the whole file.
    case = session.scalars(select(Case).where(Case.id == case_id).with_for_update()).one()
    return case


def record_event(
    session: Session,
    case: Case,
    actor: Actor,
    action: str,
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case.id,
        action=action,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_label=actor.label,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        data=data or {},
    )
    session.add(event)
    return event


def _authorisation(
    session: Session,
    service: ServiceDeclaration,
    case: Case,
    transition: Transition,
    actor: Actor,
) -> dict[str, Any]:
    """Check the actor may make a statutory decision; the preparer, for the record."""
    if not actor.may_authorise(service.slug):
        raise IllegalTransition(
            f"Only an officer authorised to decide {service.name} cases may "
            f"{transition.label.lower()}"
        )
    prepared = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.to_status == case.status)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    # Only a preparation binds: after a decision (say, an approval) the next statutory
    # decision (a revocation) may be made by the officer who made the first.
    if prepared is None or prepared.actor_kind != "officer" or "authorised_by" in prepared.data:
        return {"authorised_by": actor.label}
    if prepared.actor_id is not None and prepared.actor_id == actor.id:
        raise IllegalTransition(
            f"You prepared this case, so another authorised officer must {transition.label.lower()}"
        )
    return {"prepared_by": prepared.actor_label, "authorised_by": actor.label}


def apply_transition(
    session: Session,
    service: ServiceDeclaration,
    case_id: int,
    transition_name: str,
    actor: Actor,
    *,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> Case:
    # Local imports: outbox needs the catalogue, and clocks and parties the declarations,
    # which need us.
    from casework import clocks, outbox, parties

    transition = service.workflow.transition(transition_name)
    case = lock_case(session, case_id)
    if case.service != service.slug:
        raise IllegalTransition(f"Case {case.reference} is not a {service.name} case")
    if actor.kind != transition.by:
        raise IllegalTransition(f"{actor.kind} may not {transition.label.lower()}")
    if actor.kind == "officer" and not actor.may_work_on(service.slug):
        raise IllegalTransition(f"{actor.label} does not work on {service.name}")
    if case.status not in transition.sources:
        current = service.workflow.state(case.status).label
        raise IllegalTransition(f"Cannot {transition.label.lower()}: the case is {current.lower()}")
    reason = (reason or "").strip() or None
    if transition.needs_reason and not reason:
        raise IllegalTransition(f"Give a reason to {transition.label.lower()}")
    if transition.guard is not None:
        refusal = transition.guard(case)
        if refusal:
            raise IllegalTransition(refusal)
    if transition.authorised:
        data = {**(data or {}), **_authorisation(session, service, case, transition, actor)}

    from_status = case.status
    case.status = transition.target
    if not service.workflow.state(transition.target).open:
        case.next_check_at = None
    clocks.after_move(session, service, case, from_status, transition.target, clocks.today())
    record_event(
        session,
        case,
        actor,
        transition.name,
        from_status=from_status,
        to_status=transition.target,
        reason=reason,
        data=data,
    )
    for message_name in transition.messages:
        outbox.queue_for_case(session, service, case, message_name, reason=reason)
    for effect in transition.effects:
        effect(session, case)
    parties.after_move(session, service, case, transition.target)
    session.flush()
    return case
