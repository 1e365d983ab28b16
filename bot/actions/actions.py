"""The custom actions: answer from the portal's guides, check eligibility and status, take
an application, hand over to a person. Every fact comes from the portal's API."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import answers as fsm
from actions import conversation, portal_api, reading
from actions.portal_api import Answer, PortalUnavailable

log = logging.getLogger(__name__)

# Intent → the portal's guide topic.
TOPICS = {
    "fsm_info": "free-school-meals",
    "apply_free_school_meals": "free-school-meals",
    "apply_school_places": "school-places",
    "apply_school_transport": "school-transport",
    "apply_work_permit": "child-employment",
    "apply_performance_licence": "performance-licences",
    "apply_chaperone": "chaperones",
    "apply_early_years_funding": "early-years-funding",
}
MAX_STATUS_TRIES = 3
# How sure the model must be that a message in the middle of a form is a question about a
# service (not the answer asked for) when it does not end in a question mark.
QUESTION_CONFIDENCE = 0.9
UNAVAILABLE = (
    "Sorry, I can't reach our systems just now. Please try again in a few minutes, "
    "or contact us: see the contact page on our website."
)
OFFER_PERSON = [{"title": "Talk to a person", "payload": "/human_handoff"}]


async def _api(function: Any, *args: Any) -> Answer:
    # The client is blocking; keep the action server's event loop free for other people.
    return await asyncio.to_thread(function, *args)


def _intent(tracker: Tracker) -> str:
    return str((tracker.latest_message.get("intent") or {}).get("name") or "")


def _text(tracker: Tracker) -> str:
    return reading.clean(tracker.latest_message.get("text"))


def _key(tracker: Tracker, what: str, body: Any) -> str:
    digest = hashlib.sha256(
        f"{tracker.sender_id}|{what}|{json.dumps(body, sort_keys=True)}".encode()
    )
    return "assistant:" + digest.hexdigest()[:40]


async def explain(dispatcher: CollectingDispatcher, intent: str, *, in_form: bool = False) -> None:
    """Answer a question about a service from the portal's guide for it.

    In the middle of a form the answer comes without the "apply" buttons (the person is
    applying already) and the form then asks its question again."""
    topic = TOPICS.get(intent, "free-school-meals")
    try:
        answer = await _api(portal_api.guide, topic)
    except PortalUnavailable:
        dispatcher.utter_message(text=UNAVAILABLE)
        return
    if not answer.ok:
        dispatcher.utter_message(response="utter_what_i_can_do")
        return
    guide = answer.body
    if intent == "fsm_info":
        text = f"{guide['summary']} {guide['eligibility_summary']}"
        buttons = [
            {"title": "Check if I qualify", "payload": "/fsm_check_eligibility"},
            {"title": "Apply", "payload": "/start_application"},
        ]
    else:
        dates = " ".join(f"{d['label']}: {d['description']}" for d in guide.get("key_dates", []))
        text = f"{guide['how_to_apply']} {dates}".strip()
        buttons = []
        if topic == "free-school-meals":
            buttons = [
                {"title": "Apply here", "payload": "/start_application"},
                {"title": "Check if I qualify", "payload": "/fsm_check_eligibility"},
            ]
    if in_form:
        dispatcher.utter_message(text=f"{text} Now, back to my question.")
    else:
        dispatcher.utter_message(text=text, buttons=buttons)


def asked_a_question(tracker: Tracker) -> str | None:
    """The question's intent when the person asked about a service instead of answering.

    A form takes any text as the answer to what it asked, so without this a question would
    become someone's surname. Only a confident reading, or one that ends in a question mark,
    counts: a name or a town must never be taken for a question."""
    intent = tracker.latest_message.get("intent") or {}
    name = str(intent.get("name") or "")
    if name not in TOPICS:
        return None
    confident = float(intent.get("confidence") or 0) >= QUESTION_CONFIDENCE
    return name if confident or _text(tracker).endswith("?") else None


class ActionExplainService(Action):
    def name(self) -> str:
        return "action_explain_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        await explain(dispatcher, _intent(tracker))
        return []


# --- Status -----------------------------------------------------------------------------


class ValidateStatusForm(FormValidationAction):
    def name(self) -> str:
        return "validate_status_form"

    async def validate_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if question := asked_a_question(tracker):
            await explain(dispatcher, question, in_form=True)
            return {"reference": None}
        # Also called with None when the form starts again after a failed look-up.
        reference = reading.reference(value)
        return {"reference": reference or None}

    async def validate_status_date_of_birth(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if question := asked_a_question(tracker):
            await explain(dispatcher, question, in_form=True)
            return {"status_date_of_birth": None}
        # Whether it is a real date is the portal's to say (in action_check_status).
        text = reading.clean(value)
        return {
            "status_date_of_birth": reading.iso_date(reading.date_parts(text)) if text else None
        }


class ActionCheckStatus(Action):
    def name(self) -> str:
        return "action_check_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reference = tracker.get_slot("reference") or ""
        born = tracker.get_slot("status_date_of_birth") or ""
        reset = [SlotSet("reference", None), SlotSet("status_date_of_birth", None)]
        try:
            answer = await _api(portal_api.application_status, reference, born)
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return reset
        if answer.ok:
            status = answer.body
            dispatcher.utter_message(
                text=f"Application {status['reference']}: {status['status_label']}. "
                f"{status['next_step']}"
            )
            return [*reset, SlotSet("status_failures", 0.0)]

        failures = int(tracker.get_slot("status_failures") or 0) + 1
        if failures >= MAX_STATUS_TRIES:
            dispatcher.utter_message(
                text="I still can't find an application with those details, so I'll stop "
                "trying to keep your information safe. A person in our team can help.",
                buttons=OFFER_PERSON,
            )
            return [*reset, SlotSet("status_failures", 0.0)]
        if answer.status == 422:
            dispatcher.utter_message(text=answer.first_error())
        else:
            dispatcher.utter_message(
                text="I couldn't find an application with that reference and date of birth. "
                "Let's try again."
            )
        return [*reset, SlotSet("status_failures", float(failures)), FollowupAction("status_form")]


# --- Free school meals: validation through the portal -----------------------------------


class _FreeSchoolMealsValidation(FormValidationAction, ABC):
    """Each answer is checked by the portal's own step model, so messages match the web.
    Abstract, so the action server does not register it."""

    @abstractmethod
    def name(self) -> str: ...

    async def _check(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        text = reading.clean(value)
        if not text:
            # A slot cleared by another action: nothing to check, ask for it again.
            return {slot: None}
        if question := asked_a_question(tracker):
            await explain(dispatcher, question, in_form=True)
            return {slot: None}
        if slot in fsm.DATE_SLOTS:
            parts: Any = reading.date_parts(text)
        else:
            parts = text
        step, shape = fsm.SLOT_STEPS[slot]
        sent = shape(parts)
        try:
            answer = await _api(portal_api.validate_step, fsm.SERVICE, step, sent)
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return {slot: None, "requested_slot": None}
        if not answer.ok:
            dispatcher.utter_message(text=answer.first_error())
            return {slot: None}
        normalised = answer.body.get("answers", {})
        value = next(iter(normalised.values()), text) if len(normalised) == 1 else text
        if slot == "fsm_identifier":
            value = normalised.get("national_insurance_number") or normalised.get(
                "nass_number", text
            )
        if slot == "fsm_contact":
            value = normalised.get("email") or normalised.get("mobile") or text
        return {slot: value}


def _validator(slot: str) -> Any:
    async def validate(
        self: _FreeSchoolMealsValidation,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return await self._check(slot, value, dispatcher, tracker)

    return validate


class ValidateFsmEligibilityForm(_FreeSchoolMealsValidation):
    def name(self) -> str:
        return "validate_fsm_eligibility_form"

    validate_fsm_last_name = _validator("fsm_last_name")
    validate_fsm_date_of_birth = _validator("fsm_date_of_birth")
    validate_fsm_identifier = _validator("fsm_identifier")


class ValidateFsmApplicationForm(_FreeSchoolMealsValidation):
    def name(self) -> str:
        return "validate_fsm_application_form"

    validate_fsm_first_name = _validator("fsm_first_name")
    validate_fsm_last_name = _validator("fsm_last_name")
    validate_fsm_date_of_birth = _validator("fsm_date_of_birth")
    validate_fsm_identifier = _validator("fsm_identifier")
    validate_fsm_address_line_1 = _validator("fsm_address_line_1")
    validate_fsm_town = _validator("fsm_town")
    validate_fsm_postcode = _validator("fsm_postcode")
    validate_fsm_contact = _validator("fsm_contact")
    validate_child_first_name = _validator("child_first_name")
    validate_child_last_name = _validator("child_last_name")
    validate_child_date_of_birth = _validator("child_date_of_birth")

    async def validate_child_school(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = reading.clean(value)
        if not name:
            return {"child_school": None}
        if question := asked_a_question(tracker):
            await explain(dispatcher, question, in_form=True)
            return {"child_school": None}
        try:
            found = await _api(portal_api.schools, name)
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return {"child_school": None, "requested_slot": None}
        schools = found.body.get("schools", []) if found.ok else []
        if len(schools) == 1:
            school = schools[0]
            checked = await self._check("child_school", school["urn"], dispatcher, tracker)
            if checked["child_school"]:
                return {**checked, "child_school_name": school["name"]}
            return checked
        if not schools:
            dispatcher.utter_message(
                text="I couldn't find a school with that name in our area. "
                "Check the spelling, or type part of the name."
            )
        else:
            dispatcher.utter_message(
                text="Which of these schools is it?",
                buttons=[{"title": s["name"], "payload": s["name"]} for s in schools[:5]],
            )
        return {"child_school": None}

    def validate_fsm_more_children(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is not True:
            return {"fsm_more_children": value}
        # Keep this child and ask about the next with the same questions. How many children
        # one application may hold is the portal's to say, when it is submitted.
        name = fsm.current_child(tracker)["first_name"]
        dispatcher.utter_message(text=f"I've added {name}. Now the next child.")
        return fsm.add_child(tracker)

    def validate_fsm_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is True:
            return {"fsm_consent": True}
        dispatcher.utter_message(
            text="We can only take your application if you agree to the check. Nothing has "
            "been sent. Say 'stop' if you do not want to go on, or apply by phone instead: "
            "see the contact page on our website."
        )
        return {"fsm_consent": None}


class ActionCheckEligibility(Action):
    def name(self) -> str:
        return "action_check_eligibility"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            answer = await _api(
                portal_api.check_free_school_meals, fsm.eligibility_answers(tracker)
            )
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        if not answer.ok:
            dispatcher.utter_message(text=answer.first_error())
            return []
        result = answer.body
        opening = {
            "eligible": "Good news: you are likely to qualify for free school meals.",
            "not_eligible": "The check did not find a qualifying benefit.",
            "parent_not_found": "The check could not find you in benefit records.",
            "unavailable": "I couldn't run the check just now.",
        }.get(result.get("outcome"), "")
        reasons = " ".join(result.get("reasons", []))
        dispatcher.utter_message(
            text=f"{opening} {reasons} Would you like to apply? I can take your application "
            "here, or give you a link to the web form with your answers filled in.",
            buttons=[
                {"title": "Apply here", "payload": "/start_application"},
                {"title": "Send me the link", "payload": "/deny"},
            ],
        )
        return []


class ActionReadBackApplication(Action):
    def name(self) -> str:
        return "action_read_back_application"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("fsm_consent") is not True:
            return [FollowupAction("action_listen")]
        dispatcher.utter_message(
            text=fsm.read_back(tracker),
            buttons=[
                {"title": "Yes, send it", "payload": "/affirm"},
                {"title": "No", "payload": "/deny"},
            ],
        )
        return []


class ActionSubmitApplication(Action):
    def name(self) -> str:
        return "action_submit_application"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        body = fsm.application_answers(tracker)
        key = _key(tracker, "application", body)
        try:
            answer = await _api(portal_api.submit_application, fsm.SERVICE, body, key)
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        if not answer.ok:
            dispatcher.utter_message(
                text=f"Your application was not sent: {answer.first_error()}. "
                "You can finish it on the website instead."
            )
            return [FollowupAction("action_offer_web_form")]
        created = answer.body
        dispatcher.utter_message(
            text=f"Your application has been sent. Your reference is {created['reference']}. "
            f"{created['next_step']} Keep the reference: you can ask me for the status at "
            "any time."
        )
        return [SlotSet(slot, None) for slot in fsm.ALL_SLOTS]


class ActionOfferWebForm(Action):
    def name(self) -> str:
        return "action_offer_web_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            answer = await _api(
                portal_api.prefill_link, fsm.SERVICE, fsm.application_answers(tracker, partial=True)
            )
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        if answer.ok:
            hours = max(1, int(answer.body.get("expires_in_seconds", 0)) // 3600)
            dispatcher.utter_message(
                text="You can apply on our website. This link opens the form with what you've "
                f"told me filled in (it works for {hours} hours): {answer.body['url']}"
            )
        else:
            dispatcher.utter_message(text=answer.first_error())
        return []


class ActionResetApplication(Action):
    def name(self) -> str:
        return "action_reset_application"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [SlotSet(slot, None) for slot in fsm.ALL_SLOTS]


# --- Hand-over to a person --------------------------------------------------------------


class ValidateHandoverForm(FormValidationAction):
    def name(self) -> str:
        return "validate_handover_form"

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
        try:
            answer = await _api(
                portal_api.validate_step, "enquiry", "contact", reading.contact_answers(text)
            )
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
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
        body = {
            "question": question,
            **reading.contact_answers(str(contact or "")),
            "transcript": conversation.transcript(tracker),
            "conversation_channel": "sms" if sms else "web",
        }
        reset = [SlotSet("handover_question", None), SlotSet("handover_contact", None)]
        try:
            answer = await _api(portal_api.create_enquiry, body, _key(tracker, "enquiry", question))
        except PortalUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
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
