"""A service's answers kept in slots, in the shape the portal's API takes, and read back.

Which slot fills which field comes from the service's file (bot/services/<slug>.yml); the
kinds below are the shared question shapes that need more than copying the text across.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions import reading
from actions.services import Service, SlotField

# Shared shapes whose one answer fills one of several fields, by what it looks like.
KIND_FIELDS = {
    "identifier": ("national_insurance_number", "nass_number"),
    "contact": ("email", "mobile"),
}


def fields_of(slot: SlotField) -> tuple[str, ...]:
    return KIND_FIELDS.get(slot.kind, (slot.field,))


def to_fields(slot: SlotField, text: str) -> dict[str, Any]:
    """A slot's text as its step's answers (a date in the web form's day/month/year parts)."""
    if slot.kind == "identifier":
        return reading.identifier_answers(text)
    if slot.kind == "contact":
        return reading.contact_answers(text)
    if slot.kind == "date":
        return {slot.field: reading.date_parts(text)}
    return {slot.field: text}


def kept_value(slot: SlotField, checked: dict[str, Any], text: str) -> str:
    """What to keep in the slot once the portal has checked it: its own normalised form
    (AB123456C, NT1 1AA, 1990-01-01), or the text if the portal gave back nothing for it."""
    if slot.kind in ("identifier", "contact"):
        wanted = to_fields(slot, text)
        return str(next((checked[k] for k in wanted if checked.get(k)), text))
    return str(checked.get(slot.field) or text)


def _slot(tracker: Tracker, name: str) -> str:
    return reading.clean(tracker.get_slot(name))


def _stored(slot: SlotField, value: str) -> dict[str, Any]:
    """A kept slot value as the whole application stores it (dates are ISO already)."""
    if not value:
        return {}
    if slot.kind in ("identifier", "contact"):
        return to_fields(slot, value)
    return {slot.field: value}


def current_item(tracker: Tracker, service: Service, repeat: str) -> dict[str, str]:
    """The item being asked about now, by field, with a school's name kept for reading back."""
    item: dict[str, str] = {}
    for slot in service.repeat_slots(repeat):
        item[slot.field] = _slot(tracker, slot.slot)
        if slot.kind == "school":
            item[f"{slot.field}:name"] = _slot(tracker, service.display_slot(slot.slot))
    return item


def earlier_items(tracker: Tracker, service: Service, repeat: str) -> list[dict[str, str]]:
    slot = service.repeats[repeat].items_slot
    return [dict(item) for item in tracker.get_slot(slot) or [] if item]


def add_item(tracker: Tracker, service: Service, repeat: str) -> dict[str, Any]:
    """Slot values that keep the item just told about and clear the slots for the next."""
    spec = service.repeats[repeat]
    cleared: dict[str, Any] = {}
    for slot in service.repeat_slots(repeat):
        cleared[slot.slot] = None
        if slot.kind == "school":
            cleared[service.display_slot(slot.slot)] = None
    return {
        spec.items_slot: [
            *earlier_items(tracker, service, repeat),
            current_item(tracker, service, repeat),
        ],
        **cleared,
        spec.more_slot: None,
    }


def _for_portal(item: dict[str, str]) -> dict[str, str]:
    # Names kept for reading back ("field:name") are not answers.
    return {key: value for key, value in item.items() if ":" not in key}


def application_answers(
    tracker: Tracker, service: Service, *, partial: bool = False
) -> dict[str, Any]:
    """The whole application; with partial=True, only what has been said so far."""
    answers: dict[str, Any] = {}
    for slot in service.single_slots():
        if slot.kind == "consent":
            continue
        value = _slot(tracker, slot.slot)
        if value:
            answers.update(_stored(slot, value))
        elif slot.field:
            answers[slot.field] = ""
    for repeat in service.repeats:
        items = [
            _for_portal(item)
            for item in (
                *earlier_items(tracker, service, repeat),
                current_item(tracker, service, repeat),
            )
        ]
        if partial:
            items = [kept for item in items if (kept := {k: v for k, v in item.items() if v})]
            if items:
                answers[repeat] = items
        else:
            answers[repeat] = items
    if partial:
        return {key: value for key, value in answers.items() if value}
    for slot in service.single_slots():
        if slot.kind == "consent":
            answers[slot.field] = tracker.get_slot(slot.slot) is True
    return answers


def quick_check_answers(tracker: Tracker, service: Service) -> dict[str, Any]:
    assert service.quick_check is not None
    answers: dict[str, Any] = {}
    for name in service.quick_check.slots:
        answers.update(_stored(service.slots[name], _slot(tracker, name)))
    return answers


def _said(slot: SlotField, value: str) -> str:
    return reading.long_date(value) if slot.kind == "date" else value


def read_back(tracker: Tracker, service: Service) -> str:
    said = {
        slot.slot: _said(
            slot, _slot(tracker, service.display_slot(slot.slot)) or _slot(tracker, slot.slot)
        )
        for slot in service.single_slots()
    }
    lines = ["Please check your answers."]
    for line in service.read_back:
        if isinstance(line, str):
            lines.append(line.format(**said))
            continue
        repeat = line["repeat"]
        slots = {slot.field: slot for slot in service.repeat_slots(repeat)}
        items = [
            *earlier_items(tracker, service, repeat),
            current_item(tracker, service, repeat),
        ]
        for position, item in enumerate(items, start=1):
            fields = {
                key: _said(slots[key], item.get(f"{key}:name") or value)
                for key, value in item.items()
                if key in slots
            }
            label = f"{line['label']} {position}" if len(items) > 1 else line["label"]
            lines.append(f"{label}: {line['line'].format(**fields)}")
    lines.append("Shall I send your application?")
    return "\n".join(lines)
