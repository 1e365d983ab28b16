"""Free school meals answers kept in slots, in the shape the portal's API takes."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions import reading

SERVICE = "free-school-meals"

# slot → (step of the web form, how the slot's text becomes that step's answers)
SLOT_STEPS: dict[str, tuple[str, Any]] = {
    "fsm_first_name": ("name", lambda text: {"first_name": text}),
    "fsm_last_name": ("name", lambda text: {"last_name": text}),
    "fsm_date_of_birth": ("date-of-birth", lambda text: {"date_of_birth": text}),
    "fsm_identifier": ("identifier", reading.identifier_answers),
    "fsm_address_line_1": ("address", lambda text: {"address_line_1": text}),
    "fsm_town": ("address", lambda text: {"town": text}),
    "fsm_postcode": ("address", lambda text: {"postcode": text}),
    "fsm_contact": ("contact", reading.contact_answers),
    "child_first_name": ("children", lambda text: {"first_name": text}),
    "child_last_name": ("children", lambda text: {"last_name": text}),
    "child_date_of_birth": ("children", lambda text: {"date_of_birth": text}),
    "child_school": ("children", lambda text: {"school_urn": text}),
}

DATE_SLOTS = ("fsm_date_of_birth", "child_date_of_birth")


def _slot(tracker: Tracker, name: str) -> str:
    return reading.clean(tracker.get_slot(name))


def eligibility_answers(tracker: Tracker) -> dict[str, Any]:
    return {
        "last_name": _slot(tracker, "fsm_last_name"),
        "date_of_birth": _slot(tracker, "fsm_date_of_birth"),
        **reading.identifier_answers(_slot(tracker, "fsm_identifier")),
    }


# The child being asked about now; earlier children are kept in the fsm_children slot.
CHILD_SLOTS = {
    "first_name": "child_first_name",
    "last_name": "child_last_name",
    "date_of_birth": "child_date_of_birth",
    "school_urn": "child_school",
    "school_name": "child_school_name",
}


def current_child(tracker: Tracker) -> dict[str, str]:
    return {key: _slot(tracker, slot) for key, slot in CHILD_SLOTS.items()}


def earlier_children(tracker: Tracker) -> list[dict[str, str]]:
    return [dict(child) for child in tracker.get_slot("fsm_children") or [] if child]


def add_child(tracker: Tracker) -> dict[str, Any]:
    """Slot values that keep the child just told about and clear the slots for the next."""
    return {
        "fsm_children": [*earlier_children(tracker), current_child(tracker)],
        **{slot: None for slot in CHILD_SLOTS.values()},
        "fsm_more_children": None,
    }


def _for_portal(child: dict[str, str]) -> dict[str, str]:
    # The school's name is only for reading back; the portal takes the URN.
    return {key: value for key, value in child.items() if key != "school_name"}


def application_answers(tracker: Tracker, *, partial: bool = False) -> dict[str, Any]:
    """The whole application; with partial=True, only what has been said so far."""
    answers: dict[str, Any] = {
        "first_name": _slot(tracker, "fsm_first_name"),
        "last_name": _slot(tracker, "fsm_last_name"),
        "date_of_birth": _slot(tracker, "fsm_date_of_birth"),
        "address_line_1": _slot(tracker, "fsm_address_line_1"),
        "town": _slot(tracker, "fsm_town"),
        "postcode": _slot(tracker, "fsm_postcode"),
    }
    if _slot(tracker, "fsm_identifier"):
        answers.update(reading.identifier_answers(_slot(tracker, "fsm_identifier")))
    if _slot(tracker, "fsm_contact"):
        answers.update(reading.contact_answers(_slot(tracker, "fsm_contact")))
    children = [_for_portal(c) for c in (*earlier_children(tracker), current_child(tracker))]
    if partial:
        answers = {key: value for key, value in answers.items() if value}
        children = [{k: v for k, v in child.items() if v} for child in children]
        if children := [child for child in children if child]:
            answers["children"] = children
        return answers
    answers["children"] = children
    answers["consent"] = tracker.get_slot("fsm_consent") is True
    return answers


def read_back(tracker: Tracker) -> str:
    answers = application_answers(tracker)
    number = answers.get("national_insurance_number") or answers.get("nass_number", "")
    contact = answers.get("email") or answers.get("mobile", "")
    children = [*earlier_children(tracker), current_child(tracker)]
    lines = [
        "Please check your answers.",
        f"Name: {answers['first_name']} {answers['last_name']}",
        f"Date of birth: {reading.long_date(answers['date_of_birth'])}",
        f"National Insurance or asylum support number: {number}",
        f"Address: {answers['address_line_1']}, {answers['town']}, {answers['postcode']}",
        f"Contact: {contact}",
    ]
    for position, child in enumerate(children, start=1):
        label = f"Child {position}" if len(children) > 1 else "Child"
        lines.append(
            f"{label}: {child['first_name']} {child['last_name']}, born "
            f"{reading.long_date(child['date_of_birth'])}, at "
            f"{child['school_name'] or child['school_urn']}"
        )
    lines.append("Shall I send your application?")
    return "\n".join(lines)


ALL_SLOTS = (*SLOT_STEPS, "child_school_name", "fsm_children", "fsm_more_children", "fsm_consent")
