"""The services the assistant knows, read from bot/services/<slug>.yml.

Nothing here names a service: a new one is a YAML file (its intents, forms, and which of
the portal's form steps and fields each slot fills) plus its training data. The actions
take the service from the form that is (or was last) active.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rasa_sdk import Tracker
from ruamel.yaml import YAML

from actions.benefits import Benefit

SERVICES_DIR = Path(__file__).resolve().parent.parent / "services"
APPLICATION = "application"
QUICK_CHECK = "quick_check"


@dataclass(frozen=True)
class SlotField:
    """Where one slot's answer goes in the portal's form."""

    slot: str
    field: str
    kind: str = "text"
    repeat: str = ""
    # Found from the portal's description of the form (actions/steps.py) when not given.
    step: str = ""


@dataclass(frozen=True)
class Repeat:
    """An "add another" list: earlier items in ``items_slot``, ``more_slot`` adds one."""

    name: str
    items_slot: str
    more_slot: str
    added: str


@dataclass(frozen=True)
class QuickCheck:
    slots: tuple[str, ...]
    consent_slot: str
    refused: str


@dataclass(frozen=True)
class ServiceForm:
    name: str
    kind: str
    intent: str


@dataclass(frozen=True)
class Service:
    slug: str
    intents: dict[str, str] = field(default_factory=dict)
    forms: dict[str, ServiceForm] = field(default_factory=dict)
    slots: dict[str, SlotField] = field(default_factory=dict)
    repeats: dict[str, Repeat] = field(default_factory=dict)
    quick_check: QuickCheck | None = None
    read_back: tuple[Any, ...] = ()
    # How people name benefits; whether one qualifies is the portal's to say (benefits.py).
    benefits: tuple[Benefit, ...] = ()
    # How people name the service ("work permit", "chaperone"), to know which one a request
    # to apply means.
    called: tuple[str, ...] = ()
    # The whole file, for the parts only one kind of action reads (e.g. how people name the
    # jobs on the child employment rule check's list: rule_questions.py).
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def form(self, kind: str) -> ServiceForm | None:
        return next((f for f in self.forms.values() if f.kind == kind), None)

    def repeat_slots(self, name: str) -> list[SlotField]:
        return [s for s in self.slots.values() if s.repeat == name]

    def single_slots(self) -> list[SlotField]:
        return [s for s in self.slots.values() if not s.repeat]

    def display_slot(self, slot: str) -> str:
        """Where the words said back for a slot are kept (a school's name, not its URN)."""
        return f"{slot}_name" if self.slots[slot].kind == "school" else slot

    def all_slots(self) -> list[str]:
        """Every slot an application of this service fills, for clearing it afterwards."""
        names: list[str] = []
        for slot in self.slots.values():
            names.append(slot.slot)
            if slot.kind == "school":
                names.append(self.display_slot(slot.slot))
        for repeat in self.repeats.values():
            names += [repeat.items_slot, repeat.more_slot]
        if self.quick_check:
            names.append(self.quick_check.consent_slot)
        return names


def _service(raw: dict[str, Any]) -> Service:
    slots = {
        name: SlotField(
            slot=name,
            step=str(spec.get("step", "")),
            field=str(spec.get("field", "")),
            kind=str(spec.get("kind", "text")),
            repeat=str(spec.get("repeat", "")),
        )
        for name, spec in (raw.get("slots") or {}).items()
    }
    repeats = {
        name: Repeat(name, spec["items_slot"], spec["more_slot"], spec.get("added", ""))
        for name, spec in (raw.get("repeats") or {}).items()
    }
    check = raw.get("quick_check")
    return Service(
        slug=raw["slug"],
        intents=dict(raw.get("intents") or {}),
        forms={
            name: ServiceForm(name, spec["kind"], spec["intent"])
            for name, spec in (raw.get("forms") or {}).items()
        },
        slots=slots,
        repeats=repeats,
        quick_check=QuickCheck(
            tuple(check["slots"]), check["consent_slot"], " ".join(check["refused"].split())
        )
        if check
        else None,
        read_back=tuple(raw.get("read_back") or ()),
        benefits=tuple(
            Benefit(
                name=str(spec["name"]),
                listed_as=str(spec.get("listed_as") or spec["name"]),
                said=tuple(str(s) for s in spec.get("said") or ()),
            )
            for spec in raw.get("benefits") or ()
        ),
        called=tuple(str(name) for name in raw.get("called") or ()),
        raw=dict(raw),
    )


@cache
def all_services() -> tuple[Service, ...]:
    # ruamel.yaml comes with rasa-sdk, so the action server's image needs nothing more.
    reader = YAML(typ="safe")
    return tuple(_service(reader.load(path)) for path in sorted(SERVICES_DIR.glob("*.yml")))


def for_intent(intent: str) -> tuple[Service, str] | None:
    """The service an intent asks about, and what about it ("summary", "benefit" or
    "how_to_apply")."""
    for service in all_services():
        if intent in service.intents:
            return service, service.intents[intent]
    return None


def for_form(form: str | None) -> Service | None:
    for service in all_services():
        if form in service.forms:
            return service
    return None


def forms(kind: str) -> list[str]:
    """Every service form of one kind (application or quick_check)."""
    return [name for s in all_services() for name, f in s.forms.items() if f.kind == kind]


def form_intents() -> set[str]:
    """The intents that start a service form (its buttons' payloads)."""
    return {form.intent for s in all_services() for form in s.forms.values()}


def last_form(tracker: Tracker, kind: str | None = None) -> str | None:
    """The service form active now or most recently: read-back and submit run just after
    the form has ended, so the active loop alone would not say which service it was."""
    active = (tracker.active_loop or {}).get("name")
    candidates = [active] + [
        event.get("name")
        for event in reversed(tracker.events)
        if event.get("event") == "active_loop"
    ]
    for name in candidates:
        service = for_form(name)
        if service and (kind is None or service.forms[str(name)].kind == kind):
            return str(name)
    return None


def last_service(tracker: Tracker, kind: str | None = None) -> Service | None:
    return for_form(last_form(tracker, kind))


def by_slug(slug: str) -> Service | None:
    return next((service for service in all_services() if service.slug == slug), None)
