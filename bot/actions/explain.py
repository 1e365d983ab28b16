"""Answers about a service from the portal's guide for it: what it is, who qualifies, how
to apply and its key dates. The intent says which service (bot/services/<slug>.yml).

A message naming a benefit ("we're on universal credit") is answered first and short
("Yes, Universal Credit qualifies ...", from the guide's eligibility summary), then offers
what the person can do next, rather than the whole summary."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import benefits, common, portal_api, services
from actions.portal_api import PortalUnavailable

BUTTON_TITLES = {services.QUICK_CHECK: "Check if I qualify", services.APPLICATION: "Apply here"}
OFFER_WORDS = {services.QUICK_CHECK: "check if you qualify", services.APPLICATION: "help you apply"}


def _buttons(service: services.Service) -> list[dict[str, Any]]:
    """What the person can do next in the conversation for this service, if anything."""
    return [
        {"title": BUTTON_TITLES[kind], "payload": f"/{form.intent}"}
        for kind in (services.QUICK_CHECK, services.APPLICATION)
        if (form := service.form(kind))
    ]


def _offer(service: services.Service) -> str:
    """A short offer of what the conversation can do next for this service."""
    doing = [
        OFFER_WORDS[kind]
        for kind in (services.QUICK_CHECK, services.APPLICATION)
        if service.form(kind)
    ]
    return f"I can {' or '.join(doing)} here." if doing else ""


def _service_name(name: str) -> str:
    """ "Free school meals" in the middle of a sentence: "free school meals"."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _benefit_answer(service: services.Service, guide: dict[str, Any], text: str) -> str | None:
    """ "Yes, Universal Credit qualifies ..." when the message names a benefit, else None."""
    summary = str(guide.get("eligibility_summary") or "")
    found = benefits.answer(text, summary, list(service.benefits))
    if found is None:
        return None
    said = found.sentence(_service_name(str(guide.get("name") or service.slug)))
    # A benefit that is not listed gets the list, so the person sees what does qualify.
    return f"{said} {summary}" if found.kind == benefits.NOT_LISTED else said


async def answer_text(
    dispatcher: CollectingDispatcher, intent: str, text: str = ""
) -> tuple[str, list, str] | None:
    """The guide's answer to what the intent asks, the buttons to go on, and a short offer
    said with them when the answer was short; None when it has been answered with an
    apology already."""
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
    if about in ("summary", "benefit") and (short := _benefit_answer(service, guide, text)):
        return short, _buttons(service), _offer(service)
    if about in ("summary", "benefit"):
        said = f"{guide['summary']} {guide['eligibility_summary']}"
    else:
        dates = " ".join(f"{d['label']}: {d['description']}" for d in guide.get("key_dates", []))
        said = f"{guide['how_to_apply']} {dates}".strip()
    return said, _buttons(service), ""


async def explain(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    if found := await answer_text(dispatcher, common.intent(tracker), common.text(tracker)):
        said, buttons, offer = found
        if offer and buttons:
            # Answer first, then what to do next, as its own short message.
            dispatcher.utter_message(text=said)
            dispatcher.utter_message(text=offer, buttons=buttons)
        else:
            dispatcher.utter_message(text=said, buttons=buttons)


class ActionExplainService(Action):
    def name(self) -> str:
        return "action_explain_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        await explain(dispatcher, tracker)
        # "I want to apply" next means this service (actions/start.py).
        found = services.for_intent(common.intent(tracker))
        return [SlotSet("topic_service", found[0].slug)] if found else []
