"""Messages in the middle of a form that are not the answer it asked for.

A form takes any text as the answer to its question, so without this "does he qualify?"
would become someone's surname, or fail as "Date of birth must be a real date". Every
form's validation asks ``handle`` first, for every answer, however often it happens:

- a question about a service is answered from its guide, and the form asks again;
- a reference, or asking where an application is, pauses the form and looks it up (the
  answers so far are kept; "carry on" goes back to them);
- any other question or request is met with the choice to carry on, stop, or talk to a
  person.

A name or a town must never be taken for a question, so only a message shaped like a
question, or one the model is very sure of, counts.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import common, explain, services

# How sure the model must be that a message with no question in its shape is about
# something else: "Chester" read as school transport at 0.62 is still a town.
CONFIDENT = 0.9
MIN_SURE_WORDS = 4
STATUS_FORM = "status_form"
PAUSED_SLOT = "paused_form"
CARRY_ON = "carry_on"
OUT_OF_SCOPE = "out_of_scope"
STOP_OR_PERSON = [
    {"title": "Stop these questions", "payload": "/stop"},
    {"title": "Talk to a person", "payload": "/human_handoff"},
]

# A question's words, not just one word of it: "How Wood Primary" is a school, "Will" a name.
_QUESTION_OPENING = re.compile(
    r"^(can|could|does|do|did|is|are|was|will|would|should|am|has|have)\s+"
    r"(i|we|you|he|she|they|my|our|it|this|that|there|his|her|their)\b",
    re.I,
)
_QUESTION_INSIDE = re.compile(
    r"\b((what|how|where|when|why|who|which)\s+(do|does|did|is|are|was|can|could|should|"
    r"will|would|much|many|long|far)|what's|whats|how's|where's|when's)\b",
    re.I,
)


def question_shaped(text: str) -> bool:
    """A question mark, or a question's words ("what do I need", "does he qualify")."""
    return "?" in text or bool(_QUESTION_INSIDE.search(text) or _QUESTION_OPENING.match(text))


def _about_status(tracker: Tracker) -> bool:
    return bool(common.entity(tracker, "reference")) or common.intent(tracker) == "check_status"


async def handle(
    dispatcher: CollectingDispatcher, tracker: Tracker, form: str, slot: str
) -> dict[str, Any] | None:
    """None when the latest message may be the answer for ``slot``; else the slot values
    to return instead of the answer (the question asked again, or the form paused)."""
    if tracker.get_slot("requested_slot") != slot:
        # Slots checked again when a form starts with them filled are not being answered.
        return None
    intent = common.intent(tracker)
    text = common.text(tracker)
    # A button, or a sentence the model is sure of: short answers ("northshire primary",
    # "4 September 2016") are read as services' names too confidently to count alone.
    sure = text.startswith("/") or (
        common.confidence(tracker) >= CONFIDENT and len(text.split()) >= MIN_SURE_WORDS
    )
    asked = question_shaped(text)

    if intent == CARRY_ON and common.confidence(tracker) >= CONFIDENT:
        return {slot: None}  # the form asks its question again
    if _about_status(tracker) and form == STATUS_FORM:
        return None  # there a reference is the answer
    if _about_status(tracker) and (sure or asked or common.entity(tracker, "reference")):
        dispatcher.utter_message(
            text="I'll look up your application. Your answers so far are kept: say "
            "'carry on' afterwards to go back to them."
        )
        # Ending the form here and starting the look-up in follow_ups (the status form
        # finds the reference already in its slot).
        return {slot: None, "requested_slot": None, PAUSED_SLOT: form}
    if services.for_intent(intent) and (sure or asked):
        found = await explain.answer_text(dispatcher, intent, text)
        if found:
            answer = found[0]  # no buttons or offer: the person is in the middle of a form
            dispatcher.utter_message(
                text=f"{answer} Now, back to my question (or say 'stop' to stop these questions)."
            )
        return {slot: None}
    # Asking to start another service form, or for something the assistant does not do.
    other_request = intent == OUT_OF_SCOPE or intent in services.form_intents()
    if asked or (other_request and sure):
        dispatcher.utter_message(
            text="I can't deal with that in the middle of these questions. Answer my "
            "question to carry on, stop these questions, or talk to a person.",
            buttons=STOP_OR_PERSON,
        )
        return {slot: None}
    return None


def follow_ups(events: list[EventType]) -> list[EventType]:
    """The follow-up an interruption asked for, once the form's slots are set: Rasa runs
    it as soon as the form has ended."""
    paused = [e for e in events if e.get("event") == "slot" and e.get("name") == PAUSED_SLOT]
    return [FollowupAction(STATUS_FORM)] if paused and paused[-1].get("value") else []


def resume(tracker: Tracker) -> list[EventType]:
    """Go back to a paused form: it asks for whatever it still needs."""
    form = tracker.get_slot(PAUSED_SLOT)
    if not form:
        return []
    return [SlotSet(PAUSED_SLOT, None), FollowupAction(str(form))]


class InterruptibleForm(FormValidationAction, ABC):
    """A form's validation that can pause the form for another journey (see follow_ups).
    Abstract, so the action server does not register it."""

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        return [*events, *follow_ups(events)]

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventType | None:
        # A validation that ended the form (paused for a look-up, or the portal unreachable)
        # is not undone by asking for the next slot, in forms that choose their own slots.
        if ended_now(tracker):
            return None
        return await super().next_requested_slot(dispatcher, tracker, domain)


def ended_now(tracker: Tracker) -> bool:
    """Whether this turn's validation set requested_slot to None (the slots it set are the
    last events)."""
    for event in reversed(tracker.events):
        if event.get("event") != "slot":
            return False
        if event.get("name") == "requested_slot" and event.get("value") is None:
            return True
    return False
