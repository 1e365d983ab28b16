"""Where an application stands: its reference and the second factor its service asks for
(a child's date of birth, the email address given, ...), then GET /applications/{reference}.

After three failed look-ups it stops and offers a person, so details cannot be guessed.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import common, interruptions, portal_api, reading
from actions.portal_api import PortalUnavailable

FORM = "status_form"
SECOND_FACTOR = "status_second_factor"
MAX_TRIES = 3


def second_factor(text: str) -> str:
    """A date as YYYY-MM-DD ("4 September 2016", "4/9/2016"), anything else as typed (an
    email address): whether it matches is the portal's to say."""
    parts = reading.date_parts(text)
    return reading.iso_date(parts) if isinstance(parts, dict) else text


def _prompt(services: list[dict[str, Any]], reference: str) -> str:
    """What the service whose references look like this one asks for, if it says."""
    prefix = reference.split("-", 1)[0].upper()
    for service in services:
        check = service.get("status_check") or {}
        prompt = check.get("prompt") if isinstance(check, dict) else None
        prompt = prompt or service.get("status_check_prompt")
        if prompt and str(service.get("reference_prefix") or "").upper() == prefix:
            return str(prompt)
    return ""


class ActionAskStatusSecondFactor(Action):
    """Asks for the second factor in the words of the reference's service."""

    def name(self) -> str:
        return f"action_ask_{SECOND_FACTOR}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        prompt = ""
        try:
            answer = await common.api(portal_api.services)
            if answer.ok:
                prompt = _prompt(
                    answer.body.get("services") or [], tracker.get_slot("reference") or ""
                )
        except PortalUnavailable:
            pass  # the general wording below still lets the person go on
        if prompt:
            dispatcher.utter_message(text=f"To check it's yours, tell me {prompt}.")
        else:
            dispatcher.utter_message(response=f"utter_ask_{SECOND_FACTOR}")
        return []


class ValidateStatusForm(interruptions.InterruptibleForm):
    def name(self) -> str:
        return f"validate_{FORM}"

    async def validate_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if (done := await interruptions.handle(dispatcher, tracker, FORM, "reference")) is not None:
            return done
        # Also called with None when the form starts again after a failed look-up.
        # "the reference is FSM-…" gives the whole message as text; the entity is the reference.
        reference = reading.reference(common.entity(tracker, "reference") or value)
        if reference and tracker.get_slot("requested_slot") == SECOND_FACTOR:
            # A new reference while the second factor was asked: that one is meant.
            return {"reference": reference, SECOND_FACTOR: None}
        return {"reference": reference or None}

    async def validate_status_second_factor(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if common.entity(tracker, "reference"):
            # "the reference is FSM-…": a reference, not the second factor.
            return {SECOND_FACTOR: None}
        if (
            done := await interruptions.handle(dispatcher, tracker, FORM, SECOND_FACTOR)
        ) is not None:
            return done
        text = reading.clean(value)
        return {SECOND_FACTOR: second_factor(text) if text else None}


class ActionCheckStatus(Action):
    def name(self) -> str:
        return "action_check_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reference = tracker.get_slot("reference") or ""
        given = tracker.get_slot(SECOND_FACTOR) or ""
        reset = [SlotSet("reference", None), SlotSet(SECOND_FACTOR, None)]
        if not reference or not given:
            return reset  # the form was stopped or paused before both were given
        try:
            answer = await common.api(portal_api.application_status, reference, given)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return reset
        if answer.ok:
            status = answer.body
            dispatcher.utter_message(
                text=f"Application {status['reference']}: {status['status_label']}. "
                f"{status['next_step']}"
            )
            _offer_to_carry_on(dispatcher, tracker)
            return [*reset, SlotSet("status_failures", 0.0)]

        failures = int(tracker.get_slot("status_failures") or 0) + 1
        if failures >= MAX_TRIES:
            dispatcher.utter_message(
                text="I still can't find an application with those details, so I'll stop "
                "trying to keep your information safe. A person in our team can help.",
                buttons=common.OFFER_PERSON,
            )
            return [*reset, SlotSet("status_failures", 0.0)]
        if answer.status == 422:
            dispatcher.utter_message(text=answer.first_error())
        else:
            dispatcher.utter_message(
                text="I couldn't find an application with those details. Let's try again."
            )
        return [*reset, SlotSet("status_failures", float(failures)), FollowupAction(FORM)]


def _offer_to_carry_on(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Offer to go back to a form paused for this look-up."""
    if tracker.get_slot(interruptions.PAUSED_SLOT):
        dispatcher.utter_message(
            text="Do you want to carry on with the questions we were going through?",
            buttons=[{"title": "Carry on", "payload": f"/{interruptions.CARRY_ON}"}],
        )
