"""Does a child need a performance licence? ("does my daughter need a licence for a school
play?", "paid modelling", "a TV advert", "am dram at a theatre with tickets")

``licence_needed_form`` reads what the question already says (the kind of performance, who
arranges it, pay, time off school), then asks only what is still needed for an answer, in
this order: the kind of performance, pay beyond expenses, time off school, and the days
performed in the last 6 months. What is needed is the portal's to say, never decided here:

- a question is skipped when every possible answer to it gives the same answer from the
  check (POST /rules/performance-licence-needed/check is asked with each); paid modelling
  needs a licence whether or not the child misses school, so that is not asked;
- the days are asked only when the check asks for them (its 422 on that field).

``action_answer_licence_needed`` gives the check's explanation and, when a licence is
needed, where to apply. How people name the kinds of performance, and the words that say a
school or a BOPA group arranges it, are in bot/services/performance-licences.yml.
"""

from __future__ import annotations

import itertools
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import common, interruptions, portal_api, rule_lists, services
from actions import rule_reading as read
from actions.portal_api import PortalUnavailable

SERVICE = "performance-licences"
FORM = "licence_needed_form"
STARTED_BY = "ask_licence_needed"  # the intent that starts the form (data/rules/licensing.yml)
QUESTION = "performance_question"
KIND, PAID, ABSENCE, DAYS = (
    "performance_kind",
    "performance_paid",
    "performance_absence",
    "performance_days_before",
)
ASKED = (KIND, PAID, ABSENCE, DAYS)
# The check's fields for the slots.
FIELDS = {
    KIND: "kind",
    PAID: "paid_beyond_expenses",
    ABSENCE: "needs_absence_from_school",
    DAYS: "days_performed_in_last_6_months",
}
PAID_KIND = "paid_sport_or_modelling"
NONE_OF_THESE = "other"
YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
TOPIC = "topic_service"


def _file() -> dict[str, Any]:
    service = services.by_slug(SERVICE)
    return service.raw if service else {}


def _check() -> str:
    return str(_file().get("rule_check") or "performance-licence-needed")


def _kinds_said() -> list[read.Named]:
    kinds = _file().get("kinds") or {}
    return [
        read.Named(str(code), tuple(str(s) for s in (spec or {}).get("said") or ()))
        for code, spec in kinds.items()
    ]


def _buttons_by_code() -> dict[str, str]:
    return {
        str(code): str((spec or {}).get("button") or code)
        for code, spec in (_file().get("kinds") or {}).items()
    }


def _said(question: str, key: str) -> bool:
    """Whether the question uses one of the file's phrases under ``key``."""
    phrases = tuple(str(p) for p in _file().get(key) or ())
    return bool(read.named(question, [read.Named(key, phrases)]))


def _kind_from(question: str, paid: bool | None) -> str | None:
    if _said(question, "sport_or_modelling") and paid:
        return PAID_KIND
    kinds = read.named(question, _kinds_said())
    return kinds[0] if kinds else None


def _proposal(tracker: Tracker, **changes: Any) -> dict[str, Any]:
    """The check's body from what is known; unknown answers left out."""
    question = str(tracker.get_slot(QUESTION) or "")
    body: dict[str, Any] = {
        "arranged_by_school": _said(question, "arranged_by_school"),
        "arranged_under_bopa": _said(question, "arranged_under_bopa"),
    }
    for slot, field in FIELDS.items():
        value = changes.get(slot, tracker.get_slot(slot))
        if value is not None:
            body[field] = value
    return body


async def settled(tracker: Tracker) -> dict[str, Any] | None:
    """The check's answer when the answers still unknown cannot change it, else None.

    Each possible answer to the unknown yes-or-no questions is checked; when every one
    gives the same answer, the one where they are all "no" is given (its explanation does
    not rest on anything the person has not said)."""
    unknown = [slot for slot in (PAID, ABSENCE) if tracker.get_slot(slot) is None]
    if tracker.get_slot(KIND) is None:
        return None
    results = []
    for values in itertools.product((False, True), repeat=len(unknown)):
        answer = await rule_lists.check(
            _check(), _proposal(tracker, **dict(zip(unknown, values, strict=True)))
        )
        if not answer.ok:
            return None
        results.append(answer.body)
    if len({(r.get("licence_needed"), r.get("exemption")) for r in results}) == 1:
        return results[0]
    return None


async def next_question(tracker: Tracker) -> str | None:
    """The slot to ask for next, or None when the check can answer."""
    question = str(tracker.get_slot(QUESTION) or "")
    if tracker.get_slot(KIND) is None:
        # Sport or modelling is a kind of its own only when paid: ask about pay first.
        if _said(question, "sport_or_modelling") and tracker.get_slot(PAID) is None:
            return PAID
        return KIND
    if await settled(tracker) is not None:
        return None
    for slot in (PAID, ABSENCE):
        if tracker.get_slot(slot) is None:
            return slot
    answer = await rule_lists.check(_check(), _proposal(tracker))
    if rule_lists.field_error(answer, FIELDS[DAYS]) and tracker.get_slot(DAYS) is None:
        return DAYS
    return None


def _activating(tracker: Tracker) -> bool:
    """The form is starting: nothing asked yet, and the message is the question (Rasa marks
    the form active before its validation runs, so the loop cannot say)."""
    return tracker.get_slot("requested_slot") is None and common.intent(tracker) == STARTED_BY


