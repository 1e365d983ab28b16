"""A service's quick check ("do I qualify?"), run only once the person has agreed.

The form that asked (a quick_check in bot/services/<slug>.yml) gives the service; the
answers go to POST /eligibility/{service} with the person's consent, and nothing is sent
without it.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import answers, common, portal_api, services
from actions.explain import BUTTON_TITLES
from actions.portal_api import PortalUnavailable

OPENINGS = {
    "eligible": "Good news: you are likely to qualify.",
    "not_eligible": "The check did not find a qualifying benefit.",
    "parent_not_found": "The check could not find you in benefit records.",
    "unavailable": "I couldn't run the check just now.",
}


def _apply_buttons(service: services.Service) -> list[dict[str, str]]:
    buttons = []
    if form := service.form(services.APPLICATION):
        buttons.append({"title": BUTTON_TITLES[services.APPLICATION], "payload": f"/{form.intent}"})
    # "No" to applying here is answered with a link to the web form (a rule).
    buttons.append({"title": "Send me the link", "payload": "/deny"})
    return buttons


class ActionCheckEligibility(Action):
    def name(self) -> str:
        return "action_check_eligibility"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        service = services.last_service(tracker, services.QUICK_CHECK)
        if service is None or service.quick_check is None:
            dispatcher.utter_message(response="utter_what_i_can_do")
            return []
        consent_slot = service.quick_check.consent_slot
        # Asked again next time: agreeing once is not agreeing to every check. "Apply here"
        # next means this service (actions/start.py).
        reset = [SlotSet(consent_slot, None), SlotSet("topic_service", service.slug)]
        if tracker.get_slot(consent_slot) is not True:
            dispatcher.utter_message(
                text=service.quick_check.refused, buttons=_apply_buttons(service)
            )
            return reset
        body = {**answers.quick_check_answers(tracker, service), "consent": True}
        try:
            answer = await common.api(portal_api.check_eligibility, service.slug, body)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return reset
        if not answer.ok:
            dispatcher.utter_message(text=answer.first_error())
            return reset
        result = answer.body
        opening = OPENINGS.get(result.get("outcome"), "")
        reasons = " ".join(result.get("reasons", []))
        dispatcher.utter_message(
            text=f"{opening} {reasons} Would you like to apply? I can take your application "
            "here, or give you a link to the web form with your answers filled in.",
            buttons=_apply_buttons(service),
        )
        return reset
