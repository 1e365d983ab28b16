"""After a service's application form: read the answers back, submit them, or offer the
web form with them filled in; and going back to a form paused for something else.

The service is the one whose application form ran last (bot/services/<slug>.yml).
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import answers, common, interruptions, portal_api, services
from actions.portal_api import PortalUnavailable


def _complete(tracker: Tracker, domain: DomainDict, form: str) -> bool:
    """Every question of the form answered (and any consent given), not ended early."""
    required = domain.get("forms", {}).get(form, {}).get("required_slots", [])
    return all(tracker.get_slot(slot) not in (None, "") for slot in required)


class ActionReadBackApplication(Action):
    def name(self) -> str:
        return "action_read_back_application"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        form = services.last_form(tracker, services.APPLICATION)
        service = services.for_form(form)
        # A form ended early (paused, or the portal unreachable) has nothing to read back.
        if form is None or service is None or not _complete(tracker, domain, form):
            return [FollowupAction("action_listen")]
        dispatcher.utter_message(
            text=answers.read_back(tracker, service),
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
        service = services.last_service(tracker, services.APPLICATION)
        if service is None:
            dispatcher.utter_message(response="utter_what_i_can_do")
            return []
        body = answers.application_answers(tracker, service)
        key = common.idempotency_key(tracker, "application", body)
        try:
            answer = await common.api(portal_api.submit_application, service.slug, body, key)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
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
        return [SlotSet(slot, None) for slot in service.all_slots()]


class ActionOfferWebForm(Action):
    def name(self) -> str:
        return "action_offer_web_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        service = services.last_service(tracker)
        if service is None:
            dispatcher.utter_message(response="utter_what_i_can_do")
            return []
        partial = answers.application_answers(tracker, service, partial=True)
        try:
            answer = await common.api(portal_api.prefill_link, service.slug, partial)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
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
        service = services.last_service(tracker)
        return [SlotSet(slot, None) for slot in service.all_slots()] if service else []


class ActionResumeForm(Action):
    """ "Carry on": back to the form paused for a status look-up, where it left off."""

    def name(self) -> str:
        return "action_resume_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if events := interruptions.resume(tracker):
            dispatcher.utter_message(text="OK, back to where we were.")
            return events
        dispatcher.utter_message(response="utter_anything_else")
        return []
