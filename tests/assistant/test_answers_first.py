"""The assistant answers first, then gives detail, and never meets a real question with
"didn't follow": a benefit the person names, the most common opening, and a text about a
case the assistant cannot see. End to end: the portal, Rasa, the actions and the API."""

from __future__ import annotations

import pytest

from casework import db
from casework.models import InboundText, OutboxMessage
from casework.settings import get_settings
from tests.assistant.test_assistant_end_to_end import Chat

pytestmark = pytest.mark.integration

FALLBACKS = ("didn't follow", "not sure what you mean", "can't help with that")


def first_reply(said: str) -> str:
    """What the assistant said first: each reply on the page is labelled "Assistant:"."""
    return said.split("Assistant:")[1].strip()


def test_a_benefit_named_is_answered_yes_first_then_an_offer(assistant, anonymous):
    chat = Chat(anonymous)

    answer = chat.say("we're on universal credit")

    assert first_reply(answer).startswith(
        "Yes, Universal Credit qualifies for free school meals"
    ), answer
    assert "Check if I qualify" in answer and "Apply here" in answer
    # Not the whole start page: the other benefits and the infant meals are left out.
    assert "Pension Credit" not in answer and "Pupil Premium" not in answer
    assert len(answer.split()) < 60, answer


def test_a_benefit_that_does_not_qualify_is_told_honestly_with_the_list(assistant, anonymous):
    chat = Chat(anonymous)

    answer = chat.say("we get child benefit, does that count?")

    assert first_reply(answer).startswith(
        "Child Benefit is not one of the benefits that qualify for free school meals on its own."
    ), answer
    assert "Universal Credit" in answer and "Income Support" in answer


def test_the_most_common_opening_starts_the_eligibility_check(assistant, anonymous):
    chat = Chat(anonymous)

    answer = chat.say(
        "hi my son might be able to get free school meals but im not sure, how do i find out"
    )

    assert "Can we check your eligibility?" in answer, answer
    assert not any(fallback in answer for fallback in FALLBACKS)


def test_a_text_about_a_case_is_offered_the_look_up_or_a_person(assistant, anonymous):
    """The Notify callback with a text naming no reference routes it to the assistant (see
    casework/inbound.py); the task it queues, run here in the worker's place, replies with
    the look-up or a person, not the fallback."""
    from portal.assistant.tasks import reply_to_text

    body = {
        "id": "b1a2c3d4-0000-4000-8000-0000000000aa",
        "source_number": "447700900555",
        "destination_number": "07700900999",
        "message": "when do the meals start for leo?",
        "date_received": "2026-11-23T10:00:00.000000Z",
    }
    token = get_settings().notify_callback_token
    response = anonymous.post(
        "/notifications/callbacks/inbound-sms",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.json()["result"] == "assistant"
    with db.transaction() as session:
        stored = session.get(InboundText, body["id"])
        sender, text = stored.source_number, stored.content

    row_id = reply_to_text.apply(args=(sender, text)).get()

    with db.transaction() as session:
        said = session.get(OutboxMessage, row_id).personalisation["reply"]
    assert "reference" in said and '"Talk to a person"' in said, said
    assert not any(fallback in said for fallback in FALLBACKS), said
    # Texting back the button's words starts the hand-over.
    row_id = reply_to_text.apply(args=(sender, "Talk to a person")).get()
    with db.transaction() as session:
        said = session.get(OutboxMessage, row_id).personalisation["reply"]
    assert "What would you like to ask?" in said, said


def test_a_case_question_in_the_chat_can_go_to_a_person(assistant, anonymous):
    chat = Chat(anonymous)

    offer = chat.say("when do the meals start for leo?")
    assert "Check my application" in offer and "Talk to a person" in offer
    assert not any(fallback in offer for fallback in FALLBACKS), offer

    assert "What would you like to ask?" in chat.say("/human_handoff")
