"""The officer's one decision question on the case page, and what they answered.

One question, "What do you want to do?", with a radio for each move the officer may make
from the case's state. A move that needs a reason reveals its reason box under its radio;
any other reveals an optional note for the case record (kept on the event, never sent).
Stacked forms with a button each made it too easy to press the wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from backoffice.pages import state_of
from casework.declaration import ServiceDeclaration
from casework.fields import clean_text
from casework.messages import get_message
from casework.models import Case
from casework.workflow import Actor, IllegalTransition, Transition

QUESTION = "What do you want to do?"
# The radios' name, and the id of the first radio, which the error summary links to.
CHOICE = "decision"
CHOICE_MISSING = "Select what you want to do"
TEXT_MAX = 2000
# What the check page's buttons send back with the decision.
CONFIRM, CHANGE = "confirm", "change"


def reason_field(transition_name: str) -> str:
    # Every radio reveals its own box, so each needs its own name and id for error links.
    return f"reason-{transition_name}"


def note_field(transition_name: str) -> str:
    return f"note-{transition_name}"


def text_field(transition: Transition) -> str:
    """The box a move reveals: its reason if it needs one, else its optional note."""
    return reason_field(transition.name) if transition.needs_reason else note_field(transition.name)


@dataclass(frozen=True)
class Decision:
    """What the officer sent: the move chosen, its reason or note, and what they saw."""

    name: str
    reason: str = ""
    note: str = ""
    # The case's status when the officer read the page: a decision on a case that moved on
    # since is refused, so nobody decides on what they did not see.
    seen_status: str = ""
    # "" from the case page, CONFIRM or CHANGE from the check page.
    step: str = ""

    def values(self) -> dict[str, str]:
        """The form's values to show again, keyed by field name."""
        values = {CHOICE: self.name}
        if self.name:
            values[reason_field(self.name)] = self.reason
            values[note_field(self.name)] = self.note
        return values


def _text(form: FormData, field: str) -> str:
    value = form.get(field)
    if not isinstance(value, str):
        return ""
    # Browsers send a box's line breaks as CRLF; the record keeps plain newlines.
    return clean_text(value.replace("\r\n", "\n").replace("\r", "\n"))


def read(form: FormData) -> Decision:
    name = str(form.get(CHOICE) or "")
    return Decision(
        name=name,
        # Only the chosen move's box counts: without JavaScript every box is on the page,
        # and a word typed under another radio must not ride along.
        reason=_text(form, reason_field(name)) if name else "",
        note=_text(form, note_field(name)) if name else "",
        seen_status=str(form.get("status") or ""),
        step=str(form.get("step") or ""),
    )


def chosen(service: ServiceDeclaration, decision: Decision) -> Transition | None:
    """The officer's move the decision names, or None (nothing chosen, or not a move)."""
    if not decision.name:
        return None
    try:
        transition = service.workflow.transition(decision.name)
    except IllegalTransition:
        return None
    return transition if transition.by == "officer" else None


def problems(transition: Transition | None, decision: Decision) -> dict[str, str]:
    """Errors by field, checked here rather than in casework so each sits by its box."""
    if transition is None:
        return {CHOICE: CHOICE_MISSING}
    field = text_field(transition)
    text = decision.reason if transition.needs_reason else decision.note
    if transition.needs_reason and not text:
        return {field: transition.missing_reason}
    if len(text) > TEXT_MAX:
        what = "Reason" if transition.needs_reason else "Note"
        return {field: f"{what} must be {TEXT_MAX} characters or fewer"}
    return {}


def not_allowed_now(service: ServiceDeclaration, case: Case, transition: Transition) -> str | None:
    """Why the move cannot be made from the case as it is, in the words apply_transition uses."""
    if case.status not in transition.sources:
        current = state_of(service, case.status).label.lower()
        return f"Cannot {transition.label.lower()}: the case is {current}"
    if transition.guard is not None:
        return transition.guard(case)
    return None


def reason_is_sent(transition: Transition) -> bool:
    return any("reason" in get_message(name).personalisation for name in transition.messages)


def choices(service: ServiceDeclaration, case: Case, officer: Actor) -> list[dict[str, Any]]:
    """The radios: one per move this officer may make now, with the box each reveals.

    Statutory decisions are offered only to officers authorised to make them.
    """
    items = []
    for transition in service.workflow.available(case.status, "officer"):
        if transition.authorised and not officer.may_authorise(service.slug):
            continue
        target = state_of(service, transition.target)
        items.append(
            {
                "name": transition.name,
                "label": transition.label,
                "needs_reason": transition.needs_reason,
                "field": text_field(transition),
                "prompt": transition.prompt if transition.needs_reason else transition.note_prompt,
                # Applicants read a reason in the message the move sends them.
                "reason_is_sent": transition.needs_reason and reason_is_sent(transition),
                "sends": bool(transition.messages),
                "closes": not target.open,
            }
        )
    return items
