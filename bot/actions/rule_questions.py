"""Child employment rule questions, and checking an employer's proposed hours.

- "what hours can a 14 year old work on a Saturday?", "can my son work in a kitchen":
  ``work_question_form`` asks the child's age only when the answer depends on it, then
  ``action_answer_work_question`` answers from the rule check's lists (the hours by age,
  the occupations) or, for a job at an age, from the check itself.
- "can you check these hours": ``hours_check_form`` collects the age, term or holidays, the
  job (by name, matched to the list's code) and the days and times in words (shifts.py),
  then ``action_check_hours`` posts them to the check and reads back each breach.

The rules are the portal's (POST /rules/child-employment/check and its lists): the answers
here are sentences around its numbers and its messages. How people name the jobs is in
bot/services/child-employment.yml.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import (
    common,
    conversation,
    interruptions,
    portal_api,
    rule_answers,
    rule_lists,
    services,
)
from actions import rule_reading as read
from actions import shifts as shift_text
from actions.portal_api import PortalUnavailable

SERVICE = "child-employment"
QUESTION_FORM = "work_question_form"
CHECK_FORM = "hours_check_form"
AGE, PERIOD, OCCUPATION, SHIFTS, QUESTION = (
    "work_age",
    "work_period",
    "work_occupation",
    "work_shifts",
    "work_question",
)
TOPIC = "topic_service"
PERIOD_BUTTONS = {read.TERM: "Term time", read.HOLIDAY: "School holidays"}
MAX_JOBS = 3  # jobs answered about in one reply
SMS_BREACHES = 1  # breaches read out in a text message (two segments at most)
CHECK_AGAIN = {"title": "Check other hours", "payload": "/check_work_hours"}
_ASKS_FOR_JOBS = re.compile(
    r"\b(what|which|wat|any|kind of|kinds of|type of|types of|sort of|list of)\s+"
    r"(jobs?|work|occupations?)\b",
    re.I,
)


def _check() -> str:
    service = services.by_slug(SERVICE)
    return str((service.raw if service else {}).get("rule_check") or SERVICE)


async def occupations() -> list[dict[str, Any]]:
    return await rule_lists.items(_check(), "occupations")


def job_names(listed: list[dict[str, Any]]) -> list[read.Named]:
    """How people name each job on the list: the service file's words, and for a job it
    does not name, the list's own name (up to any bracket)."""
    service = services.by_slug(SERVICE)
    said: dict[str, Any] = dict((service.raw if service else {}).get("occupations") or {})
    names = []
    for item in listed:
        words = tuple(str(w) for w in said.get(item["code"]) or ())
        own = re.split(r"\s*[(,]", str(item["name"]), maxsplit=1)[0]
        names.append(read.Named(str(item["code"]), (*words, own)))
    return names


# The intent that starts each form (data/rules/licensing.yml).
STARTED_BY = {QUESTION_FORM: "ask_work_rules", CHECK_FORM: "check_work_hours"}


def _activating(tracker: Tracker, form: str) -> bool:
    """The form is starting: the latest message is the question that started it. (Rasa
    marks the form active before its validation runs, so the loop cannot say; nothing has
    been asked yet, and the message is the form's starting intent, not "carry on".)"""
    return tracker.get_slot("requested_slot") is None and common.intent(tracker) == STARTED_BY[form]


