"""Handing a question to a person: POST /enquiries with the question, how to reply and the
conversation's transcript."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import common, conversation, interruptions, portal_api, reading
from actions.portal_api import PortalUnavailable

FORM = "handover_form"
# The service a hand-over becomes, and its step that checks how to reply.
ENQUIRY_SERVICE = "enquiry"
CONTACT_STEP = "contact"


class ValidateHandoverForm(interruptions.InterruptibleForm):
    def name(self) -> str:
        return f"validate_{FORM}"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        # By text message we already have the number to reply to.
        if conversation.channel(tracker) == "sms":
            return [slot for slot in domain_slots if slot != "handover_contact"]
        return domain_slots

    def validate_handover_question(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # Any question is the answer here: it is what the person wants a person to answer.
        question = reading.clean(value)
        if not question:
            return {"handover_question": None}
        if len(question) < 3:
            dispatcher.utter_message(text="Tell me a little about what you need help with")
            return {"handover_question": None}
        return {"handover_question": question}

    async def validate_handover_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = reading.clean(value)
        if not text:
            return {"handover_contact": None}
        if (
            done := await interruptions.handle(dispatcher, tracker, FORM, "handover_contact")
        ) is not None:
            return done
        try:
            answer = await common.api(
                portal_api.validate_step,
                ENQUIRY_SERVICE,
                CONTACT_STEP,
                reading.contact_answers(text),
            )
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return {"handover_contact": None, "requested_slot": None}
        if not answer.ok:
            dispatcher.utter_message(text=answer.first_error())
            return {"handover_contact": None}
        given = answer.body.get("answers", {})
        return {"handover_contact": given.get("email") or given.get("mobile") or text}


class ActionCreateEnquiry(Action):
    def name(self) -> str:
        return "action_create_enquiry"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = reading.clean(tracker.get_slot("handover_question"))
        sms = conversation.channel(tracker) == "sms"
        contact = (
            conversation.phone_number(tracker) if sms else tracker.get_slot("handover_contact")
        )
        reset = [SlotSet("handover_question", None), SlotSet("handover_contact", None)]
        if not question or not contact:
            return reset  # the hand-over was paused or the portal was unreachable
        body = {
            "question": question,
            **reading.contact_answers(str(contact)),
            "transcript": conversation.transcript(tracker),
            "conversation_channel": "sms" if sms else "web",
        }
        try:
            answer = await common.api(
                portal_api.create_enquiry,
                body,
                common.idempotency_key(tracker, "enquiry", question),
            )
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return reset
        if not answer.ok:
            dispatcher.utter_message(text=answer.first_error())
            return [*reset, ActiveLoop(None)]
        created = answer.body
        dispatcher.utter_message(
            text=f"I've passed your question to our team with this conversation. "
            f"Your reference is {created['reference']}. {created['next_step']}"
        )
        return reset
