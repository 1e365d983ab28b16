"""Answers about a service from the portal's guide for it: what it is, who qualifies, how
to apply and its key dates. The intent says which service (bot/services/<slug>.yml)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import common, portal_api, services
from actions.portal_api import PortalUnavailable

BUTTON_TITLES = {services.QUICK_CHECK: "Check if I qualify", services.APPLICATION: "Apply here"}


def _buttons(service: services.Service) -> list[dict[str, Any]]:
    """What the person can do next in the conversation for this service, if anything."""
    return [
        {"title": BUTTON_TITLES[kind], "payload": f"/{form.intent}"}
        for kind in (services.QUICK_CHECK, services.APPLICATION)
        if (form := service.form(kind))
    ]


async def answer_text(dispatcher: CollectingDispatcher, intent: str) -> tuple[str, list] | None:
    """The guide's answer to what the intent asks, and the buttons to go on; None when it
    has been answered with an apology already."""
    found = services.for_intent(intent)
    if found is None:
        dispatcher.utter_message(response="utter_what_i_can_do")
        return None
    service, about = found
    try:
        answer = await common.api(portal_api.guide, service.slug)
    except PortalUnavailable:
        dispatcher.utter_message(text=common.UNAVAILABLE)
        return None
    if not answer.ok:
        dispatcher.utter_message(response="utter_what_i_can_do")
        return None
    guide = answer.body
    if about == "summary":
        text = f"{guide['summary']} {guide['eligibility_summary']}"
    else:
        dates = " ".join(f"{d['label']}: {d['description']}" for d in guide.get("key_dates", []))
        text = f"{guide['how_to_apply']} {dates}".strip()
    return text, _buttons(service)


async def explain(dispatcher: CollectingDispatcher, intent: str) -> None:
    if found := await answer_text(dispatcher, intent):
        text, buttons = found
        dispatcher.utter_message(text=text, buttons=buttons)


class ActionExplainService(Action):
    def name(self) -> str:
        return "action_explain_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        await explain(dispatcher, common.intent(tracker))
        return []