def _requested(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot


async def _age_error(age: int) -> str | None:
    """The check's own message for an age it cannot take (like 19), if any."""
    try:
        answer = await rule_lists.check(_check(), {"age": age})
    except PortalUnavailable:
        return None
    return rule_lists.field_error(answer, "age")


class AgeValidation(interruptions.InterruptibleForm):
    """The child's age, asked by both forms. Abstract: each form names itself."""

    form = ""

    async def extract_work_age(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        found = read.age(common.text(tracker))
        if _activating(tracker, self.form):
            # Each question is about the child it names: an age said for another question
            # is not assumed ("year 9" is not an age either, so it is asked for).
            return {AGE: found}
        if tracker.get_slot(AGE) is None and not _requested(tracker, AGE) and found is not None:
            return {AGE: found}  # said along with another answer ("14, in term time")
        return {}  # when it is the answer asked for, validate_work_age reads it

    async def validate_work_age(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None or value == "":
            return {AGE: None}
        if isinstance(value, int | float) and not isinstance(value, bool):
            found: int | None = int(value)
        else:
            if (
                done := await interruptions.handle(dispatcher, tracker, self.form, AGE)
            ) is not None:
                return done
            found = read.age(str(value), asked=True)
        if found is None:
            dispatcher.utter_message(text="Tell me the child's age in years, like 14.")
            return {AGE: None}
        if error := await _age_error(found):
            dispatcher.utter_message(text=error)
            return {AGE: None}
        return {AGE: found}


class ValidateWorkQuestionForm(AgeValidation):
    form = QUESTION_FORM

    def name(self) -> str:
        return f"validate_{QUESTION_FORM}"

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventType | None:
        # The age only when the answer depends on it; else the form is done.
        if interruptions.ended_now(tracker) or tracker.get_slot(AGE) is not None:
            return None
        if tracker.get_slot(QUESTION) and not await _needs_age(tracker):
            return SlotSet("requested_slot", None)
        return None  # Rasa asks for the age

    async def extract_work_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {QUESTION: common.text(tracker)} if _activating(tracker, self.form) else {}

    async def validate_work_question(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {QUESTION: value}


async def _needs_age(tracker: Tracker) -> bool:
    """Only a question about hours whose answer differs between age bands needs the age."""
    question = str(tracker.get_slot(QUESTION) or "")
    try:
        if read.named(question, job_names(await occupations())):
            return False
        if _ASKS_FOR_JOBS.search(question):
            return False
        bands = await rule_lists.items(_check(), "hours")
    except PortalUnavailable:
        return False  # the answer says the portal cannot be reached
    return rule_answers.without_age(bands, read.day(question), read.period(question)) is None


class ActionAskWorkAge(Action):
    """How old the child is; a school year ("year 9") said instead is pointed out."""

    def name(self) -> str:
        return f"action_ask_{AGE}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        said = f"{tracker.get_slot(QUESTION) or ''} {common.text(tracker)}"
        year = read.year_group(said)
        if year is not None:
            dispatcher.utter_message(
                text=f"The rules go by age, not school year: children in year {year} are "
                f"{year + 4} or {year + 5}. How old is the child?"
            )
        else:
            dispatcher.utter_message(text="How old is the child? For example, 14.")
        return []


async def _job_answers(codes: list[str], listed: list[dict[str, Any]], age: int | None) -> str:
    """Whether the child can do each job named: from the list without an age, or from the
    check itself at an age (its own words for a job too young, or never allowed)."""
    by_code = {item["code"]: item for item in listed}
    said: list[str] = []
    for code in codes[:MAX_JOBS]:
        job = by_code[code]
        if age is None:
            said.append(rule_answers.job_without_age(job))
            continue
        answer = await rule_lists.check(_check(), _empty_week(age, code))
        found = rule_lists.messages(answer.body) if answer.ok else [answer.first_error()]
        if not found:
            found = [rule_answers.job_allowed(job, age)]
        said += [message for message in found if message not in said]
    return " ".join(said)


def _empty_week(age: int, occupation: str) -> dict[str, Any]:
    """A proposal with no hours: the check then says only what it thinks of the job and age."""
    return {"age": age, "period": read.TERM, "occupation": occupation, "shifts": {}}


async def _hours_answer(question: str, age: int | None) -> str:
    bands = await rule_lists.items(_check(), "hours")
    day, period = read.day(question), read.period(question)
    if age is None:
        return rule_answers.without_age(bands, day, period) or "Tell me the child's age."
    if band := rule_answers.band_for(bands, age):
        return rule_answers.hours_answer(band, day, period, rule_answers.a_child(age))
    # An age the limits do not cover (under 13, over school age): the check says why.
    listed = await occupations()
    allowed = next(item["code"] for item in listed if not item.get("prohibited"))
    answer = await rule_lists.check(_check(), _empty_week(age, allowed))
    return " ".join(rule_lists.messages(answer.body)) if answer.ok else answer.first_error()


class ActionAnswerWorkQuestion(Action):
    def name(self) -> str:
        return "action_answer_work_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = str(tracker.get_slot(QUESTION) or common.text(tracker))
        age = tracker.get_slot(AGE)
        age = int(age) if age is not None else None
        done = [SlotSet(QUESTION, None), SlotSet(TOPIC, SERVICE)]
        try:
            listed = await occupations()
            if codes := read.named(question, job_names(listed)):
                said = await _job_answers(codes, listed, age)
            elif _ASKS_FOR_JOBS.search(question):
                said = rule_answers.jobs_at(listed, age)
            else:
                said = await _hours_answer(question, age)
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return done
        dispatcher.utter_message(
            text=said,
            buttons=[{"title": "Check an employer's hours", "payload": "/check_work_hours"}],
        )
        return done


# --- Checking proposed hours ------------------------------------------------------------


class ValidateHoursCheckForm(AgeValidation):
    form = CHECK_FORM

    def name(self) -> str:
        return f"validate_{CHECK_FORM}"

    def _fresh(self, tracker: Tracker, slot: str) -> bool:
        """Whether to read the slot from a message that was not its answer: the question
        that starts the check (which also clears what an earlier check left), or while the
        slot is empty, so what was said is never overwritten by a guess."""
        if _activating(tracker, self.form):
            return True
        return tracker.get_slot(slot) is None and not _requested(tracker, slot)

    async def extract_work_period(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._fresh(tracker, PERIOD):
            return {}
        found = read.period(common.text(tracker))
        return {PERIOD: found} if found or _activating(tracker, self.form) else {}

    async def extract_work_occupation(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._fresh(tracker, OCCUPATION):
            return {}
        try:
            codes = read.named(common.text(tracker), job_names(await occupations()))
        except PortalUnavailable:
            return {}
        if len(codes) == 1:
            return {OCCUPATION: codes[0]}
        return {OCCUPATION: None} if _activating(tracker, self.form) else {}

    async def extract_work_shifts(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._fresh(tracker, SHIFTS):
            return {}
        try:
            return {SHIFTS: shift_text.read(common.text(tracker))}
        except shift_text.ShiftsNotRead:
            return {SHIFTS: None} if _activating(tracker, self.form) else {}

    async def validate_work_period(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        if text in PERIOD_BUTTONS:
            return {PERIOD: text}
        if chosen := read.exact(text, PERIOD_BUTTONS):
            return {PERIOD: chosen}
        if (done := await interruptions.handle(dispatcher, tracker, self.form, PERIOD)) is not None:
            return done
        if found := read.period(text):
            return {PERIOD: found}
        dispatcher.utter_message(
            text="I check one week at a time. Are these hours in term time or in the school "
            "holidays?",
            buttons=_period_buttons(),
        )
        return {PERIOD: None}

    async def validate_work_occupation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        try:
            listed = await occupations()
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return {OCCUPATION: None, "requested_slot": None}
        codes_by_name = {item["code"]: str(item["name"]) for item in listed}
        if text in codes_by_name:
            return {OCCUPATION: text}
        if chosen := read.exact(text, codes_by_name):
            return {OCCUPATION: chosen}
        if (
            done := await interruptions.handle(dispatcher, tracker, self.form, OCCUPATION)
        ) is not None:
            return done
        codes = read.named(text, job_names(listed))
        if len(codes) == 1:
            return {OCCUPATION: codes[0]}
        if codes:
            dispatcher.utter_message(
                text="Which of these is closest to the job?",
                buttons=[
                    {"title": codes_by_name[c], "payload": codes_by_name[c]} for c in codes[:5]
                ],
            )
        else:
            dispatcher.utter_message(
                text="I couldn't match that to a job on the council's list. Say what the "
                "child will do in a few words, like 'paper round', 'stacking shelves' or "
                "'waiting tables'."
            )
        return {OCCUPATION: None}

    async def validate_work_shifts(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if isinstance(value, dict):
            week = value
        else:
            if (
                done := await interruptions.handle(dispatcher, tracker, self.form, SHIFTS)
            ) is not None:
                return done
            try:
                week = shift_text.read(str(value or ""))
            except shift_text.ShiftsNotRead as exc:
                dispatcher.utter_message(text=f"{exc}.")
                return {SHIFTS: None}
        # Times that are not times, or shifts that overlap: the check's own words.
        try:
            answer = await rule_lists.check(_check(), {"shifts": week})
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return {SHIFTS: None, "requested_slot": None}
        if error := rule_lists.field_error(answer, "shifts"):
            dispatcher.utter_message(text=f"{error}. Tell me the days and times again.")
            return {SHIFTS: None}
        return {SHIFTS: week}


def _period_buttons() -> list[dict[str, str]]:
    return [{"title": title, "payload": title} for title in PERIOD_BUTTONS.values()]


class ActionCheckHours(Action):
    """The proposed week through the check: what was understood, then each breach in the
    check's words, or that the hours are within the law, and where to apply."""

    def name(self) -> str:
        return "action_check_hours"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        age, period = tracker.get_slot(AGE), tracker.get_slot(PERIOD)
        occupation, week = tracker.get_slot(OCCUPATION), tracker.get_slot(SHIFTS)
        done = [SlotSet(PERIOD, None), SlotSet(OCCUPATION, None), SlotSet(SHIFTS, None)]
        if None in (age, period, occupation, week):
            return done  # the form was stopped before everything was given
        proposal = {"age": int(age), "period": period, "occupation": occupation, "shifts": week}
        try:
            answer = await rule_lists.check(_check(), proposal)
            apply_url = await _apply_url()
        except PortalUnavailable:
            dispatcher.utter_message(text=common.UNAVAILABLE)
            return done
        if not answer.ok:
            dispatcher.utter_message(text=answer.first_error(), buttons=[CHECK_AGAIN])
            return done
        result = answer.body
        when = "term time" if period == read.TERM else "the school holidays"
        child = rule_answers.a_child(int(age))
        lines = [f"I read the hours as: {shift_text.describe(week)}."]
        breaches = [str(b["message"]) for b in result.get("breaches") or []]
        warnings = [str(w["message"]) for w in result.get("warnings") or []]
        if conversation.channel(tracker) == "sms" and len(breaches) > SMS_BREACHES:
            more = len(breaches) - SMS_BREACHES
            breaches = breaches[:SMS_BREACHES] + [
                f"And {more} more {'problem' if more == 1 else 'problems'}: "
                "check the hours on our website."
            ]
        if result.get("legal"):
            lines.append(f"These hours are within the law for {child} in {when}.")
            lines += warnings
            if apply_url:
                lines.append(f"The employer can apply for a permit online: {apply_url}")
            buttons = [CHECK_AGAIN]
        else:
            lines.append(f"These hours are not within the law for {child} in {when}:")
            lines += breaches + warnings
            buttons = [CHECK_AGAIN]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return [*done, SlotSet(TOPIC, SERVICE)]


async def _apply_url() -> str:
    answer = await common.api(portal_api.guide, SERVICE)
    return str(answer.body.get("apply_url") or "") if answer.ok else ""
