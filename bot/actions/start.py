"""Starting an application: "I want to apply", "apply for a chaperone approval".

The service is the one the message names (each service file's ``called``), else the one the
conversation was last about (``topic_service``, set by the answers about a service), else
the one service whose application the assistant can take in the conversation. A service
with an application form in the conversation starts it (a rule per form, on the
``application_form`` slot this sets); any other gets the link to its web form, from the
portal's catalogue (``apply_url``).
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import common, portal_api, services
from actions import rule_reading as read
from actions.portal_api import PortalUnavailable

TOPIC = "topic_service"
FORM_SLOT = "application_form"


def named_service(text: str) -> services.Service | None:
    """The service the message names, by how people call it (the first one named)."""
    found = read.named(
        text, [read.Named(s.slug, s.called) for s in services.all_services() if s.called]
    )
    return services.by_slug(found[0]) if found else None


def chosen_service(tracker: Tracker) -> services.Service | None:
    if named := named_service(common.text(tracker)):
        return named
    if topic := services.by_slug(str(tracker.get_slot(TOPIC) or "")):
        return topic
    in_conversation = [s for s in services.all_services() if s.form(services.APPLICATION)]
    return in_conversation[0] if len(in_conversation) == 1 else None


class ActionStartApplication(Action):
    def name(self) -> str:
        return "action_start_application"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        service = chosen_service(tracker)
        if service is None:
            dispatcher.utter_message(response="utter_what_i_can_do")
            return [SlotSet(FORM_SLOT, None)]
        if form := service.form(services.APPLICATION):
            return [SlotSet(FORM_SLOT, form.name), SlotSet(TOPIC, service.slug)]
        try:
            answer = await common.api(portal_api.guide, service.slug)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return [SlotSet(FORM_SLOT, None)]
        guide = answer.body if answer.ok else {}
        if url := guide.get("apply_url"):
            name = str(guide.get("name") or service.slug)
            dispatcher.utter_message(
                text=f"You can apply for {_mid_sentence(name)} on our website: {url}"
            )
        else:
            dispatcher.utter_message(response="utter_what_i_can_do")
        return [SlotSet(FORM_SLOT, None), SlotSet(TOPIC, service.slug)]


def _mid_sentence(name: str) -> str:
    """ "Child employment permit" as "a child employment permit"; "Free school meals" as
    "free school meals"; "Chaperone approval" as "chaperone approval"."""
    lower = name[:1].lower() + name[1:] if name[1:2].islower() else name
    if lower.endswith(("permit", "licence")):
        return f"a {lower}"
    return lower
