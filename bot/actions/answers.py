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
    child = {
        "first_name": _slot(tracker, "child_first_name"),
        "last_name": _slot(tracker, "child_last_name"),
        "date_of_birth": _slot(tracker, "child_date_of_birth"),
        "school_urn": _slot(tracker, "child_school"),
    }
    if partial:
        answers = {key: value for key, value in answers.items() if value}
        child = {key: value for key, value in child.items() if value}
        if child:
            answers["children"] = [child]
        return answers
    answers["children"] = [child]
    answers["consent"] = tracker.get_slot("fsm_consent") is True
    return answers


def read_back(tracker: Tracker) -> str:
    answers = application_answers(tracker)
    child = answers["children"][0]
    number = answers.get("national_insurance_number") or answers.get("nass_number", "")
    contact = answers.get("email") or answers.get("mobile", "")
    school = _slot(tracker, "child_school_name") or child["school_urn"]
    return (
        "Please check your answers.\n"
        f"Name: {answers['first_name']} {answers['last_name']}\n"
        f"Date of birth: {reading.long_date(answers['date_of_birth'])}\n"
        f"National Insurance or asylum support number: {number}\n"
        f"Address: {answers['address_line_1']}, {answers['town']}, {answers['postcode']}\n"
        f"Contact: {contact}\n"
        f"Child: {child['first_name']} {child['last_name']}, born "
        f"{reading.long_date(child['date_of_birth'])}, at {school}\n"
        "Shall I send your application?"
    )


ALL_SLOTS = (*SLOT_STEPS, "child_school_name", "fsm_consent")
