"""Checking each answer in a service's forms (its application and its quick check).

One validation serves every service form: the form's name gives the service, and the
service's file (bot/services/<slug>.yml) gives the step and field each slot fills, so
each answer is checked by the portal's own step model and the messages match the web.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import answers, common, interruptions, portal_api, reading, services, steps
from actions.portal_api import PortalUnavailable
from actions.services import Service, SlotField

NO_CONSENT = (
    "We can only take your application if you agree to the check. Nothing has been sent. "
    "Say 'stop' if you do not want to go on, or apply by phone instead: see the contact "
    "page on our website."
)
YES_OR_NO = "Please answer yes or no."

Validator = Any


class ServiceFormValidation(interruptions.InterruptibleForm, ABC):
    """``validate_<slot>`` for every slot of the form's service, without a method each.
    Abstract; ``_validation_for`` makes one concrete class per service form."""

    form: str = ""

    @abstractmethod
    def name(self) -> str: ...

    @property
    def service(self) -> Service:
        found = services.for_form(self.form)
        assert found is not None, self.form
        return found

    def __getattr__(self, name: str) -> Validator:
        # rasa_sdk looks up validate_<slot> by name; anything else is a real missing attribute.
        if not name.startswith("validate_") or not self.form:
            raise AttributeError(name)
        slot = name.removeprefix("validate_")
        service = self.service
        if slot in service.slots:
            return functools.partial(self._answer, service.slots[slot])
        if any(repeat.more_slot == slot for repeat in service.repeats.values()):
            return functools.partial(self._more, slot)
        if service.quick_check and slot == service.quick_check.consent_slot:
            return self._check_consent
        raise AttributeError(name)

    async def _answer(
        self,
        slot: SlotField,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot.kind == "consent":
            return await self._consent(slot, value, dispatcher, tracker)
        text = reading.clean(value)
        if not text:
            # A slot cleared by another action: nothing to check, ask for it again.
            return {slot.slot: None}
        if (
            done := await interruptions.handle(dispatcher, tracker, self.form, slot.slot)
        ) is not None:
            return done
        if slot.kind == "school":
            return await self._school(slot, text, dispatcher)
        return await self._check(slot, text, dispatcher)

    async def _check(
        self, slot: SlotField, text: str, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        try:
            step = await steps.step_of(self.service.slug, slot)
            answer = await common.api(
                portal_api.validate_step, self.service.slug, step, answers.to_fields(slot, text)
            )
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return {slot.slot: None, "requested_slot": None}
        if not answer.ok:
            dispatcher.utter_message(text=answer.first_error())
            return {slot.slot: None}
        return {slot.slot: answers.kept_value(slot, answer.body.get("answers", {}), text)}

    async def _school(
        self, slot: SlotField, name: str, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        """A school by name: one match is checked by its URN; several are offered."""
        try:
            found = await common.api(portal_api.schools, name)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return {slot.slot: None, "requested_slot": None}
        schools = found.body.get("schools", []) if found.ok else []
        if len(schools) == 1:
            school = schools[0]
            checked = await self._check(slot, str(school["urn"]), dispatcher)
            if checked[slot.slot]:
                return {**checked, self.service.display_slot(slot.slot): school["name"]}
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
        return {slot.slot: None}

    async def _yes_no(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> bool | dict[str, Any]:
        """True or False for a yes or a no; else the slot values to return instead. Anything
        else said comes as text (domain.yml), so a question here is answered too."""
        if isinstance(value, bool):
            return value
        if value is None:
            return {slot: None}
        if (done := await interruptions.handle(dispatcher, tracker, self.form, slot)) is not None:
            return done
        dispatcher.utter_message(text=YES_OR_NO)
        return {slot: None}

    async def _more(
        self,
        slot: str,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        more = await self._yes_no(slot, value, dispatcher, tracker)
        if isinstance(more, dict):
            return more
        if not more:
            return {slot: False}
        # Keep this item and ask about the next with the same questions. How many one
        # application may hold is the portal's to say, when it is submitted.
        service = self.service
        repeat = next(r for r in service.repeats.values() if r.more_slot == slot)
        item = answers.current_item(tracker, service, repeat.name)
        dispatcher.utter_message(text=repeat.added.format(**item))
        return answers.add_item(tracker, service, repeat.name)

    async def _consent(
        self, slot: SlotField, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        agreed = await self._yes_no(slot.slot, value, dispatcher, tracker)
        if isinstance(agreed, dict):
            return agreed
        if agreed:
            return {slot.slot: True}
        dispatcher.utter_message(text=NO_CONSENT)
        return {slot.slot: None}

    async def _check_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """No agreement, no check: end the form at once; action_check_eligibility says why."""
        assert self.service.quick_check is not None
        slot = self.service.quick_check.consent_slot
        agreed = await self._yes_no(slot, value, dispatcher, tracker)
        if isinstance(agreed, dict):
            return agreed
        if agreed:
            return {slot: True}
        return {slot: False, "requested_slot": None}


def _validation_for(form: str) -> type[ServiceFormValidation]:
    return type(
        f"Validate_{form}",
        (ServiceFormValidation,),
        {"form": form, "name": lambda self: f"validate_{self.form}", "__module__": __name__},
    )


# One validation action per service form. Kept here so the classes live as long as the
# server (rasa_sdk finds actions among Action's subclasses).
VALIDATIONS = {
    form: _validation_for(form)
    for form in services.forms(services.APPLICATION) + services.forms(services.QUICK_CHECK)
}