class ValidateLicenceNeededForm(interruptions.InterruptibleForm):
    def name(self) -> str:
        return f"validate_{FORM}"

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventType | None:
        # Only what the answer still needs, or nothing: then the form is done.
        if interruptions.ended_now(tracker):
            return None
        try:
            wanted = await next_question(tracker)
        except PortalUnavailable:
            wanted = None  # the answer says the portal cannot be reached
        return SlotSet("requested_slot", wanted)

    # --- Read from the question that starts the form --------------------------------------

    async def extract_performance_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {QUESTION: common.text(tracker)} if _activating(tracker) else {}

    async def extract_performance_kind(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not _activating(tracker):
            return {}
        text = common.text(tracker)
        return {KIND: _kind_from(text, read.paid(text))}

    async def extract_performance_paid(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {PAID: read.paid(common.text(tracker))} if _activating(tracker) else {}

    async def extract_performance_absence(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {ABSENCE: read.misses_school(common.text(tracker))} if _activating(tracker) else {}

    async def extract_performance_days_before(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {DAYS: None} if _activating(tracker) else {}

    # --- Answers --------------------------------------------------------------------------

    async def validate_performance_question(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {QUESTION: value}

    async def validate_performance_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        buttons = _buttons_by_code()
        text = str(value or "")
        if not text or text in buttons:
            return {KIND: text or None}
        if chosen := read.exact(text, buttons):
            return {KIND: chosen}
        if (done := await interruptions.handle(dispatcher, tracker, FORM, KIND)) is not None:
            return done
        if kind := _kind_from(text, tracker.get_slot(PAID)):
            return {KIND: kind}
        if read.yes_no(text) is False:
            # "No" to "do people pay, is it at a pub, is it filmed?": none of these.
            return {KIND: NONE_OF_THESE}
        dispatcher.utter_message(
            text="Choose the one that fits best.", buttons=await _kind_buttons()
        )
        return {KIND: None}

    async def _yes_no(
        self,
        slot: str,
        value: Any,
        reader: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        if value is None or isinstance(value, bool):
            return {slot: value}
        if (done := await interruptions.handle(dispatcher, tracker, FORM, slot)) is not None:
            return done
        found = reader(str(value))
        found = read.yes_no(str(value)) if found is None else found
        if found is None:
            dispatcher.utter_message(text="Please answer yes or no.", buttons=YES_NO)
        return {slot: found}

    async def validate_performance_paid(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = await self._yes_no(PAID, value, read.paid, dispatcher, tracker)
        question = str(tracker.get_slot(QUESTION) or "")
        # Paid sport or modelling is its own kind; unpaid, the kind is asked.
        if (
            answer.get(PAID)
            and tracker.get_slot(KIND) is None
            and _said(question, "sport_or_modelling")
        ):
            answer[KIND] = PAID_KIND
        return answer

    async def validate_performance_absence(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self._yes_no(ABSENCE, value, read.misses_school, dispatcher, tracker)

    async def validate_performance_days_before(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None or isinstance(value, int):
            return {DAYS: value}
        if (done := await interruptions.handle(dispatcher, tracker, FORM, DAYS)) is not None:
            return done
        days = read.count(str(value))
        if days is None:
            dispatcher.utter_message(text="Tell me a number of days, like 2. Say 0 if none.")
            return {DAYS: None}
        try:
            answer = await rule_lists.check(_check(), _proposal(tracker, **{DAYS: days}))
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return {DAYS: None, "requested_slot": None}
        if error := rule_lists.field_error(answer, FIELDS[DAYS]):
            dispatcher.utter_message(text=error)
            return {DAYS: None}
        return {DAYS: days}


async def _kind_buttons() -> list[dict[str, str]]:
    """A button for each kind on the check's list (a short title from the service file)."""
    titles = _buttons_by_code()
    try:
        kinds = await rule_lists.items(_check(), "kinds")
    except PortalUnavailable:
        kinds = [{"code": code} for code in titles]
    return [
        {"title": title, "payload": title}
        for kind in kinds
        if (title := titles.get(str(kind["code"])) or str(kind.get("name") or ""))
    ]


class ActionAskPerformanceKind(Action):
    def name(self) -> str:
        return f"action_ask_{KIND}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="What kind of performance is it? Is there a charge to watch, is it at a pub or "
            "club, or is it filmed, recorded or broadcast?",
            buttons=await _kind_buttons(),
        )
        return []


class ActionAnswerLicenceNeeded(Action):
    def name(self) -> str:
        return "action_answer_licence_needed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reset = [SlotSet(slot, None) for slot in (QUESTION, *ASKED)]
        if tracker.get_slot(KIND) is None:
            return reset  # the form was stopped before the kind was known
        try:
            result = await settled(tracker)
            if result is None:
                answer = await rule_lists.check(_check(), _proposal(tracker))
                result = answer.body if answer.ok else None
            guide = await common.api(portal_api.guide, SERVICE)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return reset
        if result is None:
            dispatcher.utter_message(
                text="Sorry, I couldn't work that out. A person in our team can help.",
                buttons=common.OFFER_PERSON,
            )
            return reset
        said = str(result.get("explanation") or "")
        apply_url = str(guide.body.get("apply_url") or "") if guide.ok else ""
        if result.get("licence_needed") and apply_url:
            said += f" You can start the application on our website: {apply_url}"
        dispatcher.utter_message(
            text=said,
            buttons=[{"title": "How to apply", "payload": "/apply_performance_licence"}]
            if result.get("licence_needed")
            else [],
        )
        return [*reset, SlotSet(TOPIC, SERVICE)]
